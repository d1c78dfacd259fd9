// Who is alerted to a new incident: the people chosen, the members of the groups chosen,
// and the pre-set groups (the DSL team on every incident) — fixed now, at sending: a
// group's later members are not alerted. Never the author, never an excluded person.
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { groupMembers, groups, memberships } from "../db/schema/index.ts";

export interface Recipient {
  accountId: string;
  via: "direct" | "group" | "preset";
  groupId: string | null;
}

export async function alertRecipients(
  tx: Tx,
  schoolId: string,
  options: {
    userIds: string[];
    groupIds: string[];
    authorId: string;
    excludedIds: string[];
    /** Pre-set groups apply to new incidents, not to follow-up actions. */
    presets?: boolean;
  },
): Promise<Recipient[]> {
  const byGroup = await tx
    .select({
      accountId: memberships.accountId,
      groupId: groups.id,
      preset: groups.alertedOnEveryIncident,
    })
    .from(groups)
    .innerJoin(
      groupMembers,
      and(eq(groupMembers.schoolId, groups.schoolId), eq(groupMembers.groupId, groups.id)),
    )
    .innerJoin(
      memberships,
      and(
        eq(memberships.schoolId, groupMembers.schoolId),
        eq(memberships.id, groupMembers.membershipId),
        isNull(memberships.deactivatedAt),
      ),
    )
    .where(
      and(
        eq(groups.schoolId, schoolId),
        eq(groups.active, true),
        or(
          options.presets === false ? undefined : eq(groups.alertedOnEveryIncident, true),
          options.groupIds.length ? inArray(groups.id, options.groupIds) : undefined,
        ),
      ),
    );
  const out = new Map<string, Recipient>();
  // Most specific reason first: chosen by name, then a chosen group, then a pre-set.
  for (const accountId of options.userIds)
    out.set(accountId, { accountId, via: "direct", groupId: null });
  for (const g of byGroup.filter((g) => options.groupIds.includes(g.groupId))) {
    if (!out.has(g.accountId))
      out.set(g.accountId, { accountId: g.accountId, via: "group", groupId: g.groupId });
  }
  for (const g of byGroup.filter((g) => g.preset && options.presets !== false)) {
    if (!out.has(g.accountId))
      out.set(g.accountId, { accountId: g.accountId, via: "preset", groupId: g.groupId });
  }
  out.delete(options.authorId);
  for (const id of options.excludedIds) out.delete(id);
  return [...out.values()];
}
