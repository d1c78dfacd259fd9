// Who is alerted: the people chosen, the members of the groups chosen, and — for a new
// incident — whoever the school's pre-set alert rules reach (alerts/preset-rules.ts).
// Fixed now, at sending: a group's later members are not alerted. Never the author,
// never an excluded person.
import type { Tx } from "../db/database.ts";
import { groupMembersOf } from "./group-members.ts";
import { type IncidentForRules, presetRecipients } from "./preset-rules.ts";

export interface Recipient {
  accountId: string;
  via: "direct" | "group" | "preset";
  groupId: string | null;
  /** The pre-set rule that alerts them (via "preset"). */
  ruleId: string | null;
}

export async function alertRecipients(
  tx: Tx,
  schoolId: string,
  options: {
    userIds: string[];
    groupIds: string[];
    authorId: string;
    excludedIds: string[];
    /** The new incident, for the pre-set rules; follow-up actions and re-alerts have none. */
    presetsFor?: IncidentForRules;
  },
): Promise<Recipient[]> {
  const byGroup = await groupMembersOf(tx, schoolId, options.groupIds);
  const byRule = options.presetsFor ? await presetRecipients(tx, schoolId, options.presetsFor) : [];
  const out = new Map<string, Recipient>();
  // Most specific reason first: chosen by name, then a chosen group, then a pre-set rule.
  for (const accountId of options.userIds)
    out.set(accountId, { accountId, via: "direct", groupId: null, ruleId: null });
  for (const g of byGroup) {
    if (!out.has(g.accountId))
      out.set(g.accountId, {
        accountId: g.accountId,
        via: "group",
        groupId: g.groupId,
        ruleId: null,
      });
  }
  for (const r of byRule) {
    if (!out.has(r.accountId))
      out.set(r.accountId, {
        accountId: r.accountId,
        via: "preset",
        groupId: r.groupId,
        ruleId: r.ruleId,
      });
  }
  out.delete(options.authorId);
  for (const id of options.excludedIds) out.delete(id);
  return [...out.values()];
}
