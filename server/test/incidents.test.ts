// Adding an incident as the seeds describe, and nothing typed can be lost or silently
// changed: idempotent submits, gap-free numbers, author-only edits with conflict
// detection, the DSL's corrections kept in history, alerts fixed at sending and emailed
// without content, and drafts only their author can see.
import { randomUUID } from "node:crypto";
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
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";
import { startSmtp, type TestSmtp, withoutSignInNotices } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
const as: Record<string, Client> = {};
let oakPupil: { id: string; name: string };
let otherPupil: { id: string; name: string };
let cat: Record<string, string> = {};

async function satisfy(client: Client, step: number) {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    payload: { code: currentTotp(DEMO_TOTP_SECRET, Date.now() + step * 30_000) },
  });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  for (const who of ["ta", "teacher", "dsl", "deputy", "sendco"]) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
  }
  await satisfy(as.teacher!, 0);
  await satisfy(as.dsl!, 0);
  await satisfy(as.sendco!, 0);
  const pupils = await db.owner((tx) =>
    queryRows<{ id: string; name: string; class: string }>(
      tx,
      sql`select p.id, coalesce(p.preferred_first_name, p.legal_first_name) || ' ' || coalesce(p.preferred_last_name, p.legal_last_name) as name, c.name as class
          from pupils p join classes c on c.school_id = p.school_id and c.id = p.class_id
          where c.name in ('Year 3 Oak', 'Year 4 Rowan') order by p.legal_last_name`,
    ),
  );
  oakPupil = pupils.find((p) => p.class === "Year 3 Oak")!;
  otherPupil = pupils.find((p) => p.class === "Year 4 Rowan")!;
  const cats = await db.owner((tx) =>
    queryRows<{ id: string; name: string; school: string }>(
      tx,
      sql`select c.id, c.name from categories c join schools s on s.id = c.school_id where s.name = 'Demo Primary School'`,
    ),
  );
  cat = Object.fromEntries(cats.map((c) => [c.name, c.id]));
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

function send(
  who: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const c = as[who]!;
  return app.inject({
    method,
    url,
    headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken, ...headers },
    ...(payload ? { payload } : {}),
  });
}

const concern = (overrides: object = {}) => ({
  pupilId: oakPupil.id,
  account:
    "At 10:40 in the playground she said her dad shouted and pushed her into the door last night. I listened and did not ask questions.",
  location: "Playground",
  categoryIds: [cat["Safeguarding concern"]!, cat.Physical!],
  linkedPupilIds: [],
  occurredAt: new Date(Date.now() - 30 * 60 * 1000).toISOString(),
  alertUserIds: [],
  alertGroupIds: [],
  agencyIds: [],
  status: "open",
  toldDsl: {
    told: true,
    who: "Sarah Mitchell",
    when: new Date(Date.now() - 20 * 60 * 1000).toISOString(),
  },
  bodyMap: {
    marks: [
      {
        view: "front",
        region: "Left upper arm",
        type: "Bruise",
        size: "about 3 cm",
        note: "Yellowish, oval",
      },
    ],
  },
  ...overrides,
});

