// What each job does. Emails say only what is needed and link to Tessera.
import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { accounts } from "../db/schema/index.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { JobHandlers } from "./outbox.ts";

export function jobHandlers(db: Database, mailer: Mailer, publicUrl: string): JobHandlers {
  return {
    "sign-in.failures": async ({ accountId, failures, address }, jobId) => {
      const [account] = await db.owner((tx) =>
        tx
          .select({ email: accounts.email, name: accounts.name })
          .from(accounts)
          .where(eq(accounts.id, accountId)),
      );
      if (!account) return;
      await mailer.send({
        to: account.email,
        messageId: `<${jobId}@tessera>`,
        subject: "Sign-in attempts to your Tessera account did not work",
        text: [
          `Hello ${account.name},`,
          "",
          `There have been ${failures} attempts to sign in to your Tessera account that did not work, from the network address ${address}.`,
          "",
          "If this was you, you can ignore this email: Tessera slows down further attempts but does not lock you out.",
          "If it was not you, tell your designated safeguarding lead, and change your password when you next sign in:",
          `${publicUrl}/account`,
        ].join("\n"),
      });
    },
  };
}
