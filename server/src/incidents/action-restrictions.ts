// Who may read an action can be narrowed after it was recorded: the DSL learns more and
// restricts it to the DSL team (seed 001: the reporter is not told the outcome), or opens
// it again. Each change is a row in action_restrictions (append-only) with who, when and
// why; the latest row decides, and without one the action's recorded `restricted` does.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { SignedIn } from "../auth/signed-in.ts";
import { onlyRow, type Tx } from "../db/database.ts";
import { accounts, actionRestrictions, type actions } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

type ActionRow = typeof actions.$inferSelect;

export const RestrictAction = z.object({
  restricted: z.boolean(),
  reason: z.string().trim().min(1, "Say why you are changing who may read it.").max(2000),
});
export type RestrictAction = z.infer<typeof RestrictAction>;

/** The same rule for raw SQL (the chronology): `alias` names the actions row. */
export const restrictedNowSql = (alias: string) =>
  sql.raw(`coalesce((select r.restricted from action_restrictions r
     where r.school_id = ${alias}.school_id and r.action_id = ${alias}.id
     order by r.at desc, r.id desc limit 1), ${alias}.restricted)`);

/** Each action with `restricted` as it is now, not as it was recorded. */
export async function withCurrentAudience<T extends ActionRow>(
  tx: Tx,
  schoolId: string,
  rows: readonly T[],
): Promise<T[]> {
  if (rows.length === 0) return [];
  const changes = await tx
    .select({ actionId: actionRestrictions.actionId, restricted: actionRestrictions.restricted })
    .from(actionRestrictions)
    .where(
      and(
        eq(actionRestrictions.schoolId, schoolId),
        inArray(
          actionRestrictions.actionId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(desc(actionRestrictions.at), desc(actionRestrictions.id));
  const latest = new Map<string, boolean>();
  for (const c of changes) if (!latest.has(c.actionId)) latest.set(c.actionId, c.restricted);
  return rows.map((r) => ({ ...r, restricted: latest.get(r.id) ?? r.restricted }));
}

/** Every change of who may read the action, oldest first, for the DSL team. */
export async function restrictionHistory(tx: Tx, schoolId: string, actionId: string) {
  return tx
    .select({
      restricted: actionRestrictions.restricted,
      reason: actionRestrictions.reason,
      at: actionRestrictions.at,
      by: { id: accounts.id, name: accounts.name },
    })
    .from(actionRestrictions)
    .innerJoin(accounts, eq(accounts.id, actionRestrictions.byId))
    .where(
      and(eq(actionRestrictions.schoolId, schoolId), eq(actionRestrictions.actionId, actionId)),
    )
    .orderBy(actionRestrictions.at, actionRestrictions.id);
}

export async function changeRestriction(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  action: { id: string; restricted: boolean },
  input: RestrictAction,
): Promise<{ id: string; at: Date }> {
  if (action.restricted === input.restricted) {
    throw problems.conflict(
      input.restricted
        ? "This action is already restricted to the DSL team."
        : "This action is already open to those who may read its incident.",
    );
  }
  return onlyRow(
    await tx
      .insert(actionRestrictions)
      .values({
        schoolId: who.schoolId,
        actionId: action.id,
        restricted: input.restricted,
        reason: input.reason,
        byId: who.accountId,
      })
      .returning({ id: actionRestrictions.id, at: actionRestrictions.at }),
    "the restriction",
  );
}
