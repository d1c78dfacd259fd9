// Actions: corrections are new revisions (both kept, a stale base refused), each action
// keeps its own audience (a DSL-only action never reaches the reporter, by any route),
// and an alert about an action opens that action alone — not the incident, not its other
// actions (docs/access.md: an alert is a reason to read that record only).
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

describe.each(DRIVERS)("actions on %s", (driver) => {
  let db: Database;
  let app: FastifyInstance;
  let smtp: TestSmtp;
  const as: Record<string, Client> = {};
  let pupil: { id: string; name: string };
  let cat: Record<string, string> = {};
  let incident: { id: string };

  const idOf = (who: string) => (as[who]!.body.user as { id: string }).id;

  function send(who: string, method: "GET" | "POST", url: string, payload?: object) {
    const c = as[who]!;
    return app.inject({
      method,
      url,
      headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
      ...(payload ? { payload } : {}),
    });
  }

  async function addAction(who: string, body: object): Promise<string> {
    const res = await send(who, "POST", `/api/v1/incidents/${incident.id}/actions`, {
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  beforeAll(async () => {
    db = await freshDatabase(driver);
    await ensureDemo(db);
    app = await buildApp({ db, webRoot: "/nonexistent" });
    smtp = await startSmtp();
    for (const who of ["ta", "dsl", "office", "teacher"]) {
      as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
    }
    for (const [who, step] of [
      ["dsl", 0],
      ["teacher", 1],
    ] as const) {
      const res = await send(who, "POST", "/api/v1/session/second-factor", {
        code: currentTotp(DEMO_TOTP_SECRET, Date.now() + step * 30_000),
      });
      expect(res.statusCode).toBe(200);
    }
    [pupil] = (await db.owner((tx) =>
      queryRows<{ id: string; name: string }>(
        tx,
        sql`select p.id, coalesce(p.preferred_first_name, p.legal_first_name) || ' ' || coalesce(p.preferred_last_name, p.legal_last_name) as name
            from pupils p join classes c on c.school_id = p.school_id and c.id = p.class_id
            where c.name = 'Year 3 Oak' order by p.legal_last_name limit 1`,
      ),
    )) as [{ id: string; name: string }];
    const cats = await db.owner((tx) =>
      queryRows<{ id: string; name: string }>(
        tx,
        sql`select c.id, c.name from categories c join schools s on s.id = c.school_id where s.name = 'Demo Primary School'`,
      ),
    );
    cat = Object.fromEntries(cats.map((c) => [c.name, c.id]));
    const created = await send("ta", "POST", "/api/v1/incidents", {
      pupilId: pupil.id,
      account: "He told me at break that nobody was home last night.",
      categoryIds: [cat["Safeguarding concern"]!],
      occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    incident = created.json();
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await db.close();
  });

  it("keeps every revision of a corrected action, with who, when and why", async () => {
    const id = await addAction("ta", { account: "Spoke to mum at pick-up.", outcome: "None yet" });
    const before = (await send("ta", "GET", `/api/v1/actions/${id}`)).json();
    expect(before).toMatchObject({ account: "Spoke to mum at pick-up.", edited: false });
    const revised = await send("ta", "POST", `/api/v1/actions/${id}/revisions`, {
      baseRevisionId: before.revisionId,
      changes: { account: "Spoke to dad at pick-up.", outcome: "He will call the office." },
      reason: "It was dad, not mum.",
    });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(revised.json().revisionNo).toBe(2);

    const history = (await send("ta", "GET", `/api/v1/actions/${id}/revisions`)).json().items;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      revisionNo: 1,
      account: "Spoke to mum at pick-up.",
      outcome: "None yet",
      reason: null,
    });
    expect(history[1]).toMatchObject({
      revisionNo: 2,
      baseRevisionId: before.revisionId,
      account: "Spoke to dad at pick-up.",
      reason: "It was dad, not mum.",
      editedBy: { id: idOf("ta") },
    });
    // Everywhere it is shown, it reads as corrected, and says so.
    const view = (await send("ta", "GET", `/api/v1/incidents/${incident.id}`)).json();
    const shown = view.actions.find((a: { id: string }) => a.id === id);
    expect(shown).toMatchObject({ account: "Spoke to dad at pick-up.", edited: true });
    const chron = (await send("ta", "GET", `/api/v1/pupils/${pupil.id}/chronology`)).json().items;
    expect(chron.find((e: { id: string }) => e.id === id)).toMatchObject({
      account: "Spoke to dad at pick-up.",
      edited: true,
    });
    // The database refuses to change history, even the first revision.
    await expect(
      db.owner((tx) => tx.execute(sql`update action_revisions set account = 'x'`)),
    ).rejects.toThrow();
  });

  it("refuses a correction made on a stale revision with 409, and loses nothing", async () => {
    const id = await addAction("ta", { account: "Gave him breakfast club toast." });
    const first = (await send("ta", "GET", `/api/v1/actions/${id}`)).json().revisionId;
    // The DSL corrects it first (a DSL may correct anyone's action) …
    const dsl = await send("dsl", "POST", `/api/v1/actions/${id}/revisions`, {
      baseRevisionId: first,
      changes: { outcome: "Breakfast club place offered." },
      reason: "Added the outcome.",
    });
    expect(dsl.statusCode).toBe(201);
    // … so the TA's edit, made on what she saw before, is refused.
    const stale = await send("ta", "POST", `/api/v1/actions/${id}/revisions`, {
      baseRevisionId: first,
      changes: { account: "Gave him toast." },
      reason: "Shorter.",
    });
    expect(stale.statusCode).toBe(409);
    const now = (await send("ta", "GET", `/api/v1/actions/${id}`)).json();
    expect(now).toMatchObject({
      account: "Gave him breakfast club toast.",
      outcome: "Breakfast club place offered.",
    });
    // Two corrections at once on the same base: one is saved, the other told of the clash.
    const both = await Promise.all(
      ["Gave him toast and juice.", "Gave him toast at 8:40."].map((text) =>
        send("ta", "POST", `/api/v1/actions/${id}/revisions`, {
          baseRevisionId: now.revisionId,
          changes: { account: text },
          reason: "Detail.",
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const latest = (await send("ta", "GET", `/api/v1/actions/${id}`)).json();
    // The class teacher may not read a safeguarding record: not told it exists either.
    const teacher = await send("teacher", "POST", `/api/v1/actions/${id}/revisions`, {
      baseRevisionId: latest.revisionId,
      changes: { account: "Rewritten." },
      reason: "No.",
    });
    expect(teacher.statusCode).toBe(404);
    const future = await send("ta", "POST", `/api/v1/actions/${id}/revisions`, {
      baseRevisionId: latest.revisionId,
      changes: { occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      reason: "Wrong day.",
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].path).toBe("changes.occurredAt");
  });

  it("keeps a DSL-only action from the reporter everywhere", async () => {
    const secret = "Strategy meeting with social care; police informed.";
    const id = await addAction("dsl", { account: secret, restricted: true });
    const seen = await addAction("dsl", { account: "Spoke to parent: mum is aware." });
    const view = (await send("ta", "GET", `/api/v1/incidents/${incident.id}`)).json();
    const ids = view.actions.map((a: { id: string }) => a.id);
    expect(ids).toContain(seen);
    expect(ids).not.toContain(id);
    const chron = await send("ta", "GET", `/api/v1/pupils/${pupil.id}/chronology`);
    expect(chron.statusCode).toBe(200);
    expect(chron.json().items.map((e: { id: string }) => e.id)).toContain(seen);
    expect(chron.body).not.toContain(secret);
    for (const url of [`/api/v1/actions/${id}`, `/api/v1/actions/${id}/revisions`]) {
      const res = await send("ta", "GET", url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(secret);
    }
    // The DSL sees it, marked restricted.
    const dslView = (await send("dsl", "GET", `/api/v1/incidents/${incident.id}`)).json();
    expect(dslView.actions.find((a: { id: string }) => a.id === id)).toMatchObject({
      restricted: true,
      account: secret,
    });
    // The refusal is in the access log.
    const logged = await db.owner((tx) =>
      queryRows<{ outcome: string }>(
        tx,
        sql`select outcome from access_log where record_id = ${id} and account_id = ${idOf("ta")}`,
      ),
    );
    expect(logged.map((l) => l.outcome)).toContain("refused");
  });

  it("lets a DSL restrict an action after it was recorded, and open it again, with reasons kept", async () => {
    const words = "Mum said dad has moved back in; social worker told.";
    const id = await addAction("dsl", { account: words });
    const taSees = async () => {
      const view = (await send("ta", "GET", `/api/v1/incidents/${incident.id}`)).json();
      const chron = await send("ta", "GET", `/api/v1/pupils/${pupil.id}/chronology`);
      const alone = await send("ta", "GET", `/api/v1/actions/${id}`);
      return {
        inIncident: view.actions.some((a: { id: string }) => a.id === id),
        inChronology: chron.body.includes(words),
        alone: alone.statusCode,
      };
    };
    expect(await taSees()).toEqual({ inIncident: true, inChronology: true, alone: 200 });

    // The reporter cannot narrow it; neither can the office.
    for (const who of ["ta", "office"]) {
      const refused = await send(who, "POST", `/api/v1/actions/${id}/restriction`, {
        restricted: true,
        reason: "Trying",
      });
      expect(refused.statusCode, who).toBe(403);
    }
    // A reason is required, and said beside the field.
    const noReason = await send("dsl", "POST", `/api/v1/actions/${id}/restriction`, {
      restricted: true,
      reason: " ",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe("reason");

    const restricted = await send("dsl", "POST", `/api/v1/actions/${id}/restriction`, {
      restricted: true,
      reason: "Police now involved: DSL team only.",
    });
    expect(restricted.statusCode, restricted.body).toBe(201);
    expect(await taSees()).toEqual({ inIncident: false, inChronology: false, alone: 404 });
    // Saying it twice changes nothing.
    const again = await send("dsl", "POST", `/api/v1/actions/${id}/restriction`, {
      restricted: true,
      reason: "Again",
    });
    expect(again.statusCode).toBe(409);

    const opened = await send("dsl", "POST", `/api/v1/actions/${id}/restriction`, {
      restricted: false,
      reason: "Restricted the wrong action.",
    });
    expect(opened.statusCode).toBe(201);
    expect(await taSees()).toEqual({ inIncident: true, inChronology: true, alone: 200 });

    // The DSL sees both changes, oldest first, with who and why; the TA sees none of it.
    const dslView = (await send("dsl", "GET", `/api/v1/actions/${id}`)).json();
    expect(dslView.canRestrict).toBe(true);
    expect(
      dslView.restrictionChanges.map((c: { restricted: boolean; reason: string }) => [
        c.restricted,
        c.reason,
      ]),
    ).toEqual([
      [true, "Police now involved: DSL team only."],
      [false, "Restricted the wrong action."],
    ]);
    const taView = (await send("ta", "GET", `/api/v1/actions/${id}`)).json();
    expect(taView).toMatchObject({ canRestrict: false, restrictionChanges: [] });
    const audited = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where type = 'action.audience-changed' and payload->>'actionId' = ${id}`,
      ),
    );
    expect(audited[0]!.n).toBe(2);
  });

  it("lets someone alerted to an action read that action alone", async () => {
    const other = await addAction("dsl", { account: "Called the school nurse." });
    const alerted = await addAction("dsl", {
      account: "Please keep an eye on him at lunch this week.",
      alertUserIds: [idOf("office")],
    });
    // The office's inbox links the action, names its pupil, and no incident category.
    const inbox = (await send("office", "GET", "/api/v1/alerts")).json();
    const item = inbox.items.find(
      (a: { action: { id: string } | null }) => a.action?.id === alerted,
    );
    expect(item).toMatchObject({ pupil: { id: pupil.id }, categories: [] });
    const res = await send("office", "GET", `/api/v1/actions/${alerted}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      account: "Please keep an eye on him at lunch this week.",
      incident: { id: incident.id, readable: false },
      canEdit: false,
    });
    // Not the incident, not its other actions, nothing of either in the chronology.
    expect((await send("office", "GET", `/api/v1/incidents/${incident.id}`)).statusCode).toBe(404);
    expect((await send("office", "GET", `/api/v1/actions/${other}`)).statusCode).toBe(404);
    const chron = await send("office", "GET", `/api/v1/pupils/${pupil.id}/chronology`);
    expect(chron.statusCode).toBe(200);
    const entries = chron.json().items as { id: string }[];
    expect(entries.map((e) => e.id)).toEqual([alerted]);
    expect(chron.body).not.toContain("nobody was home");
    // The email links that action alone, and carries neither the pupil nor the account.
    const before = smtp.messages.length;
    await runOutbox(
      db,
      jobHandlers(
        db,
        createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
        "https://tessera.example.org",
      ),
    );
    const mail = smtp.messages
      .slice(before)
      .find((m) => m.text?.includes(`https://tessera.example.org/actions/${alerted}`));
    expect(mail?.text).toContain("an action on an incident");
    expect(mail?.text).not.toContain("keep an eye on him");
    expect(mail?.text).not.toContain(pupil.name.split(" ")[0]!);
    // …nor the incident's category, which the office may not read: the kind of action.
    expect(mail?.text).toContain("Kind of action: Follow-up");
    expect(mail?.text).not.toContain("Safeguarding concern");
    // Reading the action is not a reason to correct it.
    const edit = await send("office", "POST", `/api/v1/actions/${alerted}/revisions`, {
      baseRevisionId: res.json().revisionId,
      changes: { account: "x" },
      reason: "x",
    });
    expect(edit.statusCode).toBe(403);
    // Withdrawn, the alert is no longer a reason.
    const alertId = item.id as string;
    const withdrawn = await send("dsl", "POST", `/api/v1/alerts/${alertId}/withdraw`, {
      reason: "Sent to the wrong person.",
    });
    expect(withdrawn.statusCode).toBe(204);
    expect((await send("office", "GET", `/api/v1/actions/${alerted}`)).statusCode).toBe(404);
  });

  it("lists the incidents I wrote that no DSL has reviewed yet", async () => {
    const waiting = (await send("ta", "GET", "/api/v1/incidents?mine=true&reviewed=false")).json();
    expect(waiting.items.map((i: { id: string }) => i.id)).toContain(incident.id);
    expect((await send("dsl", "POST", `/api/v1/incidents/${incident.id}/review`)).statusCode).toBe(
      204,
    );
    const after = (await send("ta", "GET", "/api/v1/incidents?mine=true&reviewed=false")).json();
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(incident.id);
    const reviewed = (await send("ta", "GET", "/api/v1/incidents?mine=true&reviewed=true")).json();
    expect(reviewed.items.map((i: { id: string }) => i.id)).toContain(incident.id);
  });
});
