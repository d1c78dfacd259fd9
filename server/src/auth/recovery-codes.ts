// Recovery codes for a lost authenticator: ten, each good once, shown once at enrolment.
import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { recoveryCodes } from "../db/schema/index.ts";
import { hashToken } from "./tokens.ts";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i to misread

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Replaces a person's recovery codes with ten new ones; returns them (shown once). */
export async function issueRecoveryCodes(tx: Tx, accountId: string): Promise<string[]> {
  const now = new Date();
  // Old codes stop working: marked used rather than deleted, so the record stays.
  await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  const codes = Array.from({ length: 10 }, newCode);
  await tx
    .insert(recoveryCodes)
    .values(codes.map((c) => ({ accountId, codeHash: hashToken(normalise(c)), createdAt: now })));
  return codes;
}

/** Uses up a recovery code; false if it is unknown or already used. */
export async function useRecoveryCode(tx: Tx, accountId: string, code: string): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.codeHash, hashToken(normalise(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning();
  return used.length === 1;
}