async function incidentCount(): Promise<number> {
  const [row] = await db.owner((tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from incidents`),
  );
  return row!.n;
}

describe("adding an incident", () => {
  it("gives the per-school number, and the author reads it back without a second factor", async () => {
    const res = await send("ta", "POST", "/api/v1/incidents", concern(), {
      "idempotency-key": randomUUID(),
    });
    expect(res.statusCode).toBe(201);
    const { id, number, revisionId } = res.json();
    expect(number).toBeGreaterThan(0);
    const view = await send("ta", "GET", `/api/v1/incidents/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      id,
      number,
      revisionId,
      edited: false,
      pupil: { id: oakPupil.id, name: oakPupil.name },
      location: "Playground",
      status: "open",
      late: false,
      abilities: { edit: true, markEnteredInError: false },
    });
    expect(
      view
        .json()
        .categories.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(["Physical", "Safeguarding concern"]);
    expect(view.json().bodyMap.marks[0]).toMatchObject({
      region: "Left upper arm",
      type: "Bruise",
    });
    expect(view.json().bodyMap.observerId).toBe((as.ta!.body.user as { id: string }).id);
  });

  it("alerts the DSL team on every incident (the pre-set), fixed at sending, never the author", async () => {
    const res = await send(
      "ta",
      "POST",
      "/api/v1/incidents",
      concern({ alertUserIds: [(as.sendco!.body.user as { id: string }).id] }),
    );
    const view = (await send("ta", "GET", `/api/v1/incidents/${res.json().id}`)).json();
    const recipients = view.alerts
      .map((a: { recipient: { name: string }; via: string }) => a.via)
      .sort();
    expect(recipients).toEqual(["direct", "preset", "preset"]);
    // The alerted DSL reads it by the alert; the SENDCo by being alerted, even though a
    // safeguarding record is outside their grants.
    expect((await send("sendco", "GET", `/api/v1/incidents/${res.json().id}`)).statusCode).toBe(
      200,
    );
    expect((await send("deputy", "GET", `/api/v1/incidents/${res.json().id}`)).statusCode).toBe(
      200,
    );
  });

  it("emails each person alerted who raised it and the category, and never the pupil or the account", async () => {
    const before = smtp.messages.length;
    await runOutbox(
      db,
      jobHandlers(
        db,
        createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
        "https://tessera.example.org",
      ),
    );
    const mails = withoutSignInNotices(smtp.messages.slice(before));
    expect(mails.length).toBeGreaterThanOrEqual(3);
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^Tessera alert from /);
      expect(mail.text).toContain("Safeguarding concern");
      expect(mail.text).toMatch(/https:\/\/tessera\.example\.org\/incidents\/[0-9a-f-]{36}/);
      expect(mail.text).not.toContain(oakPupil.name.split(" ")[0]!);
      expect(mail.text).not.toContain("playground");
    }
  });

  it("refuses DSL-only categories from staff, and takes them from a DSL", async () => {
    const staff = await send(
      "ta",
      "POST",
      "/api/v1/incidents",
      concern({ categoryIds: [cat["Child protection"]!] }),
    );
    expect(staff.statusCode).toBe(422);
    expect(staff.json().errors[0].path).toBe("categoryIds");
    const dsl = await send(
      "dsl",
      "POST",
      "/api/v1/incidents",
      concern({ categoryIds: [cat["Child protection"]!] }),
    );
    expect(dsl.statusCode).toBe(201);
  });

  it("refuses a time in the future (422) and keeps nothing", async () => {
    const before = await incidentCount();
    const res = await send(
      "ta",
      "POST",
      "/api/v1/incidents",
      concern({ occurredAt: new Date(Date.now() + 3600_000).toISOString() }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: "occurredAt", message: "The date and time cannot be in the future." },
    ]);
    expect(await incidentCount()).toBe(before);
  });

  it("says which fields are missing", async () => {
    const res = await send("ta", "POST", "/api/v1/incidents", {
      pupilId: oakPupil.id,
      account: "",
      categoryIds: [],
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(["account", "categoryIds", "occurredAt"]);
  });

  it("shows a DSL recording for the member of staff who raised it", async () => {
    const taId = (as.ta!.body.user as { id: string }).id;
    const res = await send("dsl", "POST", "/api/v1/incidents", concern({ onBehalfOf: taId }));
    const view = (await send("dsl", "GET", `/api/v1/incidents/${res.json().id}`)).json();
    expect(view.author.id).toBe(taId);
    expect(view.recordedBy.name).toBe((as.dsl!.body.user as { name: string }).name);
    expect(
      (await send("ta", "POST", "/api/v1/incidents", concern({ onBehalfOf: taId }))).statusCode,
    ).toBe(422);
  });
});

