// An invitation link's secret names its school, so the public page can look it up in
// that school's tenancy without a session: "<school id>.<random>". Only a hash of the
// whole token is stored.
import { hashToken, randomToken } from "../auth/tokens.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const INVITATION_DAYS = 7;

export function newInvitationToken(schoolId: string): { token: string; hash: string } {
  const token = `${schoolId}.${randomToken()}`;
  return { token, hash: hashToken(token) };
}

export function readInvitationToken(token: string): { schoolId: string; hash: string } | null {
  const [schoolId, secret, ...rest] = token.split(".");
  if (!schoolId || !secret || rest.length > 0 || !UUID.test(schoolId)) return null;
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { schoolId: schoolId.toLowerCase(), hash: hashToken(token) };
}
