// What each job does. Emails say only what is needed and link to Tessera.

import { eq, sql } from "drizzle-orm";
import { DSL_TEAM_ROLES_SQL } from "../access/permissions.ts";
import { loadOverdue } from "../dashboard/overdue.ts";
import { type Database, queryRows } from "../db/database.ts";
import { accounts, schools } from "../db/schema/index.ts";
import type { Mailer, MailSender } from "../mail/mailer.ts";
import { readSchoolSettings } from "../roster/school-settings.ts";
import { newInvitationToken } from "../staff/invitation-token.ts";
import type { JobHandlers } from "./outbox.ts";

// The kinds of action in plain words (web/src/routes/incidents/actionKinds.ts says the same).
const ACTION_KIND_NAMES: Record<string, string> = {
  follow_up: "Follow-up",
  consent_to_share: "Consent to share recorded",
  information_shared: "Information shared with an agency",
  decision_not_to_share: "Decision not to share",
};
/** A time as people in an English school read it ("23 November 2026, 08:15"). */
function londonTime(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/London",
  });
}

export function jobHandlers(db: Database, mailer: Mailer, publicUrl: string): JobHandlers {
  // A school's emails carry its chosen sender name and Reply-To (read when sent, so a
  // change applies to mail still waiting in the outbox too).
  const senderOf = async (schoolId: string): Promise<MailSender> => {
    const [row] = await db.owner((tx) =>
      tx.select({ settings: schools.settings }).from(schools).where(eq(schools.id, schoolId)),
    );
    return readSchoolSettings(row?.settings).emailSender;
  };
  return {
    "incident.alert": async ({ schoolId, alertId }, jobId) => {
      const [row] = await db.owner((tx) =>
        queryRows<{
          email: string;
          incident_id: string;
          author: string;
          action: boolean;
          action_id: string | null;
          action_kind: string | null;
          categories: string[];
        }>(
          tx,
          sql`select r.email, a.incident_id, au.name as author, a.action_id is not null as action, a.action_id, act.kind as action_kind,
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
      // Seed 002: the email says who raised it and the category — nothing else. An alert
      // about an action opens that action alone, so its email names the kind of action,
      // never the incident's category, which the person may not be allowed to read.
      await mailer.send({
        sender: await senderOf(schoolId),
        to: row.email,
        messageId: `<${jobId}@tessera>`,
        subject: `Tessera alert from ${row.author}`,
        text: [
          `${row.author} has alerted you to ${row.action ? "an action on an incident" : "an incident"} in Tessera.`,
          row.action_kind
            ? `Kind of action: ${ACTION_KIND_NAMES[row.action_kind] ?? row.action_kind}`
            : `Category: ${row.categories.join("; ")}`,
          "",
          "Open it in Tessera (you will need to sign in):",
          // An alert about an action opens that action alone.
          row.action_id
            ? `${publicUrl}/actions/${row.action_id}`
            : `${publicUrl}/incidents/${row.incident_id}`,
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
        sender: await senderOf(schoolId),
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
    "review.overdue-digest": async ({ schoolId, accountId }, jobId) => {
      const found = await db.owner(async (tx) => {
        const [row] = await queryRows<{ email: string; school: string; settings: unknown }>(
          tx,
          sql`select a.email, s.name as school, s.settings from accounts a
              join memberships m on m.account_id = a.id and m.school_id = ${schoolId}
              join schools s on s.id = m.school_id
              where a.id = ${accountId} and a.active and m.deactivated_at is null`,
        );
        if (!row) return null;
        // Counted when sent: if the team has caught up since, there is nothing to say.
        return {
          ...row,
          overdue: await loadOverdue(tx, schoolId, readSchoolSettings(row.settings)),
        };
      });
      if (!found) return;
      const late = found.overdue.unreviewed.overdue;
      const unread = found.overdue.unreadAlertsOverdue.total;
      if (late === 0 && unread === 0) return;
      const lines = [
        `In ${found.school}, Tessera has work waiting for the DSL team:`,
        "",
        ...(late > 0
          ? [
              `${late} ${late === 1 ? "incident has" : "incidents have"} not been reviewed within the school's deadline.`,
            ]
          : []),
        ...(unread > 0
          ? [
              `${unread} ${unread === 1 ? "alert has" : "alerts have"} not been read by the person alerted.`,
            ]
          : []),
        "",
        "Open the dashboard in Tessera (you will need to sign in):",
        `${publicUrl}/`,
      ];
      await mailer.send({
        sender: readSchoolSettings(found.settings).emailSender,
        to: found.email,
        messageId: `<${jobId}@tessera>`,
        subject: "Tessera: safeguarding work is overdue",
        text: lines.join("\n"),
      });
    },
    "staff.invitation": async ({ schoolId, invitationId }, jobId) => {
      // The link's secret is made here, at sending, so the database never holds it; a
      // resend makes a new one and the older link stops working.
      const { token, hash } = newInvitationToken(schoolId);
      const [row] = await db.owner((tx) =>
        queryRows<{ email: string; name: string; school: string; by: string; expires_at: Date }>(
          tx,
          sql`update invitations i set token_hash = ${hash}, sent_at = now()
              from schools s, accounts b
              where i.school_id = ${schoolId} and i.id = ${invitationId}
                and s.id = i.school_id and b.id = i.invited_by
                and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
              returning i.email, i.name, s.name as school, b.name as by, i.expires_at`,
        ),
      );
      if (!row) return;
      const until = new Date(row.expires_at).toLocaleDateString("en-GB", {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "Europe/London",
      });
      await mailer.send({
        sender: await senderOf(schoolId),
        to: row.email,
        messageId: `<${jobId}@tessera>`,
        subject: `You are invited to Tessera at ${row.school}`,
        text: [
          `Hello ${row.name},`,
          "",
          `${row.by} has invited you to use Tessera, ${row.school}'s safeguarding record system.`,
          `Open this link to set your password (it works once, until ${until}):`,
          `${publicUrl}/invitation/${token}`,
          "",
          "If you were not expecting this, you can ignore this email.",
        ].join("\n"),
      });
    },
    "staff.added": async ({ schoolId, accountId, addedBy }, jobId) => {
      const [row] = await db.owner((tx) =>
        queryRows<{ email: string; name: string; school: string; by: string }>(
          tx,
          sql`select a.email, a.name, s.name as school, b.name as by
              from accounts a, schools s, accounts b
              where a.id = ${accountId} and s.id = ${schoolId} and b.id = ${addedBy}`,
        ),
      );
      if (!row) return;
      await mailer.send({
        sender: await senderOf(schoolId),
        to: row.email,
        messageId: `<${jobId}@tessera>`,
        subject: `You now have access to ${row.school} in Tessera`,
        text: [
          `Hello ${row.name},`,
          "",
          `${row.by} has added you to ${row.school} in Tessera. Sign in with your usual Tessera password and choose the school at the top of the page:`,
          `${publicUrl}/sign-in`,
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
    "sign-in.new-device": async ({ accountId, device, address, at }, jobId) => {
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
        subject: "A new sign-in to your Tessera account",
        text: [
          `Hello ${account.name},`,
          "",
          `Your Tessera account was signed in to from a browser it has not been used from before: ${device}, from the network address ${address}, at ${londonTime(at)}.`,
          "",
          "If this was you, you can ignore this email.",
          "If it was not you, tell your designated safeguarding lead straight away and change your password:",
          `${publicUrl}/account`,
        ].join("\n"),
      });
    },
    "second-factor.reset": async ({ schoolId, accountId, resetBy, at }, jobId) => {
      const rows = await db.owner((tx) =>
        queryRows<{ email: string; school: string; person: string; by: string; own: boolean }>(
          tx,
          sql`select distinct r.email, s.name as school, p.name as person, b.name as by,
                     r.id = p.id as own
              from schools s
              join accounts p on p.id = ${accountId}
              join accounts b on b.id = ${resetBy}
              join accounts r on r.active and (r.id = p.id or exists (
                select 1 from memberships m where m.school_id = s.id and m.account_id = r.id
                  and m.deactivated_at is null and m.roles && ${DSL_TEAM_ROLES_SQL}::text[]))
              where s.id = ${schoolId}`,
        ),
      );
      const when = londonTime(at);
      for (const row of rows) {
        await mailer.send({
          to: row.email,
          messageId: `<${jobId}.${row.email}@tessera>`,
          subject: row.own
            ? "Your Tessera sign-in was reset: set up your second factor again"
            : `${row.by} reset the second factor of ${row.person} in Tessera`,
          text: (row.own
            ? [
                `${row.by} reset the second factor of your Tessera account at ${row.school} on ${when}: your authenticator app and security keys were removed and you were signed out everywhere.`,
                "",
                "When you next sign in with your password, Tessera will ask you to set up an authenticator app or a security key again.",
                "If you did not ask for this, tell your designated safeguarding lead straight away.",
                `${publicUrl}/sign-in`,
              ]
            : [
                `${row.by} reset the second factor of ${row.person}'s Tessera account at ${row.school} on ${when}.`,
                `${row.person}'s authenticator app and security keys were removed and every session of theirs ended; they will set up a second factor again at their next sign-in.`,
                "",
                "You are told because you are in the school's safeguarding team. If you did not expect this, check with them. The reason they gave is kept in the school's audit log in Tessera.",
              ]
          ).join("\n"),
        });
      }
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
                and m.roles && ${DSL_TEAM_ROLES_SQL}::text[]`,
        ),
      );
      for (const row of rows) {
        // Nothing of the concern itself: who sent it and about whom stays in Tessera.
        await mailer.send({
          sender: await senderOf(schoolId),
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
