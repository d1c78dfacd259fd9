// The person asking, as the access engine sees them in one school.
import { and, eq, isNull } from "drizzle-orm";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import { type Area, classTeachers, grants, memberships } from "../db/schema/index.ts";
import { effectiveGrants, type Grant } from "./grants.ts";
import type { SchoolRole } from "./roles.ts";

export interface AccessSubject {
  accountId: string;
  schoolId: string;
  roles: readonly SchoolRole[];
  /** A second factor was satisfied in this session: grant-based reads are open. */
  secondFactor: boolean;
  grants: readonly Grant[];
}

/** Loads the grants of the signed-in person in their current school. */
export async function loadSubject(
  tx: Tx,
  who: Pick<SignedIn, "accountId" | "roles" | "secondFactor"> & { schoolId: string },
): Promise<AccessSubject> {
  const [membership] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.schoolId, who.schoolId),
        eq(memberships.accountId, who.accountId),
        isNull(memberships.deactivatedAt),
      ),
    );
  let taught: string[] = [];
  let explicit: Grant[] = [];
  if (membership) {
    taught = (
      await tx
        .select({ classId: classTeachers.classId })
        .from(classTeachers)
        .where(
          and(
            eq(classTeachers.schoolId, who.schoolId),
            eq(classTeachers.membershipId, membership.id),
          ),
        )
    ).map((r) => r.classId);
    explicit = (
      await tx
        .select({ scope: grants.scope, scopeIds: grants.scopeIds, areas: grants.areas })
        .from(grants)
        .where(
          and(
            eq(grants.schoolId, who.schoolId),
            eq(grants.membershipId, membership.id),
            isNull(grants.revokedAt),
          ),
        )
    ).map((g) => ({ ...g, areas: g.areas as Area[] }));
  }
  return {
    accountId: who.accountId,
    schoolId: who.schoolId,
    roles: who.roles,
    secondFactor: who.secondFactor === "satisfied",
    grants: effectiveGrants(who.roles, taught, explicit),
  };
}
