// What each job does. Emails say only what is needed and link to Tessera.
import { eq, sql } from "drizzle-orm";
import { type Database, queryRows } from "../db/database.ts";
import { accounts } from "../db/schema/index.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { JobHandlers } from "./outbox.ts";

export function jobHandlers(db: Database, mailer: Mailer, publicUrl: string): JobHandlers {
  return {
    "access.changed": async ({ schoolId, recipientId, grantId, change }, jobId) => {
      const [row] = await db.owner((tx) =>
        queryRows<{ email: string; school: string; person: string; by: string }>(
          tx,
          sql`select r.email, s.name as school, p.name as person, b.name as by
              from grants g
              join memberships m on m.school_id = g.school_id and m.id = g.membership_id
              join accounts p on p.id = m.account_id
              join accounts b on b.id = coalesce(g.revoked_by, g.granted_by)
              join schools s on s.id = g.school_id
              join accounts r on r.id = ${recipientId}
              where g.school_id = ${schoolId} and g.id = ${grantId}`,
        ),
      );
      if (!row) return;
      await mailer.send({
        to: row.email,
        messageId: `<${jobId}@tessera>`,
        subject: `Access to pupil records was ${change === "given" ? "given" : "taken away"} in ${row.school}`,
        text: [
          `${row.by} ${change === "given" ? "gave" : "took away"} access to pupil records ${change === "given" ? "to" : "from"} ${row.person} in ${row.school}.`,
          "",
          "Every change of access is recorded. Review who can read what:",
          `${publicUrl}/access`,
        ].join("\n"),
      });
    },
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
