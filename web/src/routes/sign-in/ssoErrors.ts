// What the sign-in page says when the school's provider sent someone back refused
// (?sso_error=… from /api/v1/sso/callback). Plain words; never which accounts exist.
export const SSO_ERRORS: Record<string, string> = {
  "wrong-tenant":
    "That Microsoft account belongs to another organisation. Sign in with your school's Microsoft account.",
  "wrong-domain":
    "That Google account is not one of your school's. Sign in with your school's Google account.",
  "email-unverified":
    "Your school's sign-in did not confirm your email address, so Tessera could not tell who you are. Ask your school's Tessera administrator.",
  "unknown-person":
    "Tessera does not know you at this school yet. Ask your school's Tessera administrator to invite you.",
  "bound-elsewhere":
    "Your Tessera account is already linked to a different account at your school's sign-in. Ask your school's Tessera administrator.",
  "left-school":
    "You no longer have access to Tessera at this school. If this is wrong, ask your school's Tessera administrator.",
  state:
    "That sign-in was not started in this browser, so it was stopped. Try again from this page.",
  cancelled: "You stopped signing in at your school's sign-in page. Try again when you are ready.",
  expired: "That sign-in took too long or was already used. Try again.",
  "provider-error":
    "Your school's sign-in did not work just now. Try again in a few minutes, or ask your school's Tessera administrator.",
  "too-many":
    "Many sign-ins have been started from here in the last few minutes. Wait ten minutes, then try again.",
  "not-configured":
    "Your school does not sign in to Tessera with its own accounts. Use your email address and password.",
};

export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return SSO_ERRORS[code] ?? SSO_ERRORS["provider-error"] ?? null;
}
