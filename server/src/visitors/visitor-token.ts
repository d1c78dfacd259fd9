// A visitor link's secret carries the school it belongs to, so the public page can open
// the right school's rows (row-level security needs the school) without a global index.
// The school id is not a secret; the 256 random bits after it are.
import { randomToken } from "../auth/tokens.ts";

const SCHOOL_PART = 22; // 16 bytes in base64url
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{65}$/;

export function newVisitorToken(schoolId: string): string {
  const school = Buffer.from(schoolId.replaceAll("-", ""), "hex").toString("base64url");
  return school + randomToken();
}

/** The school a token names, or null if it is not one of ours. */
export function schoolOfToken(token: string): string | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hex = Buffer.from(token.slice(0, SCHOOL_PART), "base64url").toString("hex");
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
