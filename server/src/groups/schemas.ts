// What the groups and alert-rules endpoints take and give.
import { z } from "zod";
import { SCHOOL_ROLES } from "../access/roles.ts";
import { ALERT_AUDIENCES, ALERT_CONDITIONS, AREAS } from "../db/schema/index.ts";

export const GroupName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(80, "Keep the name to 80 characters.");
export const GroupRoles = z.array(z.enum(SCHOOL_ROLES)).max(SCHOOL_ROLES.length);

export const ManagedGroup = z.object({
  id: z.uuid(),
  name: z.string(),
  roles: z.array(z.enum(SCHOOL_ROLES)),
  active: z.boolean(),
  members: z.array(
    z.object({
      accountId: z.uuid(),
      name: z.string(),
      /** Added by name: may be taken out. Otherwise they hold one of the group's roles. */
      byName: z.boolean(),
      byRole: z.boolean(),
    }),
  ),
});

export const AlertRule = z.object({
  id: z.uuid(),
  audience: z.enum(ALERT_AUDIENCES),
  groupId: z.uuid().nullable(),
  role: z.enum(SCHOOL_ROLES).nullable(),
  condition: z.enum(ALERT_CONDITIONS),
  areas: z.array(z.enum(AREAS)),
  active: z.boolean(),
  /** In words: "DSL team on every incident". */
  description: z.string(),
});

export const NewAlertRule = z.object({
  audience: z.enum(ALERT_AUDIENCES),
  groupId: z.uuid().nullable().optional(),
  role: z.enum(SCHOOL_ROLES).nullable().optional(),
  condition: z.enum(ALERT_CONDITIONS),
  areas: z.array(z.enum(AREAS)).max(AREAS.length).default([]),
});

export const AlertRuleChange = z.object({
  condition: z.enum(ALERT_CONDITIONS).optional(),
  areas: z.array(z.enum(AREAS)).max(AREAS.length).optional(),
  active: z.boolean().optional(),
});
