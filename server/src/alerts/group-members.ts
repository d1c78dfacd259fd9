// Who is in a group now: the people added by name and the holders of the group's roles
// (a new deputy DSL is in the DSL team from the day they are given the role). Leavers are
// in no group. Alerts fix this list when they are sent.
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { queryRows } from "../db/database.ts";

export interface GroupMember {
  groupId: string;
  accountId: string;
  membershipId: string;
  /** Added by name (false: belongs by holding one of the group's roles only). */
  byName: boolean;
}

/** Members of the school's active groups, all of them or those named. */
export async function groupMembersOf(
  tx: Tx,
  schoolId: string,
  groupIds: readonly string[] | "all",
  options: { includeInactiveGroups?: boolean } = {},
): Promise<GroupMember[]> {
  if (groupIds !== "all" && groupIds.length === 0) return [];
  const which: SQL =
    groupIds === "all"
      ? sql`true`
      : sql`g.id in (${sql.join(
          groupIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const active = options.includeInactiveGroups ? sql`true` : sql`g.active`;
  return queryRows<GroupMember>(
    tx,
    sql`select g.id as "groupId", m.account_id as "accountId", m.id as "membershipId",
          bool_or(gm.membership_id is not null) as "byName"
        from groups g
        join memberships m on m.school_id = g.school_id and m.deactivated_at is null
        left join group_members gm
          on gm.school_id = g.school_id and gm.group_id = g.id and gm.membership_id = m.id
        where g.school_id = ${schoolId} and ${active} and ${which}
          and (gm.membership_id is not null or m.roles && g.roles)
        group by g.id, m.account_id, m.id`,
  );
}
