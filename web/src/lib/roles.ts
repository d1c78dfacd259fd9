// Role names as people say them (the server sends codes such as "class_teacher").
const ROLE_LABELS: Record<string, string> = {
  staff: "Staff",
  class_teacher: "Class teacher",
  sendco: "Special educational needs coordinator (SENDCo)",
  pastoral: "Pastoral",
  attendance: "Attendance",
  dsl: "Designated safeguarding lead (DSL)",
  deputy_dsl: "Deputy designated safeguarding lead",
  head: "Headteacher",
  slt: "Senior leadership team",
  administrator: "Administrator",
  trust_dsl: "Trust designated safeguarding lead: safeguarding lead in every school of the trust",
};

/** "class_teacher" → "Class teacher"; an unknown code still reads as words. */
export function roleLabel(code: string): string {
  const known = ROLE_LABELS[code];
  if (known) return known;
  const words = code.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
