// Who is making this request, as the authenticate hook found it.
import type { FastifyRequest } from "fastify";
import type { SchoolRole, TrustRole } from "../access/roles.ts";
import { Problem, problems } from "../http/problem.ts";
import type { SchoolSettings } from "../roster/school-settings.ts";

export type SecondFactorState = "none" | "required" | "satisfied";

export interface SchoolChoice {
  id: string;
  name: string;
}

export interface SignedIn {
  sessionId: string;
  accountId: string;
  name: string;
  email: string;
  csrfToken: string;
  secondFactor: SecondFactorState;
  /** Has an authenticator: "required" then means "enter a code", else "set one up". */
  secondFactorEnrolled: boolean;
  /** Has an authenticator app (TOTP). */
  authenticatorApp: boolean;
  /** How many security keys or passkeys are registered (WebAuthn). */
  securityKeys: number;
  schools: SchoolChoice[];
  /** null when the person works in no school (yet). */
  schoolId: string | null;
  /** Effective roles in the current school (access/effective-roles.ts). */
  roles: SchoolRole[];
  trustRoles: TrustRole[];
  /** The current school's settings (defaults when there is no school). */
  settings: SchoolSettings;
  /** The page locked itself after idling; only unlock and sign out work until then. */
  locked: boolean;
  /**
   * How long the server had heard nothing from this session before this request (to the
   * minute: last-seen is written at most once a minute).
   */
  idleMs: number;
  /** The school's acceptable-use agreement (this version) is not yet accepted. */
  agreementRequired: boolean;
  /** The school requires recorded training first, and there is none. */
  trainingRequired: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    signedIn?: SignedIn;
  }
  interface FastifyContextConfig {
    /** Open without signing in (sign-in itself, health, the OpenAPI document). */
    public?: boolean;
    /** Still answers while the page is idle-locked (unlock, sign out, the session). */
    whileLocked?: boolean;
  }
}

/** The signed-in person; routes that are not public can rely on it. */
export function signedIn(request: FastifyRequest): SignedIn {
  if (!request.signedIn) throw problems.notSignedIn();
  return request.signedIn;
}

/**
 * The signed-in person and the school they are working in, once they have accepted the
 * school's agreement and, where the school requires it, completed training (seed 004
 * section 20: "training is completed before system access").
 */
export function inSchool(request: FastifyRequest): SignedIn & { schoolId: string } {
  const who = signedIn(request);
  if (!who.schoolId) throw problems.forbidden("You do not work in a school on Tessera yet.");
  if (who.agreementRequired) {
    throw new Problem(
      403,
      "agreement-required",
      "Accept the agreement first",
      "Read and accept your school's agreement for using Tessera before you go on.",
    );
  }
  if (who.trainingRequired) {
    throw new Problem(
      403,
      "training-required",
      "Training first",
      "Your school asks for safeguarding and Tessera training before you use Tessera. Speak to your designated safeguarding lead.",
    );
  }
  return who as SignedIn & { schoolId: string };
}
