// The roles of PRODUCT.md "Who uses it". What each role may read is the access engine's
// business (this folder, with the need-to-know issue); here are only the names, so the
// rest of the code never spells a role as a bare string.
export const SCHOOL_ROLES = [
  "staff",
  "class_teacher",
  "sendco",
  "pastoral",
  "attendance",
  "dsl",
  "deputy_dsl",
  "head",
  "slt",
  "administrator",
] as const;
export type SchoolRole = (typeof SCHOOL_ROLES)[number];

export const TRUST_ROLES = ["trust_dsl"] as const;
export type TrustRole = (typeof TRUST_ROLES)[number];

/** How each role is named to people, in plain UK English. */
export const ROLE_LABELS = {
  staff: "Staff",
  class_teacher: "Class teacher",
  sendco: "SENDCo",
  pastoral: "Pastoral",
  attendance: "Attendance",
  dsl: "Designated safeguarding lead",
  deputy_dsl: "Deputy designated safeguarding lead",
  head: "Headteacher",
  slt: "Senior leadership team",
  administrator: "Administrator",
} as const satisfies Record<SchoolRole, string>;
