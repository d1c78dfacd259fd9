// Managing the roster (staff accounts, invitations, pupil imports) is administrator or
// DSL work, and like every elevated power it needs a second factor in the session.

import { can } from "../access/permissions.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import { problems } from "../http/problem.ts";

export function requireRosterManager(who: Pick<SignedIn, "roles" | "secondFactor">): void {
  if (!can(who.roles, "roster.manage")) {
    throw problems.forbidden(
      "Only an administrator or a designated safeguarding lead can manage staff and pupils.",
    );
  }
  if (who.secondFactor !== "satisfied") {
    throw problems.secondFactorRequired(
      "Managing staff and pupils needs the code from your authenticator app in this session.",
    );
  }
}
