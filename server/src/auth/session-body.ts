// What sign-in and GET /api/v1/session answer (API.md), plus what the page needs to know
// about the person's school to behave (idle lock, hide screen, what pupils are called).
import { z } from "zod";
import { can, PERMISSIONS, type Permission } from "../access/permissions.ts";
import type { SignedIn } from "./signed-in.ts";

export const SessionBody = z.object({
  user: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.string()),
    trustRoles: z.array(z.string()),
    // What this person may do in the current school (access/permissions.ts), so the page
    // shows a link only to those the server would let through: the rule stays in one
    // place and the page never spells out role names. The server checks every request.
    permissions: z.array(z.string()),
  }),
  csrfToken: z.string(),
  secondFactor: z.enum(["none", "required", "satisfied"]),
  secondFactorEnrolled: z.boolean(),
  // Which second factors are set up, so the page offers the right ones.
  authenticatorApp: z.boolean(),
  securityKeys: z.number(),
  schools: z.array(z.object({ id: z.uuid(), name: z.string() })),
  currentSchoolId: z.uuid().nullable(),
  locked: z.boolean(),
  agreementRequired: z.boolean(),
  trainingRequired: z.boolean(),
  school: z.object({
    idleLockMinutes: z.number(),
    hideScreenReturn: z.enum(["click", "password"]),
    pupilNoun: z.string(),
    // Whether the incident page offers "Add a photo of the mark".
    bodyMapPhotos: z.boolean(),
  }),
});

export function sessionBody(who: SignedIn): z.infer<typeof SessionBody> {
  return {
    user: {
      id: who.accountId,
      name: who.name,
      email: who.email,
      roles: who.roles,
      trustRoles: who.trustRoles,
      permissions: heldPermissions(who),
    },
    csrfToken: who.csrfToken,
    secondFactor: who.secondFactor,
    secondFactorEnrolled: who.secondFactorEnrolled,
    authenticatorApp: who.authenticatorApp,
    securityKeys: who.securityKeys,
    schools: who.schools,
    currentSchoolId: who.schoolId,
    locked: who.locked,
    agreementRequired: who.agreementRequired,
    trainingRequired: who.trainingRequired,
    school: {
      idleLockMinutes: who.settings.idleLockMinutes,
      hideScreenReturn: who.settings.hideScreenReturn,
      pupilNoun: who.settings.pupilNoun,
      bodyMapPhotos: who.settings.bodyMapPhotos,
    },
  };
}

function heldPermissions(who: SignedIn): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(who.roles, p));
}
