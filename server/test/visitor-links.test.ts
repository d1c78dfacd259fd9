// Visitor concern links (seed 002's yellow form): the DSL team makes a link, a visitor
// without an account sends a concern through it and reads nothing back, and the DSL
// matches the concern to a pupil, which makes an incident.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { hashToken } from "../src/auth/tokens.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { PER_LINK_PER_HOUR } from "../src/visitors/routes.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
const as: Record<string, Client> = {};
let pupil: { id: string; name: string };
let category = "";

const CONCERN = {
  visitorName: "Pat Visitor",
  visitorRole: "Supply teacher",
  visitorContact: "07700 900123",
  childName: "the boy in the red coat, Year 3",
  account: "He said his dad shouts and he is scared to go home tonight.",
  happenedWhen: "Today at lunchtime",
};

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({
    db,
    webRoot: "/nonexistent",
    publicUrl: "https://tessera.example.org",
    logger: process.env.DEBUG_LOG ? { level: "error" } : false,
  });
  smtp = await startSmtp();
  for (const who of ["dsl", "deputy", "head", "teacher", "office"]) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: as[who]!.cookie, "x-csrf-token": as[who]!.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.statusCode).toBe(200);
  }
  [pupil] = (await db.owner((tx) =>
    queryRows<{ id: string; name: string }>(
      tx,
      sql`select p.id, p.legal_first_name || ' ' || p.legal_last_name as name
          from pupils p join classes c on c.school_id = p.school_id and c.id = p.class_id
          where c.name = 'Year 3 Oak' order by p.legal_last_name limit 1`,
    ),
  )) as [{ id: string; name: string }];
  const [cat] = await db.owner((tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`select c.id from categories c join schools s on s.id = c.school_id
          where s.name = 'Demo Primary School' and c.name = 'Safeguarding concern'`,
    ),
  );
  category = cat!.id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

function send(who: string, method: "GET" | "POST", url: string, payload?: object) {
  const client = as[who]!;
  return app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

async function makeLink(singleUse: boolean, expiresInHours = 24) {
  const res = await send("dsl", "POST", "/api/v1/visitor-links", {
    name: "Acme Supply Agency",
    singleUse,
    expiresInHours,
  });
  expect(res.statusCode).toBe(201);
  const body = res.json() as { url: string; expiresAt: string; qrSvg: string };
  expect(body.url).toMatch(/^https:\/\/tessera\.example\.org\/visit\/[A-Za-z0-9_-]{65}$/);
  expect(body.qrSvg).toContain("<svg");
  const token = body.url.split("/").pop()!;
  return { ...body, token };
}

/** As the visitor: no cookie, no CSRF token, from an address of their own. */
function visit(token: string, payload?: object, ip = "198.51.100.7") {
  return app.inject({
    method: payload ? "POST" : "GET",
    url: payload ? `/api/v1/visitor-links/${token}/concerns` : `/api/v1/visitor-links/${token}`,
    remoteAddress: ip,
    ...(payload ? { payload } : {}),
  });
}

async function concerns() {
  const res = await send("dsl", "GET", "/api/v1/visitor-concerns?limit=100");
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    visitorName: string;
    childName: string;
    account: string;
    match: { incidentId: string; pupilId: string } | null;
  }[];
}

