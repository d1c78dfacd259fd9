// The DSL's desk in a pupil's chronology: category changes of their incidents (the old
// and the new, with who and why), threshold decisions and flag changes — each shown only
// to readers the need-to-know rule lets read it.
import { type SQL, sql } from "drizzle-orm";
import { readableCondition } from "../access/readable-condition.ts";
import type { PupilPlace } from "../access/record.ts";
import type { AccessSubject } from "../access/subject.ts";
import { queryRows, type Tx } from "../db/database.ts";
import type { Area } from "../db/schema/index.ts";
import { decideDeskRead } from "../desk/desk-record.ts";
import { incidentColumns } from "../incidents/record-facts.ts";
import { listItemLabel } from "../taxonomy/category-label-sql.ts";
import type { ChronologyEntry, ChronologyFilters } from "./queries.ts";

const names = (ids: string) => sql`array(select coalesce(p.name || ' – ', '') || c.name
  from jsonb_array_elements_text(${sql.raw(ids)}) cid
  join categories c on c.school_id = ic.school_id and c.id = cid::uuid
  left join categories p on p.school_id = c.school_id and p.id = c.parent_id order by 1)`;

function inRange(at: Date, f: ChronologyFilters): boolean {
  const day = at.toISOString().slice(0, 10);
  return (!f.from || day >= f.from) && (!f.to || day <= f.to);
}

const base = () => ({
  outcome: null,
  status: null,
  edited: false,
  enteredInError: false,
  restricted: false,
  otherPupils: [],
});

