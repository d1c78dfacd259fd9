// Actions are append-only with revisions: a correction by the action's author or a DSL is
// a new revision naming the one it replaces, with who, when and why — never an overwrite.
// A stale base gets 409, so two simultaneous corrections conflict instead of one erasing
// the other. What an action is about (incident, pupil, audience, author) never changes.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import { onlyRow, type Tx } from "../db/database.ts";
import { ACTION_KINDS, actionRevisions, type actions, agencies } from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";

export type ActionRow = typeof actions.$inferSelect;
export type ActionRevisionRow = typeof actionRevisions.$inferSelect;

/** An action as it reads now: its identity with its latest revision's content. */
export type CurrentAction = ActionRow & { revisionId: string; revisionNo: number };

export const ReviseAction = z.object({
  baseRevisionId: z.uuid(),
  changes: z
    .object({
      kind: z.enum(ACTION_KINDS).optional(),
      account: z.string().trim().min(1, "Write what was done.").max(20_000).optional(),
      outcome: z.string().trim().max(5_000).nullable().optional(),
      agencyId: z.uuid().nullable().optional(),
      occurredAt: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  reason: z.string().trim().min(1, "Say why you are changing it.").max(2000),
});
export type ReviseAction = z.infer<typeof ReviseAction>;

/** The latest revision of each action. */
export async function latestRevisions(
  tx: Tx,
  schoolId: string,
  actionIds: readonly string[],
): Promise<Map<string, ActionRevisionRow>> {
  if (actionIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(actionRevisions)
    .where(
      and(
        eq(actionRevisions.schoolId, schoolId),
        inArray(actionRevisions.actionId, [...actionIds]),
      ),
    )
    .orderBy(actionRevisions.actionId, desc(actionRevisions.revisionNo));
  const latest = new Map<string, ActionRevisionRow>();
  for (const r of rows) if (!latest.has(r.actionId)) latest.set(r.actionId, r);
  return latest;
}

/** Overlays each action's latest revision on its identity row. */
export async function withCurrentRevisions(
  tx: Tx,
  schoolId: string,
  rows: readonly ActionRow[],
): Promise<CurrentAction[]> {
  const latest = await latestRevisions(
    tx,
    schoolId,
    rows.map((r) => r.id),
  );
  return rows.map((a) => {
    const r = latest.get(a.id);
    if (!r) throw new Error("an action without its first revision");
    return {
      ...a,
      kind: r.kind,
      account: r.account,
      outcome: r.outcome,
      agencyId: r.agencyId,
      occurredAt: r.occurredAt,
      revisionId: r.id,
      revisionNo: r.revisionNo,
    };
  });
}

/** Its author may correct an action, and so may the DSL team. */
export function mayReviseAction(who: SignedIn, action: { authorId: string }): boolean {
  return action.authorId === who.accountId || can(who.roles, "action.correct");
}

export async function reviseAction(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  action: CurrentAction,
  input: ReviseAction,
): Promise<{ revisionId: string; revisionNo: number }> {
  const schoolId = who.schoolId;
  // One correction of an action at a time: the append-only table cannot be locked FOR
  // UPDATE by the application role, so a transaction-scoped advisory lock serialises
  // them; the loser then sees the new revision and gets 409.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${action.id}, 0))`);
  const [latest] = await tx
    .select()
    .from(actionRevisions)
    .where(and(eq(actionRevisions.schoolId, schoolId), eq(actionRevisions.actionId, action.id)))
    .orderBy(desc(actionRevisions.revisionNo))
    .limit(1);
  if (!latest) throw new Error("an action without its first revision");
  if (latest.id !== input.baseRevisionId) {
    throw problems.conflict(
      "This action was changed since you opened it. Your changes were not saved: open it again to see the latest version, then make your change.",
    );
  }
  const c = input.changes;
  const errors: FieldError[] = [];
  const kind = c.kind ?? latest.kind;
  const agencyId = c.agencyId === undefined ? latest.agencyId : c.agencyId;
  const occurredAt = c.occurredAt ? new Date(c.occurredAt) : latest.occurredAt;
  if (occurredAt.getTime() > Date.now() + 60_000) {
    errors.push({
      path: "changes.occurredAt",
      message: "The date and time cannot be in the future.",
    });
  }
  if (kind === "information_shared" && !agencyId) {
    errors.push({
      path: "changes.agencyId",
      message: "Say which agency the information was shared with.",
    });
  }
  if (c.agencyId) {
    const [agency] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.schoolId, schoolId), eq(agencies.id, c.agencyId)));
    if (!agency)
      errors.push({
        path: "changes.agencyId",
        message: "Choose an agency from this school's list.",
      });
  }
  if (errors.length > 0) throw problems.unprocessable("Some of the changes need changing.", errors);
  return onlyRow(
    await tx
      .insert(actionRevisions)
      .values({
        schoolId,
        actionId: action.id,
        revisionNo: latest.revisionNo + 1,
        baseRevisionId: latest.id,
        kind,
        account: c.account ?? latest.account,
        outcome: c.outcome === undefined ? latest.outcome : c.outcome,
        agencyId,
        occurredAt,
        editedBy: who.accountId,
        editedAt: new Date(),
        reason: input.reason,
      })
      .returning({ revisionId: actionRevisions.id, revisionNo: actionRevisions.revisionNo }),
    "the new revision",
  );
}