describe("visitor links", () => {
  it("single-use: one concern goes through, then the link says plainly it is used (410)", async () => {
    const link = await makeLink(true);
    const opened = await visit(link.token);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().school).toBe("Demo Primary School");
    const sent = await visit(link.token, CONCERN);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ message: "Thank you — sent to the safeguarding team" });
    for (const again of [await visit(link.token), await visit(link.token, CONCERN)]) {
      expect(again.statusCode).toBe(410);
      expect(again.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(again.json().detail).toMatch(/already been used/);
    }
    expect((await concerns()).filter((c) => c.account === CONCERN.account)).toHaveLength(1);
  });

  it("time-limited: takes several concerns while it lasts, then says it has expired (410)", async () => {
    const link = await makeLink(false, 2);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(119 * 60_000);
    for (const n of [1, 2]) {
      const sent = await visit(link.token, { ...CONCERN, account: `Second link, concern ${n}` });
      expect(sent.statusCode).toBe(202);
    }
    // Two hours later, as far as the database can tell.
    await db.owner((tx) =>
      tx.execute(
        sql`update visitor_links set expires_at = now() - interval '1 minute'
            where token_hash = ${hashToken(link.token)}`,
      ),
    );
    const late = await visit(link.token, CONCERN);
    expect(late.statusCode).toBe(410);
    expect(late.json().detail).toMatch(/expired/);
    expect((await visit(link.token)).statusCode).toBe(410);
    const listed = (await concerns()).map((c) => c.account);
    expect(listed).toContain("Second link, concern 1");
    expect(listed).toContain("Second link, concern 2");
  });

  it("lists links with their state and never their secret", async () => {
    const res = await send("dsl", "GET", "/api/v1/visitor-links");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { state: string; concerns: number }[];
    expect(items.map((i) => i.state).sort()).toEqual(["expired", "used"]);
    expect(res.body).not.toMatch(/[A-Za-z0-9_-]{65}/);
  });

  it("refuses an unknown or malformed token with 404, and gives the visitor nothing to read", async () => {
    const link = await makeLink(false);
    const wrong = `${link.token.slice(0, 22)}${"A".repeat(43)}`;
    expect((await visit(wrong, undefined, "198.51.100.99")).statusCode).toBe(404);
    expect((await visit("not-a-token", CONCERN, "198.51.100.99")).statusCode).toBe(404);
    // The visitor has no way to read concerns: the lists need a DSL's session.
    for (const url of ["/api/v1/visitor-concerns", "/api/v1/visitor-links"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(401);
    }
    // And no public route answers with anything but the school's name, expiry or thanks.
    const publicVisitorRoutes = app.tesseraRoutes.filter(
      (r) => r.public && r.url.includes("visitor"),
    );
    expect(publicVisitorRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      "GET /api/v1/visitor-links/:token",
      "POST /api/v1/visitor-links/:token/concerns",
    ]);
    const sent = await visit(link.token, CONCERN, "198.51.100.8");
    expect(Object.keys(sent.json())).toEqual(["message"]);
    expect((await visit(link.token, undefined, "198.51.100.8")).body).not.toContain(
      CONCERN.account,
    );
  });

  it("rate-limits concerns per link and per address (429)", async () => {
    const link = await makeLink(false);
    for (let n = 0; n < PER_LINK_PER_HOUR; n++) {
      const res = await visit(link.token, { ...CONCERN, account: `flood ${n}` }, `203.0.113.${n}`);
      expect(res.statusCode).toBe(202);
    }
    const over = await visit(link.token, CONCERN, "203.0.113.200");
    expect(over.statusCode).toBe(429);
    expect(over.headers["retry-after"]).toBeDefined();
    // One address across several links.
    let last = 0;
    for (let n = 0; n < 12; n++) {
      const fresh = await makeLink(false);
      last = (
        await visit(fresh.token, { ...CONCERN, account: `from one place ${n}` }, "203.0.113.250")
      ).statusCode;
      if (last === 429) break;
    }
    expect(last).toBe(429);
  });

  it("lets only the DSL team make links and read or match concerns", async () => {
    for (const who of ["head", "teacher", "office"]) {
      const made = await send(who, "POST", "/api/v1/visitor-links", {
        name: "x",
        singleUse: true,
        expiresInHours: 1,
      });
      expect(made.statusCode, who).toBe(403);
      expect(made.json().url).toBeUndefined();
      const list = await send(who, "GET", "/api/v1/visitor-concerns");
      expect(list.statusCode, who).toBe(403);
      expect(list.body).not.toContain(CONCERN.account);
      expect((await send(who, "GET", "/api/v1/visitor-links")).statusCode).toBe(403);
    }
    expect((await send("deputy", "GET", "/api/v1/visitor-concerns")).statusCode).toBe(200);
  });

  it("emails the DSL team that a concern arrived, with nothing of the concern in it", async () => {
    const before = smtp.messages.length;
    await runOutbox(
      db,
      jobHandlers(
        db,
        createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
        "https://tessera.example.org",
      ),
    );
    const mails = smtp.messages.slice(before).filter((m) => /visitor/.test(m.subject ?? ""));
    const to = new Set(mails.map((m) => m.to && "text" in m.to && m.to.text));
    expect(to).toContain("dsl@demo.tessera.school");
    expect(to).toContain("deputy@demo.tessera.school");
    expect(to).not.toContain("teacher@demo.tessera.school");
    for (const mail of mails) {
      expect(mail.text).toContain("https://tessera.example.org/visitor-concerns");
      for (const secret of Object.values(CONCERN)) expect(mail.text).not.toContain(secret);
    }
  });

  it("matching makes an incident on the pupil, the DSL recording the visitor's words", async () => {
    const concern = (await concerns()).find((c) => c.match === null)!;
    const matched = await send("dsl", "POST", `/api/v1/visitor-concerns/${concern.id}/match`, {
      pupilId: pupil.id,
      categoryIds: [category],
    });
    expect(matched.statusCode).toBe(201);
    const { incidentId } = matched.json();
    const incident = await send("dsl", "GET", `/api/v1/incidents/${incidentId}`);
    expect(incident.statusCode).toBe(200);
    const body = incident.json();
    expect(body.pupil?.id ?? body.pupilId).toBe(pupil.id);
    expect(body.account).toContain(concern.account);
    expect(body.account).toContain("Pat Visitor (Supply teacher)");
    const [row] = await db.owner((tx) =>
      queryRows<{ author: string; recorded_by: string }>(
        tx,
        sql`select a.email as author, r.email as recorded_by from incidents i
            join accounts a on a.id = i.author_id join accounts r on r.id = i.recorded_by
            where i.id = ${incidentId}`,
      ),
    );
    expect(row).toEqual({
      author: "dsl@demo.tessera.school",
      recorded_by: "dsl@demo.tessera.school",
    });
    const after = (await concerns()).find((c) => c.id === concern.id)!;
    expect(after.match).toMatchObject({ incidentId, pupilId: pupil.id });
    // Once only.
    const again = await send("deputy", "POST", `/api/v1/visitor-concerns/${concern.id}/match`, {
      pupilId: pupil.id,
      categoryIds: [category],
    });
    expect(again.statusCode).toBe(409);
    // Not by anyone outside the DSL team.
    const other = (await concerns()).find((c) => c.match === null)!;
    const refused = await send("head", "POST", `/api/v1/visitor-concerns/${other.id}/match`, {
      pupilId: pupil.id,
      categoryIds: [category],
    });
    expect(refused.statusCode).toBe(403);
  });
});