export async function deskEntries(
  tx: Tx,
  subject: AccessSubject,
  pupil: PupilPlace,
  f: ChronologyFilters,
): Promise<ChronologyEntry[]> {
  const entries: ChronologyEntry[] = [];
  const want = (type: ChronologyEntry["type"]) => !f.type || f.type === type;

  if (want("category_change")) {
    const conditions: SQL[] = [
      sql`ic.school_id = ${subject.schoolId}`,
      sql`${pupil.id}::uuid = any(ic.pupil_ids)`,
      readableCondition(subject, incidentColumns(), pupil.id),
    ];
    if (!f.includeEnteredInError) conditions.push(sql`not ic.entered_in_error`);
    if (f.categoryId) {
      conditions.push(sql`ic.category_ids && array(select c.id from categories c
        where c.school_id = ic.school_id and (c.id = ${f.categoryId}::uuid or c.parent_id = ${f.categoryId}::uuid))`);
    }
    const changes = await queryRows<{
      id: string;
      incident_id: string;
      number: number;
      at: string;
      by_id: string;
      by_name: string;
      reason: string;
      from_names: string[];
      to_names: string[];
      areas: string[];
      entered_in_error: boolean;
    }>(
      tx,
      sql`select e.id, ic.incident_id, ic.number, e.at, e.by_id, a.name as by_name,
            e.payload->>'reason' as reason, ic.areas, ic.entered_in_error,
            ${names("e.payload->'fromCategoryIds'")} as from_names,
            ${names("e.payload->'toCategoryIds'")} as to_names
          from incident_events e
          join incident_current ic on ic.school_id = e.school_id and ic.incident_id = e.incident_id
          join accounts a on a.id = e.by_id
          where e.type = 'recategorised' and ${sql.join(conditions, sql` and `)}`,
    );
    for (const c of changes) {
      const at = new Date(c.at);
      if (!inRange(at, f)) continue;
      entries.push({
        ...base(),
        type: "category_change",
        id: c.id,
        incidentId: c.incident_id,
        number: c.number,
        occurredAt: at,
        recordedAt: at,
        categories: c.to_names,
        areas: c.areas,
        author: { id: c.by_id, name: c.by_name },
        account: `Categories changed from ${c.from_names.join("; ")} to ${c.to_names.join("; ")}. Reason: ${c.reason}`,
        enteredInError: c.entered_in_error,
      });
    }
  }

  // Threshold decisions and flags belong to the child, not to a category.
  if (f.categoryId) return entries;

  if (want("threshold")) {
    const decisions = await queryRows<{
      id: string;
      incident_id: string | null;
      number: number | null;
      name: string;
      area: Area;
      rationale: string;
      disagreement: string | null;
      decided_by: string;
      by_name: string;
      decided_at: string;
    }>(
      tx,
      sql`select d.id, d.incident_id, i.number, ${listItemLabel("t", "thresholds", sql`d.decided_at`)} as name, d.area, d.rationale, d.disagreement,
            d.decided_by, a.name as by_name, d.decided_at
          from threshold_decisions d
          join thresholds t on t.school_id = d.school_id and t.id = d.threshold_id
          join accounts a on a.id = d.decided_by
          left join incidents i on i.school_id = d.school_id and i.id = d.incident_id
          where d.school_id = ${subject.schoolId} and d.pupil_id = ${pupil.id}`,
    );
    for (const d of decisions) {
      const at = new Date(d.decided_at);
      if (!inRange(at, f) || !decideDeskRead(subject, pupil, d.area, d.decided_by).allowed)
        continue;
      entries.push({
        ...base(),
        type: "threshold",
        id: d.id,
        incidentId: d.incident_id,
        number: d.number,
        occurredAt: at,
        recordedAt: at,
        categories: [`Threshold: ${d.name}`],
        areas: [d.area],
        author: { id: d.decided_by, name: d.by_name },
        account: `Threshold decision: ${d.name}. Rationale: ${d.rationale}`,
        outcome: d.disagreement ? `Professional disagreement: ${d.disagreement}` : null,
      });
    }
  }

  if (want("flag")) {
    const flags = await queryRows<{
      id: string;
      name: string;
      area: Area;
      starts_on: string;
      note: string;
      set_by: string;
      set_by_name: string;
      set_at: string;
      ends_on: string | null;
      reason: string | null;
      ended_by: string | null;
      ended_by_name: string | null;
      ended_at: string | null;
    }>(
      tx,
      sql`select f.id, ${listItemLabel("t", "flagTypes", sql`f.set_at`)} as name, f.area, f.starts_on::text, f.note, f.set_by, sa.name as set_by_name,
            f.set_at, e.ends_on::text, e.reason, e.ended_by, ea.name as ended_by_name, e.ended_at
          from pupil_flags f
          join flag_types t on t.school_id = f.school_id and t.id = f.flag_type_id
          join accounts sa on sa.id = f.set_by
          left join pupil_flag_ends e on e.school_id = f.school_id and e.flag_id = f.id
          left join accounts ea on ea.id = e.ended_by
          where f.school_id = ${subject.schoolId} and f.pupil_id = ${pupil.id}`,
    );
    for (const flag of flags) {
      if (!decideDeskRead(subject, pupil, flag.area, flag.set_by).allowed) continue;
      const started = new Date(`${flag.starts_on}T00:00:00Z`);
      if (inRange(started, f)) {
        entries.push({
          ...base(),
          type: "flag",
          id: flag.id,
          incidentId: null,
          number: null,
          occurredAt: started,
          recordedAt: new Date(flag.set_at),
          categories: [`Flag: ${flag.name}`],
          areas: [flag.area],
          author: { id: flag.set_by, name: flag.set_by_name },
          account: `${flag.name} from ${flag.starts_on}. ${flag.note}`,
        });
      }
      if (flag.ends_on && flag.ended_by && flag.ended_at) {
        const ended = new Date(`${flag.ends_on}T00:00:00Z`);
        if (!inRange(ended, f)) continue;
        entries.push({
          ...base(),
          type: "flag",
          id: flag.id,
          incidentId: null,
          number: null,
          occurredAt: ended,
          recordedAt: new Date(flag.ended_at),
          categories: [`Flag ended: ${flag.name}`],
          areas: [flag.area],
          author: { id: flag.ended_by, name: flag.ended_by_name ?? "" },
          account: `${flag.name} ended on ${flag.ends_on}. Reason: ${flag.reason ?? ""}`,
        });
      }
    }
  }
  return entries;
}
