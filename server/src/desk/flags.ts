// Pupil flags (CP plan, CIN, looked after, EHCP, SEN support, young carer…, and the child
// protection file): each set with a start date and a note, ended with a date and a
// reason, never edited. A reader sees only the flags whose area their access covers.
import { sql } from "drizzle-orm";
import { areasOpenFor } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import type { PupilPlace } from "../access/record.ts";
import type { AccessSubject } from "../access/subject.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import { schoolDay } from "../dashboard/review-clock.ts";
import { onlyRow, queryRows, type Tx } from "../db/database.ts";
import { type Area, flagTypes, pupilFlagEnds, pupilFlags } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { nameAt } from "../taxonomy/category-label-sql.ts";
import { decideDeskRead } from "./desk-record.ts";

type Who = SignedIn & { schoolId: string };

export interface FlagView {
  id: string;
  typeId: string;
  key: string | null;
  name: string;
  /** The flag's name when it was set, when the school has renamed it since. */
  filedAs?: string;
  area: Area;
  startsOn: string;
  note: string;
  setBy: { id: string; name: string };
  setAt: Date;
  ended: { endsOn: string; reason: string; by: { id: string; name: string }; at: Date } | null;
  /** Set and not ended, or ended on a future date. */
  current: boolean;
}

interface FlagRow {
  id: string;
  type_id: string;
  key: string | null;
  name: string;
  name_then: string;
  area: Area;
  starts_on: string;
  note: string;
  set_by: string;
  set_by_name: string;
  set_at: string;
  ends_on: string | null;
  end_reason: string | null;
  ended_by: string | null;
  ended_by_name: string | null;
  ended_at: string | null;
}

// The school's own date, not UTC's: a flag set at 00:30 in summer starts that day.
const today = () => schoolDay(new Date()).date;

/** Every flag of a pupil, current and past, that this reader may see. */
export async function readableFlags(
  tx: Tx,
  subject: AccessSubject,
  pupil: PupilPlace,
): Promise<FlagView[]> {
  const rows = await queryRows<FlagRow>(
    tx,
    sql`select f.id, f.flag_type_id as type_id, t.key, t.name, ${nameAt("t", sql`f.set_at`, "flagTypes")} as name_then, f.area, f.starts_on::text, f.note,
          f.set_by, sa.name as set_by_name, f.set_at,
          e.ends_on::text, e.reason as end_reason, e.ended_by, ea.name as ended_by_name, e.ended_at
        from pupil_flags f
        join flag_types t on t.school_id = f.school_id and t.id = f.flag_type_id
        join accounts sa on sa.id = f.set_by
        left join pupil_flag_ends e on e.school_id = f.school_id and e.flag_id = f.id
        left join accounts ea on ea.id = e.ended_by
        where f.school_id = ${subject.schoolId} and f.pupil_id = ${pupil.id}
        order by f.starts_on desc, f.set_at desc`,
  );
  const now = today();
  return rows
    .filter((r) => decideDeskRead(subject, pupil, r.area, r.set_by).allowed)
    .map((r) => ({
      id: r.id,
      typeId: r.type_id,
      key: r.key,
      name: r.name,
      ...(r.name_then !== r.name ? { filedAs: r.name_then } : {}),
      area: r.area,
      startsOn: r.starts_on,
      note: r.note,
      setBy: { id: r.set_by, name: r.set_by_name },
      setAt: new Date(r.set_at),
      ended:
        r.ends_on && r.ended_by && r.ended_at
          ? {
              endsOn: r.ends_on,
              reason: r.end_reason ?? "",
              by: { id: r.ended_by, name: r.ended_by_name ?? "" },
              at: new Date(r.ended_at),
            }
          : null,
      current: r.ends_on === null || r.ends_on > now,
    }));
}

/**
 * Who may set or end a flag of this type for this pupil: the DSL team for the DSL-only
 * ones (CP, CIN, looked after, the CP file); for the rest, anyone whose access opens
 * that area for the pupil (the SENDCo for EHCP and SEN support), with a second factor.
 */
export function mayManageFlag(
  who: Who,
  subject: AccessSubject,
  pupil: PupilPlace,
  type: { area: Area; dslOnly: boolean },
): boolean {
  if (!subject.secondFactor) return false;
  if (type.dslOnly) return can(who.roles, "flag.manageDslOnly");
  return areasOpenFor(subject.grants, pupil).has(type.area);
}