describe("a retried submit", () => {
  it("with the same key and body creates one incident and one set of alerts", async () => {
    const key = randomUUID();
    const body = concern();
    const before = await incidentCount();
    const first = await send("ta", "POST", "/api/v1/incidents", body, { "idempotency-key": key });
    const second = await send("ta", "POST", "/api/v1/incidents", body, { "idempotency-key": key });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await incidentCount()).toBe(before + 1);
    const [alerts] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from alerts where incident_id = ${first.json().id}`,
      ),
    );
    expect(alerts!.n).toBe(2);
  });

  it("with the same key and a different body is refused (422)", async () => {
    const key = randomUUID();
    await send("ta", "POST", "/api/v1/incidents", concern(), { "idempotency-key": key });
    const res = await send("ta", "POST", "/api/v1/incidents", concern({ location: "Hall" }), {
      "idempotency-key": key,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toMatch(/idempotency-key-reused$/);
  });

  it("sent many times at once still creates one", async () => {
    const key = randomUUID();
    // One body for every copy: the same request sent six times.
    const body = concern();
    const before = await incidentCount();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        send("ta", "POST", "/api/v1/incidents", body, { "idempotency-key": key }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await incidentCount()).toBe(before + 1);
  });
});

describe("numbers", () => {
  it("stay gap-free under 20 concurrent submits", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        send("ta", "POST", "/api/v1/incidents", concern(), { "idempotency-key": randomUUID() }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = await db.owner((tx) =>
      queryRows<{ number: number }>(
        tx,
        sql`select i.number from incidents i join schools s on s.id = i.school_id where s.name = 'Demo Primary School' order by 1`,
      ),
    );
    const all = numbers.map((n) => n.number);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });
});

describe("editing", () => {
  it("is a new revision by the author; a stale base gets 409 and the original stays readable", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    const edit = await send("ta", "POST", `/api/v1/incidents/${created.id}/revisions`, {
      baseRevisionId: created.revisionId,
      changes: { location: "Playground, by the climbing frame" },
      reason: "Added where exactly",
    });
    expect(edit.statusCode).toBe(201);
    const stale = await send("ta", "POST", `/api/v1/incidents/${created.id}/revisions`, {
      baseRevisionId: created.revisionId,
      changes: { location: "Hall" },
      reason: "Second tab",
    });
    expect(stale.statusCode).toBe(409);
    const view = (await send("ta", "GET", `/api/v1/incidents/${created.id}`)).json();
    expect(view).toMatchObject({
      edited: true,
      revisionNo: 2,
      location: "Playground, by the climbing frame",
    });
    const history = (await send("ta", "GET", `/api/v1/incidents/${created.id}/revisions`)).json()
      .items;
    expect(
      history.map((r: { location: string; reason: string | null }) => [r.location, r.reason]),
    ).toEqual([
      ["Playground", null],
      ["Playground, by the climbing frame", "Added where exactly"],
    ]);
    // Categories, links and the rest were carried over, not cleared.
    expect(history[1].categoryIds.sort()).toEqual(history[0].categoryIds.sort());
  });

  it("is refused to anyone but the author, and after a DSL has reviewed it", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    const byDsl = await send("dsl", "POST", `/api/v1/incidents/${created.id}/revisions`, {
      baseRevisionId: created.revisionId,
      changes: { account: "A DSL rewriting someone's words" },
      reason: "Tidy",
    });
    expect(byDsl.statusCode).toBe(404);
    expect((await send("dsl", "POST", `/api/v1/incidents/${created.id}/review`)).statusCode).toBe(
      204,
    );
    const after = await send("ta", "POST", `/api/v1/incidents/${created.id}/revisions`, {
      baseRevisionId: created.revisionId,
      changes: { location: "Hall" },
      reason: "Late change",
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().type).toMatch(/reviewed$/);
  });
});

describe("the DSL's corrections", () => {
  it("entered in error: leaves the normal lists, stays readable in its history", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    expect(
      (
        await send("ta", "POST", `/api/v1/incidents/${created.id}/entered-in-error`, {
          reason: "x",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send("dsl", "POST", `/api/v1/incidents/${created.id}/entered-in-error`, {
          reason: "Wrong child",
        })
      ).statusCode,
    ).toBe(204);
    const list = (
      await send("dsl", "GET", `/api/v1/incidents?pupilId=${oakPupil.id}&limit=100`)
    ).json().items;
    expect(list.map((i: { id: string }) => i.id)).not.toContain(created.id);
    const view = (await send("dsl", "GET", `/api/v1/incidents/${created.id}`)).json();
    expect(view.enteredInError).toBe(true);
    const [event] = await db.owner((tx) =>
      queryRows<{ payload: { reason: string } }>(
        tx,
        sql`select payload from incident_events where incident_id = ${created.id}`,
      ),
    );
    expect(event!.payload.reason).toBe("Wrong child");
  });

  it("re-filing moves it to the right child's list and records the move", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    expect(
      (
        await send("dsl", "POST", `/api/v1/incidents/${created.id}/refile`, {
          pupilId: otherPupil.id,
          reason: "Twins mixed up",
        })
      ).statusCode,
    ).toBe(204);
    const oakList = (
      await send("dsl", "GET", `/api/v1/incidents?pupilId=${oakPupil.id}&limit=100`)
    ).json().items;
    const otherList = (
      await send("dsl", "GET", `/api/v1/incidents?pupilId=${otherPupil.id}&limit=100`)
    ).json().items;
    expect(oakList.map((i: { id: string }) => i.id)).not.toContain(created.id);
    expect(otherList.map((i: { id: string }) => i.id)).toContain(created.id);
    const [event] = await db.owner((tx) =>
      queryRows<{ payload: { fromPupilId: string; toPupilId: string } }>(
        tx,
        sql`select payload from incident_events where incident_id = ${created.id}`,
      ),
    );
    expect(event!.payload).toMatchObject({ fromPupilId: oakPupil.id, toPupilId: otherPupil.id });
  });
});

describe("who can read an incident", () => {
  it("by grant: the class teacher reads a general record about her class, not a safeguarding one", async () => {
    const general = (
      await send("ta", "POST", "/api/v1/incidents", concern({ categoryIds: [cat.Wellbeing!] }))
    ).json();
    const safeguarding = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    expect((await send("teacher", "GET", `/api/v1/incidents/${general.id}`)).statusCode).toBe(200);
    // Not allowed to know it exists: 404, as for an unknown id.
    expect((await send("teacher", "GET", `/api/v1/incidents/${safeguarding.id}`)).statusCode).toBe(
      404,
    );
    const list = (
      await send("teacher", "GET", `/api/v1/incidents?pupilId=${oakPupil.id}&limit=100`)
    ).json().items;
    const ids = list.map((i: { id: string }) => i.id);
    expect(ids).toContain(general.id);
    expect(ids).not.toContain(safeguarding.id);
  });

  it("logs a list of incidents as a read", async () => {
    await send("teacher", "GET", `/api/v1/incidents?pupilId=${oakPupil.id}`);
    const [row] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from access_log where action = 'incidents.list' and pupil_id = ${oakPupil.id}`,
      ),
    );
    expect(row!.n).toBeGreaterThan(0);
  });

  it("logs every read and every refusal", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    await send("teacher", "GET", `/api/v1/incidents/${created.id}`);
    await send("dsl", "GET", `/api/v1/incidents/${created.id}`);
    const rows = await db.owner((tx) =>
      queryRows<{ outcome: string; reason: string }>(
        tx,
        sql`select outcome, reason from access_log where record_id = ${created.id} order by seq`,
      ),
    );
    expect(rows).toEqual([
      { outcome: "refused", reason: "no-reason" },
      { outcome: "allowed", reason: "alert" },
    ]);
  });
});

