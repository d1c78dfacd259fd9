// A pre-set alert rule in words, for the settings page and the Add incident form
// ("The DSL team will be alerted automatically").
import { ROLE_LABELS, type SchoolRole } from "../access/roles.ts";
import type { AlertAudience, AlertCondition, Area } from "../db/schema/index.ts";

export const AREA_LABELS: Record<Area, string> = {
  general: "General",
  medical: "Medical",
  send: "SEND",
  safeguarding: "Safeguarding",
  child_protection: "Child protection",
};

export function audienceLabel(
  rule: { audience: AlertAudience; role: string | null },
  groupName: string | null,
): string {
  switch (rule.audience) {
    case "group":
      return groupName ?? "A group";
    case "role":
      return ROLE_LABELS[rule.role as SchoolRole] ?? rule.role ?? "A role";
    case "class_teachers":
      return "The pupils' class teachers";
  }
}

export function conditionLabel(rule: { condition: AlertCondition; areas: readonly Area[] }) {
  switch (rule.condition) {
    case "every_incident":
      return "every incident";
    case "areas":
      return `incidents in ${rule.areas.map((a) => AREA_LABELS[a]).join(", ")}`;
    case "non_restricted":
      return "incidents in areas that are not restricted";
    case "notifiable":
      return "notifiable incidents";
  }
}
