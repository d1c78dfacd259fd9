// What a reader sees of an incident: its current revision, names for its ids, who was
// alerted, and what the reader may do with it (abilities: the UI never works rules out).
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import {
  accounts,
  agencies,
  alertReads,
  alerts,
  incidentRevisions,
  incidents,
  pupils,
} from "../db/schema/index.ts";
import { displayName } from "../pupils/names.ts";
import { namesWhenFiled } from "../taxonomy/names-when-filed.ts";
import { loadNameHistory } from "../taxonomy/school-lists.ts";
import { type CurrentAction, mayReviseAction } from "./action-revisions.ts";
import type { IncidentCurrent } from "./record-facts.ts";
import { loadCategories } from "./references.ts";

const Named = z.object({ id: z.uuid(), name: z.string() });
// An agency's name now, and the one it had when the record was made if renamed since.
const NamedAgency = Named.extend({ filedAs: z.string().optional() });

export const IncidentView = z.object({
  id: z.uuid(),
  number: z.number(),
  revisionId: z.uuid(),
  revisionNo: z.number(),
  edited: z.boolean(),
  pupil: Named,
  linkedPupils: z.array(Named),
  account: z.string(),
  location: z.string().nullable(),
  categories: z.array(
    z.object({
      id: z.uuid(),
      // The category's name now.
      name: z.string(),
      area: z.string(),
      // The name it had when the incident was recorded, when the school has renamed it since.
      filedAs: z.string().optional(),
    }),
  ),
  agencies: z.array(NamedAgency),
  occurredAt: z.date(),
  recordedAt: z.date(),
  // Recorded more than a day after it happened: shown, never hidden.
  late: z.boolean(),
  status: z.enum(["open", "closed"]),
  bodyMap: z.unknown().nullable(),
  toldDsl: z.unknown().nullable(),
  author: Named,
  recordedBy: Named.nullable(),
  enteredInError: z.boolean(),
  reviewedAt: z.date().nullable(),
  actions: z.array(
    z.object({
      id: z.uuid(),
      pupil: Named,
      kind: z.string(),
      account: z.string(),
      outcome: z.string().nullable(),
      agency: NamedAgency.nullable(),
      restricted: z.boolean(),
      occurredAt: z.date(),
      recordedAt: z.date(),
      author: Named,
      // The current revision; edited when it has been corrected since it was recorded.
      revisionId: z.uuid(),
      edited: z.boolean(),
      canEdit: z.boolean(),
    }),
  ),
  alerts: z.array(
    z.object({
      id: z.uuid(),
      recipient: Named,
      via: z.string(),
      sentAt: z.date(),
      readAt: z.date().nullable(),
    }),
  ),
  abilities: z.object({
    edit: z.boolean(),
    markEnteredInError: z.boolean(),
    refile: z.boolean(),
    review: z.boolean(),
    /** Review with a threshold decision and, if need be, new categories (desk/triage.ts). */
    triage: z.boolean(),
    // Add a follow-up action; restrict one to the DSL team.
    addAction: z.boolean(),
    restrictAction: z.boolean(),
  }),
});

const LATE_MS = 24 * 60 * 60 * 1000;

