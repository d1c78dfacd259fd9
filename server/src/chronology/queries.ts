// A pupil's chronology: every incident they are in (as subject or linked), every action
// for them and every document uploaded for them, that the reader may read — the access
// engine's SQL form for incidents and documents, its rule for actions — in the order
// things happened.
import { type SQL, sql } from "drizzle-orm";
import { decideActionRead } from "../access/action-read.ts";
import { readableCondition } from "../access/readable-condition.ts";
import type { PupilPlace } from "../access/record.ts";
import type { AccessSubject } from "../access/subject.ts";
import type { Tx } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import type { Area } from "../db/schema/index.ts";
import { restrictedNowSql } from "../incidents/action-restrictions.ts";
import { incidentColumns } from "../incidents/record-facts.ts";
import { categoryLabel } from "../taxonomy/category-label-sql.ts";
import { documentEntries } from "../vault/chronology-entries.ts";
import { deskEntries } from "./desk-entries.ts";
import type { NamedChild } from "./redaction.ts";

export interface ChronologyFilters {
  categoryId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  authorId?: string | undefined;
  /** Entries in this area (an incident in several areas matches each of them). */
  area?: Area | undefined;
  type?: ChronologyEntryType | undefined;
  q?: string | undefined;
  includeEnteredInError?: boolean;
}

export const CHRONOLOGY_ENTRY_TYPES = [
  "incident",
  "action",
  "category_change",
  "threshold",
  "flag",
  "document",
] as const;
export type ChronologyEntryType = (typeof CHRONOLOGY_ENTRY_TYPES)[number];

/** How each kind of entry is named in the exports and on screen. */
export const ENTRY_LABELS: Record<ChronologyEntryType, string> = {
  incident: "Incident",
  action: "Action",
  category_change: "Category change",
  threshold: "Threshold decision",
  flag: "Flag",
  document: "Document uploaded",
};

export interface ChronologyEntry {
  type: ChronologyEntryType;
  id: string;
  /** The incident it belongs to; none for a flag or a decision about the child alone. */
  incidentId: string | null;
  number: number | null;
  occurredAt: Date;
  recordedAt: Date;
  categories: string[];
  areas: string[];
  author: { id: string; name: string };
  account: string;
  outcome: string | null;
  status: string | null;
  edited: boolean;
  /** How many versions the entry has had, where it keeps them (incidents). */
  revisions?: number;
  enteredInError: boolean;
  restricted: boolean;
  otherPupils: NamedChild[];
}

const LATE_MS = 24 * 60 * 60 * 1000;
export const isLate = (e: ChronologyEntry) =>
  e.recordedAt.getTime() - e.occurredAt.getTime() > LATE_MS;

