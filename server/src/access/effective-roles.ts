import type { SchoolRole, TrustRole } from "./roles.ts";

/**
 * The roles a person holds in one school: their membership's roles, plus what a trust
 * role gives in every school of the trust (a trust DSL has DSL rights there).
 */
export function effectiveRoles(
  membershipRoles: readonly SchoolRole[],
  trustRoles: readonly TrustRole[],
): SchoolRole[] {
  const roles = new Set<SchoolRole>(membershipRoles);
  if (trustRoles.includes("trust_dsl")) {
    roles.add("staff");
    roles.add("dsl");
  }
  return [...roles];
}