export async function incidentView(
  tx: Tx,
  current: IncidentCurrent,
  who: SignedIn,
  visibleActions: CurrentAction[],
): Promise<z.infer<typeof IncidentView>> {
  const schoolId = current.schoolId;
  const [revision] = await tx
    .select()
    .from(incidentRevisions)
    .where(
      and(eq(incidentRevisions.schoolId, schoolId), eq(incidentRevisions.id, current.revisionId)),
    );
  if (!revision) throw new Error("an incident without its current revision");
  const pupilRows = await tx
    .select()
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), inArray(pupils.id, current.pupilIds)));
  const name = (id: string) => {
    const p = pupilRows.find((r) => r.id === id);
    return { id, name: p ? displayName(p) : "Unknown pupil" };
  };
  const cats = await loadCategories(tx, schoolId, current.categoryIds);
  const filedNames = await namesWhenFiled(tx, schoolId, current.categoryIds, current.recordedAt);
  // One query for the incident's agencies and its actions' agencies.
  const agencyIds = [
    ...new Set([
      ...revision.agencyIds,
      ...visibleActions.flatMap((a) => (a.agencyId ? [a.agencyId] : [])),
    ]),
  ];
  const agencyNames = agencyIds.length
    ? await tx
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.schoolId, schoolId), inArray(agencies.id, agencyIds)))
    : [];
  const agencyHistory = await loadNameHistory(tx, schoolId, "agencies", agencyIds);
  const agencyAt = (id: string, at: Date) => {
    const now = agencyNames.find((g) => g.id === id);
    if (!now) return null;
    const filedAs = agencyHistory.nameAt(id, at);
    return { ...now, ...(filedAs && filedAs !== now.name ? { filedAs } : {}) };
  };
  const agencyRows = revision.agencyIds.flatMap((id) => {
    const agency = agencyAt(id, current.recordedAt);
    return agency ? [agency] : [];
  });
  const alertRows = await tx
    .select({ alert: alerts, name: accounts.name, readAt: alertReads.readAt })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.recipientId))
    .leftJoin(
      alertReads,
      and(eq(alertReads.schoolId, alerts.schoolId), eq(alertReads.alertId, alerts.id)),
    )
    .where(
      and(
        eq(alerts.schoolId, schoolId),
        eq(alerts.incidentId, current.incidentId),
        isNull(alerts.actionId),
      ),
    )
    .orderBy(asc(accounts.name));
  const [identity] = await tx
    .select({ recordedBy: incidents.recordedBy })
    .from(incidents)
    .where(and(eq(incidents.schoolId, schoolId), eq(incidents.id, current.incidentId)));
  const recordedById = identity?.recordedBy ?? current.authorId;
  const people = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(
      inArray(accounts.id, [
        current.authorId,
        recordedById,
        ...visibleActions.map((a) => a.authorId),
      ]),
    );
  const person = (id: string) => ({ id, name: people.find((p) => p.id === id)?.name ?? "Unknown" });
  const corrector = can(who.roles, "incident.correct");
  const triager = can(who.roles, "incident.triage");
  // One row per alert: the first time it was read.
  const seen = new Map<string, (typeof alertRows)[number]>();
  for (const r of alertRows) {
    const prev = seen.get(r.alert.id);
    if (!prev || (r.readAt && (!prev.readAt || r.readAt < prev.readAt))) seen.set(r.alert.id, r);
  }
  return {
    id: current.incidentId,
    number: current.number,
    revisionId: current.revisionId,
    revisionNo: current.revisionNo,
    edited: current.revisionNo > 1,
    pupil: name(current.pupilId),
    linkedPupils: current.pupilIds.filter((id) => id !== current.pupilId).map(name),
    account: revision.account,
    location: revision.location,
    categories: cats.map((c) => {
      const filedAs = filedNames.get(c.id);
      return {
        id: c.id,
        name: c.name,
        area: c.area,
        ...(filedAs && filedAs !== c.name ? { filedAs } : {}),
      };
    }),
    agencies: agencyRows,
    occurredAt: current.occurredAt,
    recordedAt: current.recordedAt,
    late: current.recordedAt.getTime() - current.occurredAt.getTime() > LATE_MS,
    status: current.status,
    bodyMap: revision.bodyMap ?? null,
    toldDsl: revision.toldDsl ?? null,
    author: person(current.authorId),
    recordedBy: recordedById !== current.authorId ? person(recordedById) : null,
    enteredInError: current.enteredInError,
    reviewedAt: current.reviewedAt,
    actions: visibleActions.map((a) => ({
      id: a.id,
      pupil: name(a.pupilId),
      kind: a.kind,
      account: a.account,
      outcome: a.outcome,
      agency: a.agencyId ? agencyAt(a.agencyId, a.recordedAt) : null,
      restricted: a.restricted,
      occurredAt: a.occurredAt,
      recordedAt: a.recordedAt,
      author: person(a.authorId),
      revisionId: a.revisionId,
      edited: a.revisionNo > 1,
      canEdit: mayReviseAction(who, a) && !current.enteredInError,
    })),
    alerts: [...seen.values()].map((r) => ({
      id: r.alert.id,
      recipient: { id: r.alert.recipientId, name: r.name },
      via: r.alert.via,
      sentAt: r.alert.sentAt,
      readAt: r.readAt,
    })),
    abilities: {
      edit:
        current.authorId === who.accountId &&
        current.reviewedAt === null &&
        !current.enteredInError,
      markEnteredInError: corrector && !current.enteredInError,
      refile: corrector && !current.enteredInError,
      review: triager && current.reviewedAt === null,
      triage: triager && !current.enteredInError,
      addAction: !current.enteredInError,
      restrictAction: !current.enteredInError && can(who.roles, "action.restrict"),
    },
  };
}
