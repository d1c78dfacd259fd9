// What an ID token must say before Tessera acts on it, beyond what openid-client already
// checks (signature, issuer, audience, expiry, nonce): the school's own tenant or domain,
// and which address, if any, may link a first sign-in to an account.
import type { IDToken } from "openid-client";

export type SsoProvider = "entra" | "google" | "oidc";

export interface SsoRules {
  provider: SsoProvider;
  tenantId: string | null;
  hostedDomain: string | null;
}

/**
 * The `amr` values that count as the provider having checked a second factor
 * (RFC 8176, plus Entra's `ngcmfa` for Windows Hello for Business). `pwd`, `rsa`, `fed`
 * and `wia` alone do not count.
 */
export const MFA_AMR = ["mfa", "hwk", "otp", "sc", "ngcmfa"] as const;

export type Refusal =
  | "wrong-tenant"
  | "wrong-domain"
  | "email-unverified"
  | "unknown-person"
  | "bound-elsewhere"
  | "left-school"
  | "state"
  | "cancelled"
  | "expired"
  | "provider-error"
  | "not-configured"
  | "too-many";

export function checkOrganisation(rules: SsoRules, claims: IDToken): Refusal | null {
  // Entra's multi-tenant endpoints sign tokens for any organisation: without its tenant
  // pinned, a stranger's directory could present a teacher's address.
  if (rules.tenantId && claims.tid !== rules.tenantId) return "wrong-tenant";
  if (rules.provider === "entra" && !rules.tenantId) return "wrong-tenant";
  // Google: only a Workspace account of the school's domain carries that hd; a personal
  // Gmail account has none.
  if (rules.hostedDomain && claims.hd !== rules.hostedDomain) return "wrong-domain";
  if (rules.provider === "google" && !rules.hostedDomain) return "wrong-domain";
  return null;
}

/**
 * The address a first sign-in may be linked by, or null when the provider does not vouch
 * for it. Only `email` with `email_verified: true` counts; Entra does not send
 * email_verified, so there its optional claim `xms_edov` (email domain owner verified)
 * must be true. `preferred_username` and `upn` are never used: they are display hints an
 * administrator can set to anything.
 */
export function verifiedEmail(provider: SsoProvider, claims: IDToken): string | null {
  const email = typeof claims.email === "string" ? claims.email.trim() : "";
  if (!email.includes("@")) return null;
  const verified =
    claims.email_verified === true || (provider === "entra" && claims.xms_edov === true);
  return verified ? email : null;
}

export function providerMfa(claims: IDToken): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  return amr.some((v) => (MFA_AMR as readonly unknown[]).includes(v));
}
