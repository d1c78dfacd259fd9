import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret for cookies and CSRF tokens (256 bits, URL-safe). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of a secret, so a copy of it is not a key. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
