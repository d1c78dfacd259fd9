// The school's simpler lists — agencies, flag types, thresholds and document types — kept
// by the DSL team as categories are: rename, add, hide, reorder; nothing is deleted, every
// name is kept in the list's append-only name history, and an area is fixed once anything
// has been filed under it (the area decides who may read those records).
import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { audit, type ListItemChange } from "../audit/audit-events.ts";
import { queryRows, type Tx } from "../db/database.ts";
import type { Area } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

export type ListKind = "agencies" | "flag-types" | "thresholds" | "document-types";

interface ListShape {
  table: string;
  names: string;
  /** The id column in the name history table. */
  nameKey: string;
  /** How staff call one item, in messages. */
  noun: string;
  hasArea: boolean;
  /** True when a record has been filed under this item (its area is then fixed). */
  used: (schoolId: string, id: SQL | string) => SQL;
  audit: {
    added: "agency.added" | "flag_type.added" | "threshold.added" | "document_type.added";
    changed: "agency.changed" | "flag_type.changed" | "threshold.changed" | "document_type.changed";
    idKey: "agencyId" | "flagTypeId" | "thresholdId" | "documentTypeId";
  };
}

export const LISTS: Record<ListKind, ListShape> = {
  agencies: {
    table: "agencies",
    names: "agency_names",
    nameKey: "agency_id",
    noun: "agency",
    hasArea: false,
    used: () => sql`false`,
    audit: { added: "agency.added", changed: "agency.changed", idKey: "agencyId" },
  },
  "flag-types": {
    table: "flag_types",
    names: "flag_type_names",
    nameKey: "flag_type_id",
    noun: "flag",
    hasArea: true,
    used: (schoolId, id) =>
      sql`exists (select 1 from pupil_flags where school_id = ${schoolId} and flag_type_id = ${id})`,
    audit: { added: "flag_type.added", changed: "flag_type.changed", idKey: "flagTypeId" },
  },
  thresholds: {
    table: "thresholds",
    names: "threshold_names",
    nameKey: "threshold_id",
    noun: "threshold",
    hasArea: true,
    used: (schoolId, id) =>
      sql`exists (select 1 from threshold_decisions where school_id = ${schoolId} and threshold_id = ${id})`,
    audit: { added: "threshold.added", changed: "threshold.changed", idKey: "thresholdId" },
  },
  "document-types": {
    table: "document_types",
    names: "document_type_names",
    nameKey: "document_type_id",
    noun: "document type",
    hasArea: true,
    // Documents keep the type's name as it was at upload: any name the type ever had.
    used: (schoolId, id) =>
      sql`exists (select 1 from documents d join document_type_names n
                    on n.school_id = d.school_id and n.name = d.document_type
                  where d.school_id = ${schoolId} and n.document_type_id = ${id})`,
    audit: {
      added: "document_type.added",
      changed: "document_type.changed",
      idKey: "documentTypeId",
    },
  },
};

export const AREA_FIXED =
  "An area cannot change once records are filed under it: each record's area was fixed when it was filed, and it decides who may read it. Hide this one and add a new one in the right area.";

export interface ListItem {
  id: string;
  name: string;
  area: Area | null;
  hidden: boolean;
  sortOrder: number;
  used: boolean;
}