describe("drafts", () => {
  it("are kept for their author only, and discarded when the incident is saved", async () => {
    const id = randomUUID();
    const saved = await send("ta", "PUT", `/api/v1/drafts/${id}`, {
      kind: "incident",
      content: { account: "She said" },
    });
    expect(saved.statusCode).toBe(200);
    expect(
      (await send("ta", "GET", "/api/v1/drafts?kind=incident"))
        .json()
        .items.map((d: { id: string }) => d.id),
    ).toContain(id);
    expect((await send("dsl", "GET", "/api/v1/drafts")).json().items).toEqual([]);
    // Someone else cannot overwrite it by guessing its id.
    expect(
      (
        await send("dsl", "PUT", `/api/v1/drafts/${id}`, {
          kind: "incident",
          content: { account: "x" },
        })
      ).statusCode,
    ).toBe(404);
    await send("ta", "POST", "/api/v1/incidents", concern({ draftId: id }));
    expect(
      (await send("ta", "GET", "/api/v1/drafts")).json().items.map((d: { id: string }) => d.id),
    ).not.toContain(id);
  });
});

describe("my alerts", () => {
  it("lists unread first and marks one read", async () => {
    const inbox = await send("dsl", "GET", "/api/v1/alerts");
    expect(inbox.statusCode).toBe(200);
    const { unread, items } = inbox.json();
    expect(unread).toBeGreaterThan(0);
    expect(items[0].readAt).toBeNull();
    expect(items[0].raisedBy).toBeTruthy();
    expect((await send("dsl", "POST", `/api/v1/alerts/${items[0].id}/read`)).statusCode).toBe(204);
    expect((await send("dsl", "POST", `/api/v1/alerts/${items[0].id}/read`)).statusCode).toBe(204);
    expect((await send("dsl", "GET", "/api/v1/alerts")).json().unread).toBe(unread - 1);
    const [logged] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from access_log where action = 'alerts.list'`,
      ),
    );
    expect(logged!.n).toBeGreaterThan(0);
    // Someone else's alert: as if it did not exist.
    expect((await send("ta", "POST", `/api/v1/alerts/${items[1].id}/read`)).statusCode).toBe(404);
  });

  it("pages unread (oldest first) then read (newest first), across the boundary", async () => {
    type Item = { id: string; sentAt: string; readAt: string | null };
    const all: Item[] = (await send("dsl", "GET", "/api/v1/alerts?limit=100")).json().items;
    const unread = all.filter((i) => i.readAt === null);
    const read = all.filter((i) => i.readAt !== null);
    expect(unread.length).toBeGreaterThan(1);
    expect(read.length).toBeGreaterThan(0);
    expect(all).toEqual([...unread, ...read]);
    const times = (items: Item[]) => items.map((i) => Date.parse(i.sentAt));
    expect(times(unread)).toEqual([...times(unread)].sort((a, b) => a - b));
    expect(times(read)).toEqual([...times(read)].sort((a, b) => b - a));
    // Pages of 7 cross the unread/read boundary mid-page; the demo DSL has more than
    // 100 alerts, so compare the first 100.
    const paged: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await send(
        "dsl",
        "GET",
        `/api/v1/alerts?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const page = res.json() as { items: Item[]; nextCursor: string | null; unread: number };
      expect(page.unread).toBe(unread.length);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && paged.length < all.length);
    expect(paged.slice(0, all.length).map((i) => i.id)).toEqual(all.map((i) => i.id));
  });
});

