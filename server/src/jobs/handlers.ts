// What each job does. Emails say only what is needed and link to Tessera.
import { eq, sql } from "drizzle-orm";
import { type Database, queryRows } from "../db/database.ts";
import { accounts } from "../db/schema/index.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { JobHandlers } from "./outbox.ts";

export function jobHandlers(db: Database, mailer: Mailer, publicUrl: string): JobHandlers {
  return {
    "incident.alert": async ({ schoolId, alertId }, jobId) => {
      const [row] = await db.owner((tx) =>
        queryRows<{
          email: string;
          incident_id: string;
          author: string;
          action: boolean;
          categories: string[];
        }>(
          tx,
          sql`select r.email, a.incident_id, au.name as author, a.action_id is not null as action,
                 array(select coalesce(p.name || ' – ', '') || c.name
                       from unnest(ic.category_ids) cid
                       join categories c on c.school_id = ic.school_id and c.id = cid
                       left join categories p on p.school_id = c.school_id and p.id = c.parent_id
                       order by 1) as categories
              from alerts a
              join accounts r on r.id = a.recipient_id
              join incident_current ic on ic.school_id = a.school_id and ic.incident_id = a.incident_id
              left join actions act on act.school_id = a.school_id and act.id = a.action_id
              join accounts au on au.id = coalesce(act.author_id, ic.author_id)
              where a.school_id = ${schoolId} and a.id = ${alertId}`,
        ),
      );
      if (!row) return;
      // Seed 002: the email says who raised it and the category — nothing else.
      await mailer.send({
        to: row.email,
        messageId: `<${jobId}@tessera>`,
        subject: `Tessera alert from ${row.author}`,
        text: [
          `${row.author} has alerted you to ${row.action ? "an action on an incident" : "an incident"} in Tessera.`,
          `Category: ${row.categories.join("; ")}`,
          "",
          "Open it in Tessera (you will need to sign in):",
          `${publicUrl}/incidents/${row.incident_id}`,
        ].join("\n"),
      });
    },
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
    "password-reset.link": async ({ accountId, url }, jobId) => {
      const [account] = await db.owner((tx) =>
        tx
          .select({ email: accounts.email, name: accounts.name, active: accounts.active })
          .from(accounts)
          .where(eq(accounts.id, accountId)),
      );
      if (!account?.active) return;
      await mailer.send({
        to: account.email,
        messageId: `<${jobId}@tessera>`,
        subject: "Choose a new Tessera password",
        text: [
          `Hello ${account.name},`,
          "",
          "Someone asked to reset the password of your Tessera account. If it was you, open this link within an hour and choose a new password:",
          url,
          "",
          "The link works once. You will still need your authenticator app or security key to sign in.",
          "If you did not ask, you can ignore this email: your password has not changed. Tell your designated safeguarding lead if it keeps happening.",
        ].join("\n"),
      });
    },
    "password-reset.done": async ({ accountId, address }, jobId) => {
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
        subject: "Your Tessera password was changed",
        text: [
          `Hello ${account.name},`,
          "",
          `The password of your Tessera account was reset with an emailed link, from the network address ${address}. You have been signed out everywhere.`,
          "",
          "If this was not you, tell your designated safeguarding lead straight away: they can end your sessions and help you set a new password.",
          `${publicUrl}/sign-in`,
        ].join("\n"),
      });
    },
    "visitor-concern.received": async ({ schoolId }, jobId) => {
      const rows = await db.owner((tx) =>
        queryRows<{ email: string; school: string }>(
          tx,
          sql`select distinct a.email, s.name as school
              from memberships m
              join accounts a on a.id = m.account_id
              join schools s on s.id = m.school_id
              where m.school_id = ${schoolId} and m.deactivated_at is null and a.active
                and m.roles && array['dsl', 'deputy_dsl']::text[]`,
        ),
      );
      for (const row of rows) {
        // Nothing of the concern itself: who sent it and about whom stays in Tessera.
        await mailer.send({
          to: row.email,
          messageId: `<${jobId}.${row.email}@tessera>`,
          subject: `A visitor has sent a concern to ${row.school}`,
          text: [
            `A visitor has sent a concern to the safeguarding team at ${row.school} through a visitor link.`,
            "",
            "Read it and match it to a pupil in Tessera (you will need to sign in):",
            `${publicUrl}/visitor-concerns`,
          ].join("\n"),
        });
      }
    },
  };
}
