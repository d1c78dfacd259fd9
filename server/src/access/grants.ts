// What each role may read by default, as grants (pupil scope × areas). A school's DSL
// adds more (the grants table); a class teacher's classes are a derived grant.
import type { Area, PupilScope } from "../db/schema/index.ts";
import type { SchoolRole } from "./roles.ts";

export interface Grant {
  scope: PupilScope;
  /** Year group, class or pupil ids for the narrower scopes; empty for "all". */
  scopeIds: readonly string[];
  areas: readonly Area[];
}

/** The areas anyone with a class may read about its pupils: not the restricted ones. */
export const NON_RESTRICTED_AREAS = [
  "general",
  "medical",
  "send",
] as const satisfies readonly Area[];
export const ALL_AREAS = [
  "general",
  "medical",
  "send",
  "safeguarding",
  "child_protection",
] as const satisfies readonly Area[];

// "own_classes" becomes a classes grant for the classes the person teaches.
type RoleGrant = { scope: "all" | "own_classes"; areas: readonly Area[] };

export const ROLE_GRANTS = {
  // Every adult: add incidents, read their own and what they are alerted to. No grant.
  staff: [],
  class_teacher: [{ scope: "own_classes", areas: NON_RESTRICTED_AREAS }],
  // Seed 001: SENDCos see "all sections apart from child protection".
  sendco: [{ scope: "all", areas: NON_RESTRICTED_AREAS }],
  pastoral: [{ scope: "all", areas: ["general"] }],
  attendance: [{ scope: "all", areas: ["general"] }],
  dsl: [{ scope: "all", areas: ALL_AREAS }],
  deputy_dsl: [{ scope: "all", areas: ALL_AREAS }],
  // PRODUCT.md: "the head normally has all".
  head: [{ scope: "all", areas: ALL_AREAS }],
  slt: [{ scope: "all", areas: NON_RESTRICTED_AREAS }],
  // Manages accounts; reads nothing unless also given a role that does.
  administrator: [],
} as const satisfies Record<SchoolRole, readonly RoleGrant[]>;

/** Roles that by themselves open pupil records: only a DSL may give them. */
export function roleReadsRecords(role: SchoolRole): boolean {
  return ROLE_GRANTS[role].length > 0;
}

/** Every grant a person holds in a school: their roles' defaults and the DSL's extras. */
export function effectiveGrants(
  roles: readonly SchoolRole[],
  taughtClassIds: readonly string[],
  explicit: readonly Grant[],
): Grant[] {
  const out: Grant[] = [];
  for (const role of roles) {
    for (const g of ROLE_GRANTS[role] as readonly RoleGrant[]) {
      if (g.scope === "all") out.push({ scope: "all", scopeIds: [], areas: g.areas });
      else if (taughtClassIds.length > 0) {
        out.push({ scope: "classes", scopeIds: taughtClassIds, areas: g.areas });
      }
    }
  }
  return [...out, ...explicit];
}