export async function chronology(
  tx: Tx,
  subject: AccessSubject,
  pupil: PupilPlace,
  f: ChronologyFilters,
): Promise<ChronologyEntry[]> {
  const conditions: SQL[] = [
    sql`ic.school_id = ${subject.schoolId}`,
    // `@>` rather than `= any(…)`: only the containment form can use the GIN index
    // incident_current_pupils (docs/performance.md).
    sql`ic.pupil_ids @> array[${pupil.id}]::uuid[]`,
  ];
  if (!f.includeEnteredInError) conditions.push(sql`not ic.entered_in_error`);
  if (f.categoryId) {
    // A category matches its subcategories too.
    conditions.push(sql`ic.category_ids && array(select c.id from categories c
      where c.school_id = ic.school_id and (c.id = ${f.categoryId}::uuid or c.parent_id = ${f.categoryId}::uuid))`);
  }
  if (f.from) conditions.push(sql`ic.occurred_at >= ${f.from}::date`);
  if (f.to) conditions.push(sql`ic.occurred_at < ${f.to}::date + 1`);
  const readable = readableCondition(subject, incidentColumns(), pupil.id);
  const incidents = await queryRows<{
    incident_id: string;
    number: number;
    occurred_at: string;
    recorded_at: string;
    status: string;
    entered_in_error: boolean;
    revision_no: number;
    author_id: string;
    author: string;
    account: string;
    categories: string[];
    areas: string[];
    readable: boolean;
    others: NamedChild[];
  }>(
    tx,
    sql`select ic.incident_id, ic.number, ic.occurred_at, ic.recorded_at, ic.status,
          ic.entered_in_error, ic.revision_no, ic.author_id, a.name as author, r.account,
          ic.areas, ${readable} as readable,
          array(select ${categoryLabel("c", "p", sql`ic.recorded_at`)} from unnest(ic.category_ids) cid
                join categories c on c.school_id = ic.school_id and c.id = cid
                left join categories p on p.school_id = c.school_id and p.id = c.parent_id order by 1) as categories,
          coalesce((select json_agg(json_build_object('id', o.id, 'legalFirstName', o.legal_first_name,
                  'legalLastName', o.legal_last_name, 'preferredFirstName', o.preferred_first_name,
                  'preferredLastName', o.preferred_last_name))
                from pupils o where o.school_id = ic.school_id and o.id = any(ic.pupil_ids) and o.id <> ${pupil.id}::uuid), '[]') as others
        from incident_current ic
        join incident_revisions r on r.school_id = ic.school_id and r.id = ic.revision_id
        join accounts a on a.id = ic.author_id
        where ${sql.join(conditions, sql` and `)}`,
  );
  const entries: ChronologyEntry[] = [];
  for (const i of incidents) {
    if (!i.readable) continue;
    entries.push({
      type: "incident",
      id: i.incident_id,
      incidentId: i.incident_id,
      number: i.number,
      occurredAt: new Date(i.occurred_at),
      recordedAt: new Date(i.recorded_at),
      categories: i.categories,
      areas: i.areas,
      author: { id: i.author_id, name: i.author },
      account: i.account,
      outcome: null,
      status: i.status,
      edited: i.revision_no > 1,
      revisions: i.revision_no,
      enteredInError: i.entered_in_error,
      restricted: false,
      otherPupils: i.others,
    });
  }
  // Actions for this pupil, with whether the reader may read their incident.
  const actionConditions: SQL[] = [
    sql`act.school_id = ${subject.schoolId}`,
    sql`act.pupil_id = ${pupil.id}`,
  ];
  if (!f.includeEnteredInError) actionConditions.push(sql`not ic.entered_in_error`);
  if (f.from) actionConditions.push(sql`rev.occurred_at >= ${f.from}::date`);
  if (f.to) actionConditions.push(sql`rev.occurred_at < ${f.to}::date + 1`);
  if (f.categoryId) {
    actionConditions.push(sql`ic.category_ids && array(select c.id from categories c
      where c.school_id = ic.school_id and (c.id = ${f.categoryId}::uuid or c.parent_id = ${f.categoryId}::uuid))`);
  }
  const actions = await queryRows<{
    id: string;
    incident_id: string;
    number: number;
    kind: string;
    account: string;
    outcome: string | null;
    restricted: boolean;
    revision_no: number;
    occurred_at: string;
    recorded_at: string;
    author_id: string;
    author: string;
    areas: string[];
    entered_in_error: boolean;
    excluded_ids: string[];
    alerted: string[];
    incident_readable: boolean;
  }>(
    tx,
    sql`select act.id, act.incident_id, ic.number, rev.kind, rev.account, rev.outcome, ${restrictedNowSql("act")} as restricted,
          rev.revision_no, rev.occurred_at, act.recorded_at, act.author_id, a.name as author, ic.areas, ic.entered_in_error,
          ic.excluded_ids,
          array(select al.recipient_id from alerts al where al.school_id = act.school_id and al.action_id = act.id
                and not exists (select 1 from alert_withdrawals w where w.school_id = al.school_id and w.alert_id = al.id)) as alerted,
          ${readable} as incident_readable
        from actions act
        -- What the action says now: its latest revision.
        join lateral (select r.kind, r.account, r.outcome, r.occurred_at, r.revision_no from action_revisions r
                      where r.school_id = act.school_id and r.action_id = act.id
                      order by r.revision_no desc limit 1) rev on true
        join incident_current ic on ic.school_id = act.school_id and ic.incident_id = act.incident_id
        join accounts a on a.id = act.author_id
        where ${sql.join(actionConditions, sql` and `)}`,
  );
  for (const a of actions) {
    const decision = decideActionRead(
      subject,
      {
        authorId: a.author_id,
        pupil,
        restricted: a.restricted,
        alertedIds: a.alerted,
        excludedIds: a.excluded_ids,
      },
      a.incident_readable
        ? { allowed: true, reason: "grant" }
        : { allowed: false, refusal: "no-reason" },
    );
    if (!decision.allowed) continue;
    entries.push({
      type: "action",
      id: a.id,
      incidentId: a.incident_id,
      number: a.number,
      occurredAt: new Date(a.occurred_at),
      recordedAt: new Date(a.recorded_at),
      categories: [a.kind.replaceAll("_", " ")],
      areas: a.restricted ? ["child_protection"] : a.areas,
      author: { id: a.author_id, name: a.author },
      account: a.account,
      outcome: a.outcome,
      status: null,
      edited: a.revision_no > 1,
      enteredInError: a.entered_in_error,
      restricted: a.restricted,
      otherPupils: [],
    });
  }
  entries.push(...(await deskEntries(tx, subject, pupil, f)));
  // Documents have no categories: a category filter leaves them out.
  if (!f.categoryId) {
    for (const d of await documentEntries(tx, subject, pupil, {
      from: f.from,
      to: f.to,
      includeUploadedInError: f.includeEnteredInError,
    })) {
      entries.push({
        type: "document",
        id: d.id,
        incidentId: null,
        number: null,
        occurredAt: d.uploadedAt,
        recordedAt: d.uploadedAt,
        categories: [d.documentType],
        areas: [d.area],
        author: d.author,
        account: d.description,
        outcome: null,
        status: null,
        edited: false,
        enteredInError: d.uploadedInError,
        restricted: false,
        otherPupils: [],
      });
    }
  }
  const q = f.q?.trim().toLowerCase();
  return entries
    .filter((e) => !f.type || e.type === f.type)
    .filter((e) => !f.authorId || e.author.id === f.authorId)
    .filter((e) => !f.area || e.areas.includes(f.area))
    .filter(
      (e) =>
        !q || `${e.account} ${e.outcome ?? ""} ${e.categories.join(" ")}`.toLowerCase().includes(q),
    )
    .sort(
      (x, y) =>
        x.occurredAt.getTime() - y.occurredAt.getTime() ||
        x.recordedAt.getTime() - y.recordedAt.getTime(),
    );
}