/** Every item of a list, hidden ones too, in order, with whether its area is fixed. */
export async function listItems(tx: Tx, schoolId: string, kind: ListKind): Promise<ListItem[]> {
  const list = LISTS[kind];
  const t = sql.identifier(list.table);
  const area = list.hasArea ? sql`i.area` : sql`null`;
  const rows = await queryRows<Omit<ListItem, "sortOrder"> & { sort_order: number }>(
    tx,
    sql`select i.id, i.name, ${area} as area, i.hidden, i.sort_order,
          ${list.used(schoolId, sql`i.id`)} as used
        from ${t} i where i.school_id = ${schoolId}
        order by i.sort_order, i.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    area: r.area,
    hidden: r.hidden,
    sortOrder: r.sort_order,
    used: r.used,
  }));
}

function duplicate(noun: string, clash: { name: string; hidden: boolean }) {
  return problems.unprocessable("Choose another name.", [
    {
      path: "name",
      message: clash.hidden
        ? `There is already a hidden ${noun} called ${clash.name}: show it again instead.`
        : `There is already a ${noun} called ${clash.name}.`,
    },
  ]);
}

async function lockedItems(tx: Tx, schoolId: string, kind: ListKind) {
  const t = sql.identifier(LISTS[kind].table);
  return queryRows<{ id: string; name: string; hidden: boolean; area: Area | null }>(
    tx,
    sql`select id, name, hidden, ${LISTS[kind].hasArea ? sql`area` : sql`null`} as area
        from ${t} where school_id = ${schoolId} order by sort_order, name for update`,
  );
}

const clashWith = (
  rows: readonly { id: string; name: string; hidden: boolean }[],
  name: string,
  self?: string,
) => rows.find((r) => r.id !== self && r.name.toLowerCase() === name.toLowerCase());

async function recordName(
  tx: Tx,
  kind: ListKind,
  schoolId: string,
  id: string,
  name: string,
  by: string,
) {
  const list = LISTS[kind];
  await tx.execute(
    sql`insert into ${sql.identifier(list.names)} (school_id, ${sql.identifier(list.nameKey)}, name, by_id)
        values (${schoolId}, ${id}, ${name}, ${by})`,
  );
}

export interface Acting {
  schoolId: string;
  accountId: string;
}

export async function addListItem(
  tx: Tx,
  who: Acting,
  kind: ListKind,
  input: { name: string; area?: Area | undefined; dslOnly?: boolean | undefined },
): Promise<string> {
  const list = LISTS[kind];
  if (list.hasArea && input.area === undefined) {
    throw problems.unprocessable("Choose the area.", [
      { path: "area", message: `Choose which area records with this ${list.noun} belong to.` },
    ]);
  }
  const all = await lockedItems(tx, who.schoolId, kind);
  const clash = clashWith(all, input.name);
  if (clash) throw duplicate(list.noun, clash);
  const id = randomUUID();
  const columns = [sql`school_id`, sql`id`, sql`name`, sql`sort_order`];
  const values: SQL[] = [
    sql`${who.schoolId}`,
    sql`${id}`,
    sql`${input.name}`,
    sql`${all.length + 1}`,
  ];
  if (list.hasArea) {
    columns.push(sql`area`);
    values.push(sql`${input.area}`);
  }
  if (kind === "flag-types") {
    columns.push(sql`dsl_only`);
    values.push(sql`${input.dslOnly ?? false}`);
  }
  await tx.execute(
    sql`insert into ${sql.identifier(list.table)} (${sql.join(columns, sql`, `)})
        values (${sql.join(values, sql`, `)})`,
  );
  await recordName(tx, kind, who.schoolId, id, input.name, who.accountId);
  const payload = {
    [list.audit.idKey]: id,
    name: input.name,
    ...(list.hasArea ? { area: input.area } : {}),
  };
  // AuditPayloads types each event; the id's key varies with the kind, so TypeScript cannot
  // follow it here (taxonomy-lists.test.ts reads these events back).
  await audit(tx, who.schoolId, who.accountId, list.audit.added, payload as never);
  return id;
}

/** Puts `id` at `position` (1-based) among `ids` and numbers them all again. */
function reorder(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((s) => s !== id);
  const at = Math.min(Math.max(position - 1, 0), rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

export async function changeListItem(
  tx: Tx,
  who: Acting,
  kind: ListKind,
  id: string,
  body: {
    name?: string | undefined;
    hidden?: boolean | undefined;
    sortOrder?: number | undefined;
    area?: Area | undefined;
  },
): Promise<void> {
  const list = LISTS[kind];
  const t = sql.identifier(list.table);
  const all = await lockedItems(tx, who.schoolId, kind);
  const item = all.find((a) => a.id === id);
  if (!item) throw problems.notFound(`There is no such ${list.noun} in this school.`);
  const changed: ListItemChange = {};
  const set: SQL[] = [];
  if (body.area !== undefined && list.hasArea && body.area !== item.area) {
    const [use] = await queryRows<{ used: boolean }>(
      tx,
      sql`select ${list.used(who.schoolId, id)} as used`,
    );
    if (use?.used) throw problems.conflict(AREA_FIXED);
    set.push(sql`area = ${body.area}`);
    changed.area = { from: item.area ?? "", to: body.area };
  }
  if (body.name !== undefined && body.name !== item.name) {
    const clash = clashWith(all, body.name, id);
    if (clash) throw duplicate(list.noun, clash);
    set.push(sql`name = ${body.name}`);
    await recordName(tx, kind, who.schoolId, id, body.name, who.accountId);
    changed.from = item.name;
    changed.to = body.name;
  }
  if (body.hidden !== undefined && body.hidden !== item.hidden) {
    set.push(sql`hidden = ${body.hidden}`);
    changed.hidden = body.hidden;
  }
  if (set.length > 0) {
    await tx.execute(
      sql`update ${t} set ${sql.join(set, sql`, `)} where school_id = ${who.schoolId} and id = ${id}`,
    );
  }
  if (body.sortOrder !== undefined) {
    const order = reorder(
      all.map((a) => a.id),
      id,
      body.sortOrder,
    );
    await renumber(tx, who.schoolId, list.table, order);
    changed.sortOrder = order.indexOf(id) + 1;
  }
  if (Object.keys(changed).length > 0) {
    await audit(tx, who.schoolId, who.accountId, list.audit.changed, {
      [list.audit.idKey]: id,
      ...changed,
    } as never);
  }
}

/** Numbers rows 1, 2, 3… in the order given (one statement, whatever the count). */
export async function renumber(tx: Tx, schoolId: string, table: string, order: readonly string[]) {
  const positions = sql.join(
    order.map((id, i) => sql`(${id}::uuid, ${i + 1}::int)`),
    sql`, `,
  );
  const t = sql.identifier(table);
  await tx.execute(sql`
    update ${t} set sort_order = p.position
    from (values ${positions}) as p(id, position)
    where ${t}.school_id = ${schoolId} and ${t}.id = p.id`);
}

/** A list's name history for some items: `nameAt(id, at)` is the name it had then. */
export interface NameHistory {
  /** The last name given at or before `at`, else the first it ever had. */
  nameAt(id: string, at: Date): string | undefined;
}

/** One query, whatever the number of records the names are wanted for. */
export async function loadNameHistory(
  tx: Tx,
  schoolId: string,
  kind: ListKind,
  ids: Iterable<string>,
): Promise<NameHistory> {
  const unique = [...new Set(ids)];
  const byItem = new Map<string, { name: string; fromAt: Date }[]>();
  if (unique.length > 0) {
    const list = LISTS[kind];
    const key = sql.identifier(list.nameKey);
    const rows = await queryRows<{ item_id: string; name: string; from_at: string | Date }>(
      tx,
      sql`select ${key} as item_id, name, from_at from ${sql.identifier(list.names)}
          where school_id = ${schoolId}
            and ${key} in (${sql.join(
              unique.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
          order by from_at, id`,
    );
    for (const r of rows) {
      const names = byItem.get(r.item_id) ?? [];
      names.push({ name: r.name, fromAt: new Date(r.from_at) });
      byItem.set(r.item_id, names);
    }
  }
  return {
    nameAt(id, at) {
      let name: string | undefined;
      for (const n of byItem.get(id) ?? []) {
        // A list installed after a record's date (the demo's back-dated records) still
        // shows its first name: no earlier one ever existed.
        if (name === undefined || n.fromAt <= at) name = n.name;
      }
      return name;
    },
  };
}
