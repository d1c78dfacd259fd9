// What sign-in and GET /api/v1/session answer (API.md), plus what the page needs to know
// about the person's school to behave (idle lock, hide screen, what pupils are called).
import { z } from "zod";
import type { SignedIn } from "./signed-in.ts";

export const SessionBody = z.object({
  user: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.string()),
    trustRoles: z.array(z.string()),
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
