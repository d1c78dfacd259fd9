// Compares an import with the school's pupils by UPN and, unless it is a dry run, applies
// it in the caller's transaction. Re-import changes names, classes and year groups —
// never records — and pupils missing from a full import are only proposed as leavers.
import { and, eq, sql } from "drizzle-orm";
import { onlyRow, queryRows, type Tx } from "../db/database.ts";
import { classes, contacts, pupils, yearGroups } from "../db/schema/index.ts";
import { type PupilRow, yearGroupName } from "./pupil-row.ts";

export interface PlannedChange {
  line: number;
  upn: string;
  name: string;
  changes: string[];
}

export interface ImportPlan {
  adds: number;
  updates: number;
  added: PlannedChange[];
  updated: PlannedChange[];
  leavers: { pupilId: string; upn: string | null; name: string; className: string | null }[];
}

interface Existing {
  id: string;
  upn: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_first_name: string | null;
  preferred_last_name: string | null;
  year_group_id: string | null;
  class_id: string | null;
  class_name: string | null;
  on_roll: boolean;
}

// The dry-run answer lists this many adds and updates; the counts are always whole.
const LIST_AT_MOST = 500;
const CHUNK = 500;

const nameOf = (r: { legalFirstName: string; legalLastName: string }) =>
  `${r.legalFirstName} ${r.legalLastName}`;

export async function planAndApply(
  tx: Tx,
  schoolId: string,
  rows: readonly PupilRow[],
  options: { apply: boolean; full: boolean },
): Promise<ImportPlan> {
  const existing = await queryRows<Existing>(
    tx,
    sql`select p.id, p.upn, p.legal_first_name, p.legal_last_name, p.preferred_first_name,
               p.preferred_last_name, p.year_group_id, p.class_id, c.name as class_name, p.on_roll
        from pupils p left join classes c on c.school_id = p.school_id and c.id = p.class_id
        where p.school_id = ${schoolId}`,
  );
  const byUpn = new Map(existing.filter((e) => e.upn).map((e) => [e.upn.toUpperCase(), e]));
  const years = new Map(
    (
      await tx
        .select({ id: yearGroups.id, ncy: yearGroups.ncy })
        .from(yearGroups)
        .where(eq(yearGroups.schoolId, schoolId))
    ).map((y) => [y.ncy, y.id]),
  );
  const classRows = await tx
    .select({ id: classes.id, name: classes.name, yearGroupId: classes.yearGroupId })
    .from(classes)
    .where(eq(classes.schoolId, schoolId));
  const classByName = new Map(classRows.map((c) => [c.name.toLowerCase(), c]));

  // Year groups and classes the file names that the school does not have yet are made
  // (only when applying; a dry run says they would be).
  const yearId = async (ncy: number | null): Promise<string | null> => {
    if (ncy === null) return null;
    const found = years.get(ncy);
    if (found || !options.apply) return found ?? `new-year:${ncy}`;
    const made = onlyRow(
      await tx
        .insert(yearGroups)
        .values({ schoolId, name: yearGroupName(ncy), ncy })
        .returning({ id: yearGroups.id }),
      "year group",
    );
    years.set(ncy, made.id);
    return made.id;
  };
  const classOf = async (name: string | null, yearGroupId: string | null) => {
    if (name === null) return null;
    const found = classByName.get(name.toLowerCase());
    if (found) return found;
    if (!options.apply) return { id: `new-class:${name}`, name, yearGroupId };
    const realYear = yearGroupId?.startsWith("new-") ? null : yearGroupId;
    const made = onlyRow(
      await tx
        .insert(classes)
        .values({ schoolId, name, yearGroupId: realYear })
        .returning({ id: classes.id, name: classes.name, yearGroupId: classes.yearGroupId }),
      "class",
    );
    classByName.set(name.toLowerCase(), made);
    return made;
  };

  const plan: ImportPlan = { adds: 0, updates: 0, added: [], updated: [], leavers: [] };
  const inserts: (typeof pupils.$inferInsert & { contacts: PupilRow["contacts"] })[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.upn);
    const rowYear = await yearId(row.ncy);
    const cls = await classOf(row.className, rowYear);
    const yearGroupId = rowYear ?? cls?.yearGroupId ?? null;
    const old = byUpn.get(row.upn);
    if (!old) {
      plan.adds++;
      if (plan.added.length < LIST_AT_MOST) {
        plan.added.push({ line: row.line, upn: row.upn, name: nameOf(row), changes: [] });
      }
      inserts.push({
        schoolId,
        upn: row.upn,
        legalFirstName: row.legalFirstName,
        legalLastName: row.legalLastName,
        preferredFirstName: row.preferredFirstName,
        preferredLastName: row.preferredLastName,
        dateOfBirth: row.dateOfBirth,
        sex: row.sex,
        yearGroupId,
        classId: cls?.id ?? null,
        admittedOn: new Date().toISOString().slice(0, 10),
        contacts: row.contacts,
      });
      continue;
    }
    const changes: string[] = [];
    const set: Partial<typeof pupils.$inferInsert> = {};
    if (old.legal_first_name !== row.legalFirstName || old.legal_last_name !== row.legalLastName) {
      changes.push(`legal name ${old.legal_first_name} ${old.legal_last_name} → ${nameOf(row)}`);
      set.legalFirstName = row.legalFirstName;
      set.legalLastName = row.legalLastName;
    }
    if (
      (old.preferred_first_name ?? null) !== row.preferredFirstName ||
      (old.preferred_last_name ?? null) !== row.preferredLastName
    ) {
      changes.push("preferred name");
      set.preferredFirstName = row.preferredFirstName;
      set.preferredLastName = row.preferredLastName;
    }
    // A file without a year or class column says nothing about them: keep what is there.
    if (row.ncy !== null && yearGroupId !== old.year_group_id) {
      changes.push(`year group → ${yearGroupName(row.ncy)}`);
      set.yearGroupId = yearGroupId;
    }
    if (row.className !== null && cls && cls.id !== old.class_id) {
      changes.push(`class ${old.class_name ?? "none"} → ${cls.name}`);
      set.classId = cls.id;
    }
    if (changes.length === 0) continue;
    plan.updates++;
    if (plan.updated.length < LIST_AT_MOST) {
      plan.updated.push({ line: row.line, upn: row.upn, name: nameOf(row), changes });
    }
    if (options.apply) {
      await tx
        .update(pupils)
        .set(set)
        .where(and(eq(pupils.schoolId, schoolId), eq(pupils.id, old.id)));
    }
  }
  if (options.full) {
    plan.leavers = existing
      .filter((e) => e.on_roll && !(e.upn && seen.has(e.upn.toUpperCase())))
      .map((e) => ({
        pupilId: e.id,
        upn: e.upn,
        name: `${e.legal_first_name} ${e.legal_last_name}`,
        className: e.class_name,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  if (options.apply) {
    for (let i = 0; i < inserts.length; i += CHUNK) {
      const chunk = inserts.slice(i, i + CHUNK);
      const made = await tx
        .insert(pupils)
        .values(chunk.map(({ contacts: _c, ...p }) => p))
        .returning({ id: pupils.id, upn: pupils.upn });
      const idOf = new Map(made.map((m) => [m.upn, m.id]));
      const contactRows = chunk.flatMap((p) => {
        const pupilId = idOf.get(p.upn ?? "");
        return pupilId ? p.contacts.map((c) => ({ schoolId, pupilId, ...c })) : [];
      });
      if (contactRows.length > 0) await tx.insert(contacts).values(contactRows);
    }
  }
  return plan;
}
