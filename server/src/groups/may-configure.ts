// Who may see and change the alert groups and pre-set rules: the DSL team, and a change
// needs a second factor in the session.
import { can } from "../access/permissions.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import { problems } from "../http/problem.ts";

export type Who = SignedIn & { schoolId: string };

export function mayRead(who: Who) {
  if (!can(who.roles, "alerts.configure")) {
    throw problems.forbidden(
      "Only the designated safeguarding leads can change alert groups and pre-set alerts.",
    );
  }
}

export function mayChange(who: Who) {
  mayRead(who);
  if (who.secondFactor !== "satisfied") {
    throw problems.secondFactorRequired(
      "Changing alert groups and pre-set alerts needs the code from your authenticator app in this session.",
    );
  }
}

export const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });
