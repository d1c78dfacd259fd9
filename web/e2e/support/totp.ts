// Codes from the demo accounts' authenticator (secret JBSWY3DPEHPK3PXP), for the browser
// tests. The server accepts each 30-second step once per account, whichever session uses
// it (replay protection), and accepts one step either side of now. Tests run in parallel
// in several worker processes, so each step is handed out once, through a small file per
// account under .tessera-e2e/ (wiped with the database at the start of every run): a test
// gets the earliest step nobody has used that the server will still accept, waiting for
// time to move on if that step is still in the future.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Secret, TOTP } from "otpauth";

export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

const PERIOD_MS = 30_000;
/** Time allowed between making a code and the server checking it. */
const MARGIN_MS = 5_000;
const STEPS_DIR = fileURLToPath(new URL("../../../.tessera-e2e/totp-steps/", import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stepAt = (time: number) => Math.floor(time / PERIOD_MS);

export function totpFor(secret: string, label = "Tessera"): TOTP {
  return new TOTP({
    issuer: "Tessera",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_MS / 1000,
    secret: Secret.fromBase32(secret),
  });
}

/** Runs `work` holding this account's lock (a directory: mkdir is atomic). */
async function withLock<T>(name: string, work: () => T): Promise<T> {
  mkdirSync(STEPS_DIR, { recursive: true });
  const lock = `${STEPS_DIR}${name}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else has it for a moment; a lock older than 10 s was left by a crash.
      if (Date.now() - started > 10_000) rmSync(lock, { recursive: true, force: true });
      await sleep(20);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Takes the next step for this account; returns it and when it may be used. */
async function reserveStep(email: string): Promise<{ step: number; usableAt: number }> {
  const name = email.toLowerCase().replace(/[^a-z0-9.@-]/g, "_");
  const file = `${STEPS_DIR}${name}.json`;
  return withLock(name, () => {
    let last = Number.NEGATIVE_INFINITY;
    try {
      last = (JSON.parse(readFileSync(file, "utf8")) as { last: number }).last;
    } catch {
      // Never used in this run.
    }
    const now = Date.now();
    // The oldest step the server still accepts, even if it checks a few seconds from now.
    const oldest = stepAt(now + MARGIN_MS) - 1;
    const step = Math.max(oldest, last + 1);
    writeFileSync(file, JSON.stringify({ last: step }));
    // A step is accepted from one step before it comes round.
    return { step, usableAt: (step - 1) * PERIOD_MS };
  });
}

/**
 * A code from the demo authenticator that no other test uses. It may wait (at most about
 * 30 s, and only when one account signs in more than three times within a minute).
 */
export async function demoTotpCode(email: string): Promise<string> {
  const { step, usableAt } = await reserveStep(email);
  const wait = usableAt - Date.now();
  if (wait > 0) await sleep(wait + 250);
  return totpFor(DEMO_TOTP_SECRET).generate({ timestamp: step * PERIOD_MS + 1000 });
}

/** The current code for another secret (a newly set-up authenticator). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return totpFor(secret).generate({ timestamp });
}