describe("the Add incident form's helpers", () => {
  it("warn when someone alerted could not otherwise read a record in those areas", async () => {
    const sendcoId = (as.sendco!.body.user as { id: string }).id;
    const teacherId = (as.teacher!.body.user as { id: string }).id;
    const res = await send("ta", "POST", "/api/v1/incidents/alert-preview", {
      pupilId: oakPupil.id,
      categoryIds: [cat["Safeguarding concern"]!],
      alertUserIds: [sendcoId, teacherId],
    });
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(
      res
        .json()
        .recipients.map((r: { name: string; via: string; wouldOtherwiseRead: boolean }) => [
          r.name,
          r,
        ]),
    );
    const names = (who: string) => (as[who]!.body.user as { name: string }).name;
    expect(byName[names("sendco")]).toMatchObject({ via: "direct", wouldOtherwiseRead: false });
    expect(byName[names("teacher")]).toMatchObject({ via: "direct", wouldOtherwiseRead: false });
    expect(byName[names("dsl")]).toMatchObject({ via: "preset", wouldOtherwiseRead: true });
    // A general record about her own class: the class teacher could read it anyway.
    const general = await send("ta", "POST", "/api/v1/incidents/alert-preview", {
      pupilId: oakPupil.id,
      categoryIds: [cat.Wellbeing!],
      alertUserIds: [teacherId],
    });
    const teacher = general.json().recipients.find((r: { id: string }) => r.id === teacherId);
    expect(teacher.wouldOtherwiseRead).toBe(true);
  });

  it("give the writing-help words, body regions and mark types", async () => {
    const res = await send("ta", "GET", "/api/v1/incident-form");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.writingHelp.opinionWords).toEqual(
      expect.arrayContaining(["rude", "aggressive", "stormed off", "as per usual"]),
    );
    expect(body.writingHelp.sweepingWords).toEqual(expect.arrayContaining(["always", "never"]));
    expect(body.bodyRegions.front).toContain("Left upper arm");
    expect(body.markTypes).toContain("Bruise");
    // What the form may offer is decided here, not in the page.
    expect(body.abilities).toEqual({ assignDslOnly: false, recordOnBehalf: false });
    const dsl = (await send("dsl", "GET", "/api/v1/incident-form")).json();
    expect(dsl.abilities).toEqual({ assignDslOnly: true, recordOnBehalf: true });
  });
});