export async function setFlag(
  tx: Tx,
  who: Who,
  subject: AccessSubject,
  pupil: PupilPlace,
  input: { flagTypeId: string; startsOn: string; note: string },
): Promise<string> {
  const [type] = await queryRows<{ id: string; area: Area; dsl_only: boolean; name: string }>(
    tx,
    sql`select id, area, dsl_only, name from flag_types
        where school_id = ${who.schoolId} and id = ${input.flagTypeId} and not hidden`,
  );
  if (!type) {
    throw problems.unprocessable("Choose a flag from the school's list.", [
      { path: "flagTypeId", message: "Choose a flag from the school's list." },
    ]);
  }
  if (!mayManageFlag(who, subject, pupil, { area: type.area, dslOnly: type.dsl_only })) {
    throw problems.forbidden(
      type.dsl_only
        ? "Only the designated safeguarding leads can set this flag."
        : "Your access does not cover this kind of flag for this pupil.",
    );
  }
  if (input.startsOn > today()) {
    throw problems.unprocessable("The start date cannot be in the future.", [
      { path: "startsOn", message: "The start date cannot be in the future." },
    ]);
  }
  const [open] = await queryRows<{ id: string }>(
    tx,
    sql`select f.id from pupil_flags f
        where f.school_id = ${who.schoolId} and f.pupil_id = ${pupil.id} and f.flag_type_id = ${type.id}
          and not exists (select 1 from pupil_flag_ends e where e.school_id = f.school_id and e.flag_id = f.id)`,
  );
  if (open) {
    throw problems.conflict(`${type.name} is already set for this pupil: end it first.`);
  }
  const rows = await tx
    .insert(pupilFlags)
    .values({
      schoolId: who.schoolId,
      pupilId: pupil.id,
      flagTypeId: type.id,
      area: type.area,
      startsOn: input.startsOn,
      note: input.note.trim(),
      setBy: who.accountId,
    })
    .returning({ id: pupilFlags.id });
  return onlyRow(rows, "the new flag").id;
}

export async function endFlag(
  tx: Tx,
  who: Who,
  subject: AccessSubject,
  loadPlace: (pupilId: string) => Promise<PupilPlace | null>,
  flagId: string,
  input: { endsOn: string; reason: string },
): Promise<void> {
  const [flag] = await queryRows<{
    pupil_id: string;
    area: Area;
    dsl_only: boolean;
    starts_on: string;
    set_by: string;
    ended: boolean;
  }>(
    tx,
    sql`select f.pupil_id, f.area, t.dsl_only, f.starts_on::text, f.set_by,
          exists (select 1 from pupil_flag_ends e where e.school_id = f.school_id and e.flag_id = f.id) as ended
        from pupil_flags f join flag_types t on t.school_id = f.school_id and t.id = f.flag_type_id
        where f.school_id = ${who.schoolId} and f.id = ${flagId}`,
  );
  const pupil = flag ? await loadPlace(flag.pupil_id) : null;
  if (!flag || !pupil || !decideDeskRead(subject, pupil, flag.area, flag.set_by).allowed) {
    throw problems.notFound();
  }
  if (!mayManageFlag(who, subject, pupil, { area: flag.area, dslOnly: flag.dsl_only })) {
    throw problems.forbidden("Your access does not let you end this flag.");
  }
  if (flag.ended) throw problems.conflict("This flag has already ended.");
  if (input.endsOn < flag.starts_on) {
    throw problems.unprocessable("The end date cannot be before the flag started.", [
      { path: "endsOn", message: `The end date cannot be before ${flag.starts_on}.` },
    ]);
  }
  await tx.insert(pupilFlagEnds).values({
    schoolId: who.schoolId,
    flagId,
    endsOn: input.endsOn,
    reason: input.reason.trim(),
    endedBy: who.accountId,
  });
}

export async function listFlagTypes(tx: Tx, schoolId: string) {
  return tx
    .select({
      id: flagTypes.id,
      key: flagTypes.key,
      name: flagTypes.name,
      area: flagTypes.area,
      dslOnly: flagTypes.dslOnly,
    })
    .from(flagTypes)
    .where(sql`${flagTypes.schoolId} = ${schoolId} and not ${flagTypes.hidden}`)
    .orderBy(flagTypes.sortOrder);
}
