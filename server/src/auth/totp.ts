// TOTP (RFC 6238) as authenticator apps do it: 6 digits, 30-second steps, SHA-1.
import { Secret, TOTP } from "otpauth";

const PERIOD = 30;

function totpFor(secret: string, label = "Tessera"): TOTP {
  return new TOTP({
    issuer: "Tessera",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * The time step the code belongs to, if it is right within one step either side (clock
 * drift), and later than the last step accepted: a code is good once.
 */
export function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code, for tests and the enrolment check. */
export function currentTotp(secret: string, now = Date.now()): string {
  return totpFor(secret).generate({ timestamp: now });
}