describe("actions", () => {
  it("follow up on the same record, and the reporter sees what was done", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    const action = await send(
      "dsl",
      "POST",
      `/api/v1/incidents/${created.id}/actions`,
      {
        account: "Spoke to mum at pick-up; she will take her to the GP.",
        outcome: "Mum engaged and grateful",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
      { "idempotency-key": randomUUID() },
    );
    expect(action.statusCode).toBe(201);
    const seenByTa = (await send("ta", "GET", `/api/v1/incidents/${created.id}`)).json();
    expect(seenByTa.actions).toHaveLength(1);
    expect(seenByTa.actions[0]).toMatchObject({
      kind: "follow_up",
      account: "Spoke to mum at pick-up; she will take her to the GP.",
      pupil: { id: oakPupil.id },
      restricted: false,
    });
  });

  it("restricted to the DSL team stays hidden from the reporter", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    expect(
      (
        await send("ta", "POST", `/api/v1/incidents/${created.id}/actions`, {
          account: "Mine, restricted",
          occurredAt: new Date().toISOString(),
          restricted: true,
        })
      ).statusCode,
    ).toBe(422);
    await send("dsl", "POST", `/api/v1/incidents/${created.id}/actions`, {
      kind: "information_shared",
      agencyId: (await send("dsl", "GET", "/api/v1/agencies")).json().items[0].id,
      account: "Referral made to children's social care.",
      occurredAt: new Date().toISOString(),
      restricted: true,
    });
    expect((await send("ta", "GET", `/api/v1/incidents/${created.id}`)).json().actions).toEqual([]);
    const dslView = (await send("dsl", "GET", `/api/v1/incidents/${created.id}`)).json();
    expect(dslView.actions).toHaveLength(1);
    expect(dslView.actions[0]).toMatchObject({ kind: "information_shared", restricted: true });
    expect(dslView.actions[0].agency.name).toBeTruthy();
  });

  it("can be one per linked pupil, each under its own pupil", async () => {
    const created = (
      await send(
        "ta",
        "POST",
        "/api/v1/incidents",
        concern({ linkedPupilIds: [otherPupil.id], categoryIds: [cat.Behaviour!] }),
      )
    ).json();
    const res = await send("ta", "POST", `/api/v1/incidents/${created.id}/actions`, {
      allLinked: true,
      account: "Restorative conversation with both children.",
      occurredAt: new Date().toISOString(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().ids).toHaveLength(2);
    const view = (await send("ta", "GET", `/api/v1/incidents/${created.id}`)).json();
    expect(view.actions.map((a: { pupil: { id: string } }) => a.pupil.id).sort()).toEqual(
      [oakPupil.id, otherPupil.id].sort(),
    );
  });

  it("say what is missing: the agency for information shared, a pupil of the incident", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    const res = await send("ta", "POST", `/api/v1/incidents/${created.id}/actions`, {
      kind: "information_shared",
      pupilIds: [otherPupil.id],
      account: "Told someone",
      occurredAt: new Date().toISOString(),
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["agencyId", "pupilIds"]);
  });

  it("cannot be added by someone who may not read the incident", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    const res = await send("teacher", "POST", `/api/v1/incidents/${created.id}/actions`, {
      account: "x",
      occurredAt: new Date().toISOString(),
    });
    expect(res.statusCode).toBe(404);
  });
});

describe("re-alerting and withdrawing", () => {
  it("a DSL re-alerts someone who read it, and a withdrawal takes that reason to read away", async () => {
    const created = (await send("ta", "POST", "/api/v1/incidents", concern())).json();
    const sendcoId = (as.sendco!.body.user as { id: string }).id;
    expect((await send("sendco", "GET", `/api/v1/incidents/${created.id}`)).statusCode).toBe(404);
    const added = await send("dsl", "POST", `/api/v1/incidents/${created.id}/alerts`, {
      userIds: [sendcoId],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ alerted: 1 });
    expect((await send("sendco", "GET", `/api/v1/incidents/${created.id}`)).statusCode).toBe(200);
    const alert = (await send("sendco", "GET", "/api/v1/alerts?limit=100"))
      .json()
      .items.find((a: { incident: { id: string } }) => a.incident.id === created.id);
    expect(alert.readAt).toBeNull();
    expect(
      (await send("ta", "POST", `/api/v1/alerts/${alert.id}/withdraw`, { reason: "x" })).statusCode,
    ).toBe(403);
    expect(
      (
        await send("dsl", "POST", `/api/v1/alerts/${alert.id}/withdraw`, {
          reason: "Sent to the wrong person",
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await send("dsl", "POST", `/api/v1/alerts/${alert.id}/withdraw`, { reason: "again" }))
        .statusCode,
    ).toBe(409);
    expect((await send("sendco", "GET", `/api/v1/incidents/${created.id}`)).statusCode).toBe(404);
    const inbox = (await send("sendco", "GET", "/api/v1/alerts?limit=100"))
      .json()
      .items.map((a: { id: string }) => a.id);
    expect(inbox).not.toContain(alert.id);
  });
});
