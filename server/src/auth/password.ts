// Password hashing: argon2id with OWASP's minimum parameters (19 MiB, two passes), about
// 30–60 ms on the reference machine. The PHC string records its parameters, so hashes
// made with other parameters still verify if these change.
import { type Algorithm, hash, verify } from "@node-rs/argon2";

// The package's Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * A hash of a random password nobody knows, made with the same parameters: checking a
 * password against it for an unknown email costs what a real check costs, so timing does
 * not tell whether an account exists.
 */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$xdBNsON1pEGRoZL9C70dmQ$VFkRQ3TxY5epqHzHngdHjVYy85NOpBxN0aikJzd99N0";

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, PASSWORD_HASH_OPTIONS);
}

/** False for a wrong password and for a hash that is not an argon2 hash at all. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
