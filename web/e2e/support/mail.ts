// Email Tessera sent during the run, as start-server.mjs's loopback SMTP server saved it.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

const MAIL_DIR = fileURLToPath(new URL("../../../.tessera-e2e/mail/", import.meta.url));

export interface SentMail {
  to: string;
  subject: string;
  text: string;
}

function allMail(): SentMail[] {
  let names: string[] = [];
  try {
    names = readdirSync(MAIL_DIR).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names.sort().map((n) => JSON.parse(readFileSync(`${MAIL_DIR}${n}`, "utf8")) as SentMail);
}

/** Waits for the newest email to this address (the outbox sends within a few seconds). */
export async function mailTo(address: string, timeout = 20_000): Promise<SentMail> {
  let found: SentMail | undefined;
  await expect
    .poll(
      () => {
        found = allMail()
          .filter((m) => m.to.toLowerCase().includes(address.toLowerCase()))
          .pop();
        return Boolean(found);
      },
      { timeout, message: `an email to ${address}` },
    )
    .toBe(true);
  return found as SentMail;
}
