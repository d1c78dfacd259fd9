// The role × endpoint matrix (gitlab's policy-table habit): every endpoint × every demo
// role × relationship to the pupil × second factor, denials included, against the demo
// school on real PostgreSQL. A refused answer carries no record data, and every read of
// a pupil — allowed or refused — leaves an access-log row. An endpoint that exists but is
// not covered here (or by the self-service list) fails the build.
//
// Relationships to records (author, alerted, excluded) join the matrix with the first
// record kind (incidents).
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { accounts } from "../src/db/schema/index.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { makeUpn } from "../src/demo/upn.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, signIn } from "./fixtures.ts";

type Role =
  | "dsl"
  | "deputy"
  | "head"
  | "sendco"
  | "pastoral"
  | "teacher"
  | "ta"
  | "office"
  | "infant.dsl"
  | "trust.dsl";
const ROLES: Role[] = [
  "dsl",
  "deputy",
  "head",
  "sendco",
  "pastoral",
  "teacher",
  "ta",
  "office",
  "infant.dsl",
  "trust.dsl",
];
type Target = "oak" | "otherClass" | "infant";
type Expect = 200 | 201 | 403 | "2fa" | 404;

let db: Database;
let app: FastifyInstance;
let primaryId = "";
let infantId = "";
const clients = new Map<string, Client>();
const pupilIds: Record<Target, string> = { oak: "", otherClass: "", infant: "" };
const pupilNames: Record<Target, string> = { oak: "", otherClass: "", infant: "" };

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  const schoolIds = await db.owner((tx) =>
    queryRows<{ id: string; name: string }>(tx, sql`select id, name from schools`),
  );
  primaryId = schoolIds.find((s) => s.name === "Demo Primary School")!.id;
  infantId = schoolIds.find((s) => s.name === "Demo Infant School")!.id;
  const pick = async (className: string) => {
    const [row] = await db.owner((tx) =>
      queryRows<{ id: string; name: string }>(
        tx,
        sql`select p.id, p.legal_first_name || ' ' || p.legal_last_name as name
            from pupils p join classes c on c.school_id = p.school_id and c.id = p.class_id
            where c.name = ${className} order by p.legal_last_name limit 1`,
      ),
    );
    return row!;
  };
  for (const [target, className] of [
    ["oak", "Year 3 Oak"],
    ["otherClass", "Year 3 Maple"],
    ["infant", "Year 1/2 Hazel"],
  ] as const) {
    const p = await pick(className);
    pupilIds[target] = p.id;
    pupilNames[target] = p.name;
  }
  for (const role of ROLES) {
    const email = `${role}@demo.tessera.school`;
    clients.set(`${role}:no`, await signIn(app, email, DEMO_PASSWORD));
    const withCode = await signIn(app, email, DEMO_PASSWORD);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: withCode.cookie, "x-csrf-token": withCode.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.statusCode).toBe(200);
    clients.set(`${role}:yes`, withCode);
  }
});
afterAll(async () => {
  await app.close();
  await db.close();
});

// Expected answer for the pupil profile, by role and pupil, WITH a second factor.
// Without one, every 200 becomes "2fa" (elevated access) and the rest stay as they are.
const PROFILE: Record<Role, Record<Target, Expect>> = {
  dsl: { oak: 200, otherClass: 200, infant: 404 },
  deputy: { oak: 200, otherClass: 200, infant: 404 },
  head: { oak: 200, otherClass: 200, infant: 404 },
  sendco: { oak: 200, otherClass: 200, infant: 404 },
  pastoral: { oak: 200, otherClass: 200, infant: 404 },
  teacher: { oak: 200, otherClass: 403, infant: 404 },
  ta: { oak: 403, otherClass: 403, infant: 404 },
  office: { oak: 403, otherClass: 403, infant: 404 },
  "infant.dsl": { oak: 404, otherClass: 404, infant: 200 },
  // The trust DSL's current school is the first of the trust's, by name: Demo Infant.
  "trust.dsl": { oak: 404, otherClass: 404, infant: 200 },
};

// "Who has looked at this child?": the DSL team only, with a second factor.
const ACCESS_LOG: Record<Role, Expect> = {
  dsl: 200,
  deputy: 200,
  head: 403,
  sendco: 403,
  pastoral: 403,
  teacher: 403,
  ta: 403,
  office: 403,
  "infant.dsl": 200,
  "trust.dsl": 200,
};

function statusOf(expected: Expect, secondFactor: boolean): { status: number; type?: string } {
  if (expected === 200 && !secondFactor) return { status: 403, type: "second-factor-required" };
  if (expected === "2fa") return { status: 403, type: "second-factor-required" };
  return { status: expected };
}

const cases = ROLES.flatMap((role) =>
  (["yes", "no"] as const).flatMap((sf) =>
    (["oak", "otherClass", "infant"] as const).map((target) => ({ role, sf, target })),
  ),
);

async function accessLogRows(): Promise<number> {
  const [row] = await db.owner((tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from access_log`),
  );
  return row!.n;
}

function get(client: Client, url: string) {
  return app.inject({ method: "GET", url, headers: { cookie: client.cookie } });
}

describe("GET /api/v1/pupils/{id}", () => {
  it("should require authentication", async () => {
    const res = await app.inject({ method: "GET", url: `/api/v1/pupils/${pupilIds.oak}` });
    expect(res.statusCode).toBe(401);
  });

  it.each(cases)("$role, second factor $sf, pupil $target", async ({ role, sf, target }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const before = await accessLogRows();
    const res = await get(client, `/api/v1/pupils/${pupilIds[target]}`);
    const expected = statusOf(PROFILE[role][target], sf === "yes");
    expect(res.statusCode).toBe(expected.status);
    if (expected.type) expect(res.json().type).toMatch(new RegExp(`/${expected.type}$`));
    if (res.statusCode === 200) {
      expect(res.json().legalName).toBe(pupilNames[target]);
    } else {
      // A refusal carries no record data: not the name, not a field of the profile.
      expect(res.body).not.toContain(pupilNames[target].split(" ")[1]!);
      expect(Object.keys(res.json()).sort()).toEqual(["detail", "status", "title", "type"]);
    }
    // Every attempt, allowed or refused, is logged.
    expect(await accessLogRows()).toBe(before + 1);
  });

  it("refuses someone deactivated at once, whatever their role", async () => {
    const [primary] = await db.owner((tx) =>
      queryRows<{ id: string }>(tx, sql`select id from schools where name = 'Demo Primary School'`),
    );
    await createPerson(db, {
      schoolId: primary!.id,
      email: "leaver.dsl@example.org",
      roles: ["staff", "dsl"],
    });
    const client = await signIn(app, "leaver.dsl@example.org");
    await db.owner((tx) =>
      tx
        .update(accounts)
        .set({ active: false })
        .where(eq(accounts.email, "leaver.dsl@example.org")),
    );
    const res = await get(client, `/api/v1/pupils/${pupilIds.oak}`);
    expect(res.statusCode).toBe(401);
  });
});

describe("GET /api/v1/pupils/{id}/access-log", () => {
  it("should require authentication", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/pupils/${pupilIds.oak}/access-log`,
    });
    expect(res.statusCode).toBe(401);
  });

  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const inOwnSchool = role === "infant.dsl" || role === "trust.dsl" ? "infant" : "oak";
    const res = await get(client, `/api/v1/pupils/${pupilIds[inOwnSchool]}/access-log`);
    const expected = statusOf(ACCESS_LOG[role], sf === "yes");
    expect(res.statusCode).toBe(expected.status);
    if (res.statusCode === 200) {
      // The matrix above opened this pupil's profile: those reads are listed, refusals too.
      const items = res.json().items as { action: string; outcome: string }[];
      expect(items.some((i) => i.action === "pupil.read" && i.outcome === "allowed")).toBe(true);
      expect(items.some((i) => i.action === "pupil.read" && i.outcome === "refused")).toBe(true);
    } else {
      expect(res.json().items).toBeUndefined();
    }
  });
});

describe("GET /api/v1/pupils (the picker)", () => {
  it("should require authentication", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/pupils?q=a" })).statusCode).toBe(401);
  });

  it.each(ROLES)("%s finds pupils of the current school without a second factor", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const target = role === "infant.dsl" || role === "trust.dsl" ? "infant" : "oak";
    const other = target === "oak" ? "infant" : "oak";
    const res = await get(
      client,
      `/api/v1/pupils?q=${encodeURIComponent(pupilNames[target].split(" ")[1]!)}`,
    );
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((p) => p.id);
    expect(ids).toContain(pupilIds[target]);
    expect(ids).not.toContain(pupilIds[other]);
  });
});

// Endpoints every signed-in person uses on their own account; covered by session tests.
const SELF_SERVICE = [
  "GET /api/v1/session",
  "DELETE /api/v1/session",
  "POST /api/v1/session/second-factor",
  "POST /api/v1/session/recovery-code",
  "POST /api/v1/session/totp",
  "POST /api/v1/session/totp/confirm",
  "POST /api/v1/session/lock",
  "POST /api/v1/session/unlock",
  "PUT /api/v1/session/school",
  "PUT /api/v1/session/password",
  "GET /api/v1/sessions",
  "DELETE /api/v1/sessions/:id",
  "GET /api/v1/agreement",
  "POST /api/v1/agreement",
  "GET /api/v1/session/security-keys",
  "POST /api/v1/session/security-keys/options",
  "POST /api/v1/session/security-keys",
  "DELETE /api/v1/session/security-keys/:id",
  "POST /api/v1/session/second-factor/key/options",
  "POST /api/v1/session/second-factor/key",
  "POST /api/v1/session/unlock/key/options",
  "POST /api/v1/session/unlock/key",
  "GET /api/v1/session/devices",
  "DELETE /api/v1/session/devices/:id",
];
const IN_MATRIX = [
  "GET /api/v1/pupils",
  "GET /api/v1/pupils/:id",
  "GET /api/v1/pupils/:id/access-log",
  "GET /api/v1/staff",
  "GET /api/v1/groups",
  "GET /api/v1/groups/manage",
  "POST /api/v1/groups",
  "PATCH /api/v1/groups/:id",
  "PUT /api/v1/groups/:id/members/:accountId",
  "DELETE /api/v1/groups/:id/members/:accountId",
  "GET /api/v1/alert-rules",
  "POST /api/v1/alert-rules",
  "PATCH /api/v1/alert-rules/:id",
  "GET /api/v1/categories",
  "GET /api/v1/agencies",
  "GET /api/v1/taxonomy",
  "POST /api/v1/categories",
  "PATCH /api/v1/categories/:id",
  "POST /api/v1/agencies",
  "PATCH /api/v1/agencies/:id",
  "POST /api/v1/flag-types",
  "PATCH /api/v1/flag-types/:id",
  "POST /api/v1/thresholds",
  "PATCH /api/v1/thresholds/:id",
  "POST /api/v1/document-types",
  "PATCH /api/v1/document-types/:id",
  "POST /api/v1/pupils/:id/leaving",
  "DELETE /api/v1/pupils/:id/leaving",
  "POST /api/v1/pupils/leaving",
  "DELETE /api/v1/staff/:accountId/sessions",
  "PUT /api/v1/staff/:accountId/training",
  "GET /api/v1/grants",
  "POST /api/v1/grants",
  "DELETE /api/v1/grants/:id",
  "POST /api/v1/incidents",
  "GET /api/v1/incidents",
  "GET /api/v1/incidents/:id",
  "GET /api/v1/incidents/:id/revisions",
  "POST /api/v1/incidents/:id/revisions",
  "POST /api/v1/incidents/:id/entered-in-error",
  "POST /api/v1/incidents/:id/refile",
  "POST /api/v1/incidents/:id/review",
  "GET /api/v1/alerts",
  "POST /api/v1/alerts/:id/read",
  "GET /api/v1/drafts",
  "PUT /api/v1/drafts/:id",
  "DELETE /api/v1/drafts/:id",
  "GET /api/v1/incident-form",
  "POST /api/v1/incidents/:id/actions",
  "GET /api/v1/dashboard",
  "POST /api/v1/alerts/:id/withdraw",
  "POST /api/v1/incidents/:id/alerts",
  "GET /api/v1/pupils/:id/chronology",
  "GET /api/v1/pupils/:id/chronology.csv",
  "GET /api/v1/pupils/:id/chronology.pdf",
  "POST /api/v1/pupils/:id/chronology/redaction-preview",
  "POST /api/v1/incidents/alert-preview",
  "GET /api/v1/settings/review",
  "PUT /api/v1/settings/review",
  "GET /api/v1/settings/sso",
  "PUT /api/v1/settings/sso",
  "GET /api/v1/settings/sso/identities",
  "DELETE /api/v1/settings/sso/identities/:id",
  "GET /api/v1/settings/school",
  "PATCH /api/v1/settings/school",
  "POST /api/v1/incidents/:id/triage",
  "GET /api/v1/thresholds",
  "GET /api/v1/flag-types",
  "GET /api/v1/pupils/:id/flags",
  "POST /api/v1/pupils/:id/flags",
  "POST /api/v1/flags/:id/end",
  "POST /api/v1/pupils/:id/threshold-decisions",
  "GET /api/v1/pupils/:id/chronology-reviews",
  "POST /api/v1/pupils/:id/chronology-reviews",
  "GET /api/v1/email-delivery",
  "POST /api/v1/email-delivery/:id/retry",
  "GET /api/v1/actions/:id",
  "GET /api/v1/actions/:id/revisions",
  "POST /api/v1/actions/:id/revisions",
  "POST /api/v1/actions/:id/restriction",
  "POST /api/v1/imports/pupils",
  "GET /api/v1/staff/invitations",
  "POST /api/v1/staff/invitations",
  "POST /api/v1/staff/invitations/:id/resend",
  "DELETE /api/v1/staff/invitations/:id",
  "GET /api/v1/staff/members",
  "POST /api/v1/staff/:accountId/deactivate",
  "POST /api/v1/staff/:accountId/second-factor-reset",
  "GET /api/v1/access-review",
  "GET /api/v1/access-review.csv",
  "POST /api/v1/access-review/reviewed",
  "POST /api/v1/pupils",
  "GET /api/v1/classes",
  "PUT /api/v1/staff/:accountId/roles",
  "PUT /api/v1/staff/:accountId/classes",
  "POST /api/v1/visitor-links",
  "GET /api/v1/visitor-links",
  "GET /api/v1/visitor-concerns",
  "POST /api/v1/visitor-concerns/:id/match",
  "POST /api/v1/pupils/:id/documents",
  "GET /api/v1/pupils/:id/documents",
  "GET /api/v1/documents/:id",
  "GET /api/v1/documents/:id/content",
  "POST /api/v1/documents/:id/uploaded-in-error",
];

// Open without signing in: signing in itself, health, the OpenAPI document, the visitor's
// concern link, password reset and invitation links, and school SSO (each with its own
// tests: visitor-links, password-reset, invitations and sso).
const PUBLIC = [
  "GET /healthz",
  "GET /api/openapi.json",
  "POST /api/v1/session",
  "POST /api/v1/session/passkey/options",
  "POST /api/v1/session/passkey",
  "POST /api/v1/password-check",
  "POST /api/v1/password-reset",
  "GET /api/v1/password-reset/:token",
  "POST /api/v1/password-reset/:token",
  "GET /api/v1/visitor-links/:token",
  "POST /api/v1/visitor-links/:token/concerns",
  "GET /api/v1/invitations/:token",
  "POST /api/v1/invitations/:token",
  "GET /api/v1/sso/discover",
  "GET /api/v1/sso/start",
  "GET /api/v1/sso/callback",
];

// A safeguarding concern about a Year 3 Oak pupil, written by the TA; the DSL team is
// alerted (the pre-set). Who may open it, with a second factor and without:
const SAFEGUARDING_INCIDENT: Record<Role, { yes: Expect; no: Expect }> = {
  dsl: { yes: 200, no: 200 }, // alerted: no second factor needed
  deputy: { yes: 200, no: 200 }, // alerted
  head: { yes: 200, no: "2fa" }, // grant for every area: elevated access
  sendco: { yes: 404, no: 404 }, // no grant for safeguarding: not told it exists
  pastoral: { yes: 404, no: 404 },
  teacher: { yes: 404, no: 404 }, // her class, but a restricted area
  ta: { yes: 200, no: 200 }, // the author
  office: { yes: 404, no: 404 },
  "infant.dsl": { yes: 404, no: 404 }, // another school
  "trust.dsl": { yes: 404, no: 404 }, // working in the infant school just now
};
const DSL_TEAM_ROLES = new Set<Role>(["dsl", "deputy", "infant.dsl", "trust.dsl"]);

describe("the DSL dashboard and managing alerts", () => {
  it.each(ROLES)("%s", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const res = await get(client, "/api/v1/dashboard");
    expect(res.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? 200 : 403);
    const send = (url: string, payload: object) =>
      app.inject({
        method: "POST",
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload,
      });
    // Alert nobody new (an empty list) on an incident of their own school: allowed or not.
    const mine = (await get(client, "/api/v1/incidents?mine=true&limit=1")).json().items[0]?.id as
      | string
      | undefined;
    const target = mine ?? "00000000-0000-4000-8000-000000000000";
    const realert = await send(`/api/v1/incidents/${target}/alerts`, { userIds: [] });
    expect(realert.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? (mine ? 201 : 404) : 403);
    const withdraw = await send("/api/v1/alerts/00000000-0000-4000-8000-000000000000/withdraw", {
      reason: "matrix",
    });
    expect(withdraw.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? 404 : 403);
  });
});

// Taking a chronology out of Tessera (PDF, CSV, the redaction preview with its key): the
// DSL team and the head, with a second factor. Reading it on screen is for everyone.
const EXPORTERS = new Set<Role>(["dsl", "deputy", "head", "infant.dsl", "trust.dsl"]);

describe("chronology", () => {
  it.each(
    ROLES,
  )("%s: gets the chronology, holding only what they may read, and exports only with the permission and a second factor", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const withCode = clients.get(`${role}:yes`)!;
    const inOwn = role === "infant.dsl" || role === "trust.dsl" ? "infant" : "oak";
    const elsewhere = inOwn === "oak" ? "infant" : "oak";
    expect((await get(client, `/api/v1/pupils/${pupilIds[inOwn]}/chronology`)).statusCode).toBe(
      200,
    );
    expect((await get(client, `/api/v1/pupils/${pupilIds[elsewhere]}/chronology`)).statusCode).toBe(
      404,
    );
    const preview = (c: Client, target: Target) =>
      app.inject({
        method: "POST",
        url: `/api/v1/pupils/${pupilIds[target]}/chronology/redaction-preview`,
        headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
        payload: { purpose: "case_conference" },
      });
    const exports = [
      (c: Client, t: Target) => get(c, `/api/v1/pupils/${pupilIds[t]}/chronology.csv`),
      (c: Client, t: Target) =>
        get(c, `/api/v1/pupils/${pupilIds[t]}/chronology.pdf?purpose=court`),
      preview,
    ];
    for (const [i, call] of exports.entries()) {
      const without = await call(client, inOwn);
      expect(without.statusCode, `${i} without a code`).toBe(403);
      expect(without.json().type).toMatch(
        EXPORTERS.has(role) ? /second-factor-required$/ : /forbidden$/,
      );
      const own = await call(withCode, inOwn);
      expect(own.statusCode, `${i} with a code`).toBe(EXPORTERS.has(role) ? 200 : 403);
      const other = await call(withCode, elsewhere);
      expect(other.statusCode, `${i} elsewhere`).toBe(EXPORTERS.has(role) ? 404 : 403);
      if (!EXPORTERS.has(role)) expect(own.body).not.toContain(pupilNames[inOwn]);
    }
    // Without a second factor nothing rests on a grant: only their own and alerted records.
    const items = (await get(client, `/api/v1/pupils/${pupilIds[inOwn]}/chronology`)).json()
      .items as {
      author: { id: string };
    }[];
    const me = (client.body.user as { id: string }).id;
    const alerted = (
      await db.owner((tx) =>
        queryRows<{ id: string }>(
          tx,
          sql`select incident_id as id from alerts where recipient_id = ${me}`,
        ),
      )
    ).map((a) => a.id);
    for (const item of items as { author: { id: string }; incidentId: string }[]) {
      expect(item.author.id === me || alerted.includes(item.incidentId)).toBe(true);
    }
    // The pupil page offers the export exactly to those who may.
    const profile = (await get(withCode, `/api/v1/pupils/${pupilIds[inOwn]}`)).json();
    if (profile.abilities) {
      expect(profile.abilities.exportChronology).toBe(EXPORTERS.has(role));
    }
  });
});

describe("incidents", () => {
  let concern: { id: string; revisionId: string };

  beforeAll(async () => {
    const ta = clients.get("ta:no")!;
    const cats = (await get(ta, "/api/v1/categories")).json().items as {
      id: string;
      name: string;
    }[];
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      headers: { cookie: ta.cookie, "x-csrf-token": ta.csrfToken },
      payload: {
        pupilId: pupilIds.oak,
        account: "She told me at break that she is scared to go home.",
        categoryIds: [cats.find((c) => c.name === "Safeguarding concern")!.id],
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(res.statusCode).toBe(201);
    concern = res.json();
  });

  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf: opens the TA's safeguarding concern as the table says", async ({
    role,
    sf,
  }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const expected = statusOf(SAFEGUARDING_INCIDENT[role][sf], true);
    for (const url of [
      `/api/v1/incidents/${concern.id}`,
      `/api/v1/incidents/${concern.id}/revisions`,
    ]) {
      const res = await get(client, url);
      expect(res.statusCode, url).toBe(expected.status);
      if (expected.type) expect(res.json().type).toMatch(/second-factor-required$/);
      if (res.statusCode !== 200) expect(res.body).not.toContain("scared to go home");
    }
    const listed = (await get(client, `/api/v1/incidents?limit=100`))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(listed.includes(concern.id)).toBe(SAFEGUARDING_INCIDENT[role][sf] === 200);
  });

  it.each(
    ROLES,
  )("%s: adds an incident in their school, edits only their own, corrects only as DSL", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const send = (method: "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const cats = (await get(client, "/api/v1/categories")).json().items as {
      id: string;
      name: string;
    }[];
    const pupil = (await get(client, "/api/v1/pupils?q=")).json().items[0].id as string;
    const created = await send("POST", "/api/v1/incidents", {
      pupilId: pupil,
      account: "Came in upset and hungry.",
      categoryIds: [cats.find((c) => c.name === "Wellbeing")!.id],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const mine = created.json();
    // Their own: readable and editable.
    expect((await get(client, `/api/v1/incidents/${mine.id}`)).statusCode).toBe(200);
    const edit = await send("POST", `/api/v1/incidents/${mine.id}/revisions`, {
      baseRevisionId: mine.revisionId,
      changes: { location: "Classroom" },
      reason: "Added the place",
    });
    expect(edit.statusCode).toBe(201);
    // Someone else's: never editable.
    const other = await send("POST", `/api/v1/incidents/${concern.id}/revisions`, {
      baseRevisionId: concern.revisionId,
      changes: { account: "Rewritten" },
      reason: "matrix",
    });
    expect(other.statusCode).toBe(role === "ta" ? 201 : 404);
    if (role === "ta") concern.revisionId = other.json().revisionId;
    // Following up: whoever may read it; on the TA's concern, as the table above says.
    const followUp = await send("POST", `/api/v1/incidents/${mine.id}/actions`, {
      account: "Checked in with her after lunch.",
      occurredAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(followUp.statusCode).toBe(201);
    const onConcern = await send("POST", `/api/v1/incidents/${concern.id}/actions`, {
      account: "Followed up.",
      occurredAt: new Date(Date.now() - 1000).toISOString(),
    });
    const expectedFollowUp = statusOf(SAFEGUARDING_INCIDENT[role].no, true).status;
    expect(onConcern.statusCode).toBe(expectedFollowUp === 200 ? 201 : expectedFollowUp);
    // Corrections: the DSL team of the incident's school only.
    const review = await send("POST", `/api/v1/incidents/${mine.id}/review`);
    expect(review.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? 204 : 403);
    const error = await send("POST", `/api/v1/incidents/${mine.id}/entered-in-error`, {
      reason: "matrix",
    });
    expect(error.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? 204 : 403);
    const moved = await send("POST", `/api/v1/incidents/${mine.id}/refile`, {
      pupilId: pupil,
      reason: "matrix",
    });
    expect(moved.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? 409 : 403);
  });

  it.each(ROLES)("%s: has their own alerts and drafts, and only theirs", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const send = (method: "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const inbox = await get(client, "/api/v1/alerts");
    expect(inbox.statusCode).toBe(200);
    // The Add incident form's helpers: every member of staff.
    expect((await get(client, "/api/v1/incident-form")).statusCode).toBe(200);
    const pupil = (await get(client, "/api/v1/pupils?q=")).json().items[0].id as string;
    const preview = await send("POST", "/api/v1/incidents/alert-preview", { pupilId: pupil });
    expect(preview.statusCode).toBe(200);
    // Someone else's school's pupil: refused, naming the field.
    const elsewhere =
      role === "infant.dsl" || role === "trust.dsl" ? pupilIds.oak : pupilIds.infant;
    expect(
      (await send("POST", "/api/v1/incidents/alert-preview", { pupilId: elsewhere })).statusCode,
    ).toBe(422);
    const dslInbox = (await get(clients.get("dsl:no")!, "/api/v1/alerts")).json().items;
    const read = await send("POST", `/api/v1/alerts/${dslInbox[0].id}/read`);
    expect(read.statusCode).toBe(role === "dsl" ? 204 : 404);
    const draftId = crypto.randomUUID();
    expect(
      (
        await send("PUT", `/api/v1/drafts/${draftId}`, {
          kind: "incident",
          content: { account: role },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await get(client, "/api/v1/drafts")).json().items.map((d: { id: string }) => d.id),
    ).toContain(draftId);
    expect((await send("DELETE", `/api/v1/drafts/${draftId}`)).statusCode).toBe(204);
  });
});

// Actions on the TA's safeguarding concern: hers (open to whoever may read the concern) and
// one the deputy DSL restricted to child-protection access (the TA is not told).
const RESTRICTED_ACTION: Record<Role, { yes: Expect; no: Expect }> = {
  dsl: { yes: 200, no: "2fa" }, // child-protection grant: elevated access
  deputy: { yes: 200, no: 200 }, // the author
  head: { yes: 200, no: "2fa" },
  sendco: { yes: 404, no: 404 }, // no child-protection area
  pastoral: { yes: 404, no: 404 },
  teacher: { yes: 404, no: 404 },
  ta: { yes: 404, no: 404 }, // the incident's author, not this action's
  office: { yes: 404, no: 404 },
  "infant.dsl": { yes: 404, no: 404 },
  "trust.dsl": { yes: 404, no: 404 },
};

describe("actions", () => {
  let open = "";
  let restricted = "";

  beforeAll(async () => {
    const post = async (who: string, url: string, payload: object) => {
      const c = clients.get(who)!;
      const res = await app.inject({
        method: "POST",
        url,
        headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
        payload,
      });
      expect(res.statusCode).toBe(201);
      return res.json();
    };
    const ta = clients.get("ta:no")!;
    const cats = (await get(ta, "/api/v1/categories")).json().items as {
      id: string;
      name: string;
    }[];
    const concern = await post("ta:no", "/api/v1/incidents", {
      pupilId: pupilIds.oak,
      account: "He said his uncle shouts at him every night.",
      categoryIds: [cats.find((c) => c.name === "Safeguarding concern")!.id],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    open = (
      await post("ta:no", `/api/v1/incidents/${concern.id}/actions`, {
        account: "Checked on him at lunch: calmer.",
        occurredAt: new Date(Date.now() - 1000).toISOString(),
      })
    ).id;
    restricted = (
      await post("deputy:no", `/api/v1/incidents/${concern.id}/actions`, {
        account: "Strategy discussion with social care.",
        occurredAt: new Date(Date.now() - 1000).toISOString(),
        restricted: true,
      })
    ).id;
  });

  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf: opens each action alone as the tables say", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    for (const [id, table, secret] of [
      [open, SAFEGUARDING_INCIDENT, "calmer"],
      [restricted, RESTRICTED_ACTION, "Strategy discussion"],
    ] as const) {
      const expected = statusOf(table[role][sf], true);
      for (const url of [`/api/v1/actions/${id}`, `/api/v1/actions/${id}/revisions`]) {
        const res = await get(client, url);
        expect(res.statusCode, url).toBe(expected.status);
        if (expected.type) expect(res.json().type).toMatch(/second-factor-required$/);
        if (res.statusCode !== 200) expect(res.body).not.toContain(secret);
      }
    }
  });

  it.each(ROLES)("%s: corrects an action only as its author or the DSL team", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const base = (await get(clients.get("ta:no")!, `/api/v1/actions/${open}`)).json()
      .revisionId as string;
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/actions/${open}/revisions`,
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { baseRevisionId: base, changes: { outcome: role }, reason: "matrix" },
    });
    const readable = statusOf(SAFEGUARDING_INCIDENT[role].no, true);
    const expected =
      role === "ta" || role === "dsl" || role === "deputy"
        ? 201
        : readable.status === 200
          ? 403
          : readable.status;
    expect(res.statusCode).toBe(expected);
    if (readable.type && expected !== 201)
      expect(res.json().type).toMatch(/second-factor-required$/);
  });
});

// Narrowing an action to the DSL team after it was recorded (or opening it again): the DSL
// team with a second factor; a DSL of another school has the permission but not the action.
const RESTRICT_ACTION: Record<Role, { yes: Expect; no: Expect }> = {
  dsl: { yes: 201, no: "2fa" },
  deputy: { yes: 201, no: "2fa" },
  head: { yes: 403, no: 403 },
  sendco: { yes: 403, no: 403 },
  pastoral: { yes: 403, no: 403 },
  teacher: { yes: 403, no: 403 },
  ta: { yes: 403, no: 403 },
  office: { yes: 403, no: 403 },
  "infant.dsl": { yes: 404, no: "2fa" },
  "trust.dsl": { yes: 404, no: "2fa" },
};

describe("restricting an action after it was recorded", () => {
  let action = "";
  beforeAll(async () => {
    const ta = clients.get("ta:no")!;
    const cats = (await get(ta, "/api/v1/categories")).json().items as {
      id: string;
      name: string;
    }[];
    const send = async (url: string, payload: object) => {
      const res = await app.inject({
        method: "POST",
        url,
        headers: { cookie: ta.cookie, "x-csrf-token": ta.csrfToken },
        payload,
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const incident = await send("/api/v1/incidents", {
      pupilId: pupilIds.oak,
      account: "She said she was scared to go home.",
      categoryIds: [cats.find((c) => c.name === "Safeguarding concern")!.id],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    action = await send(`/api/v1/incidents/${incident}/actions`, {
      account: "Walked her to the office.",
      occurredAt: new Date(Date.now() - 1000).toISOString(),
    });
  });

  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf: restricts only as the DSL team", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const expected = statusOf(RESTRICT_ACTION[role][sf], true);
    // Restrict, then open again, so each allowed role finds it open.
    for (const restricted of [true, false]) {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/actions/${action}/restriction`,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload: { restricted, reason: `matrix ${role}` },
      });
      expect(res.statusCode, `${role} ${sf} ${restricted}`).toBe(expected.status);
      if (expected.type) expect(res.json().type).toMatch(/second-factor-required$/);
    }
  });
});

// The document vault. Uploading an EHCP (area send) for the Oak pupil needs a grant for
// that pupil in that area (and a second factor); reading a CP plan needs child protection.
const UPLOAD_EHCP: Record<Role, Expect> = {
  dsl: 200,
  deputy: 200,
  head: 200,
  sendco: 200,
  pastoral: 403, // general only
  teacher: 200, // her own class: general, medical, send
  ta: 403,
  office: 403,
  "infant.dsl": 404, // another school's pupil
  "trust.dsl": 404,
};
const READ_CP_PLAN: Record<Role, Expect> = {
  dsl: 200,
  deputy: 200,
  head: 200,
  sendco: 404,
  pastoral: 404,
  teacher: 404,
  ta: 404,
  office: 404,
  "infant.dsl": 404,
  "trust.dsl": 404,
};

function uploadBody(documentType: string, text: string) {
  const boundary = "----tesseraMatrix";
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.from(
      `${field("documentType", documentType)}${field("documentDate", "2026-09-01")}${field("description", "matrix")}` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`,
    ),
  };
}

describe("documents", () => {
  let cpPlan = "";

  beforeAll(async () => {
    const dsl = clients.get("dsl:yes")!;
    const body = uploadBody("CP plan", "Child protection plan: matrix secret");
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/pupils/${pupilIds.oak}/documents`,
      headers: {
        cookie: dsl.cookie,
        "x-csrf-token": dsl.csrfToken,
        "content-type": body.contentType,
      },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    cpPlan = res.json().id;
  });

  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf: uploads, lists and reads as the tables say", async ({
    role,
    sf,
  }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const body = uploadBody("EHCP", "Education, health and care plan");
    const upload = await app.inject({
      method: "POST",
      url: `/api/v1/pupils/${pupilIds.oak}/documents`,
      headers: {
        cookie: client.cookie,
        "x-csrf-token": client.csrfToken,
        "content-type": body.contentType,
      },
      payload: body.payload,
    });
    const uploadExpected = statusOf(UPLOAD_EHCP[role], sf === "yes");
    expect(upload.statusCode).toBe(uploadExpected.status === 200 ? 201 : uploadExpected.status);
    if (uploadExpected.type) expect(upload.json().type).toMatch(/second-factor-required$/);

    const inOwn = role === "infant.dsl" || role === "trust.dsl" ? "infant" : "oak";
    const elsewhere = inOwn === "oak" ? "infant" : "oak";
    const list = await get(client, `/api/v1/pupils/${pupilIds[inOwn]}/documents`);
    expect(list.statusCode).toBe(200);
    const ids = (list.json().items as { id: string }[]).map((d) => d.id);
    // The DSL uploaded it: the author reads it without a second factor.
    const author = role === "dsl";
    expect(ids.includes(cpPlan)).toBe(author || (READ_CP_PLAN[role] === 200 && sf === "yes"));
    expect((await get(client, `/api/v1/pupils/${pupilIds[elsewhere]}/documents`)).statusCode).toBe(
      404,
    );

    const readExpected = statusOf(READ_CP_PLAN[role], author || sf === "yes");
    for (const url of [
      `/api/v1/documents/${cpPlan}`,
      `/api/v1/documents/${cpPlan}/content`,
      `/api/v1/documents/${cpPlan}/content?inline=1`,
    ]) {
      const before = await accessLogRows();
      const res = await get(client, url);
      expect(res.statusCode, url).toBe(readExpected.status);
      if (readExpected.type) expect(res.json().type).toMatch(/second-factor-required$/);
      if (res.statusCode !== 200) expect(res.body).not.toContain("matrix secret");
      else if (url.includes("content")) expect(res.body).toContain("matrix secret");
      expect(await accessLogRows(), url).toBe(before + 1);
    }
  });

  it.each(ROLES)("%s: marks uploaded in error only as the DSL team", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/documents/00000000-0000-4000-8000-000000000000/uploaded-in-error",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { reason: "matrix" },
    });
    expect(res.statusCode).toBe(DSL_TEAM_ROLES.has(role) ? 404 : 403);
  });
});

// Only the DSL team sees, gives and takes away grants.
const GRANTS: Record<Role, boolean> = {
  dsl: true,
  deputy: true,
  head: false,
  sendco: false,
  pastoral: false,
  teacher: false,
  ta: false,
  office: false,
  "infant.dsl": true,
  "trust.dsl": true,
};

describe("grants", () => {
  it.each(ROLES)("%s", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const school = role === "infant.dsl" || role === "trust.dsl" ? infantId : primaryId;
    const colleague = await createPerson(db, {
      schoolId: school,
      email: `granted.by.${role}@example.org`,
    });
    const send = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const list = await send("GET", "/api/v1/grants");
    expect(list.statusCode).toBe(GRANTS[role] ? 200 : 403);
    const given = await send("POST", "/api/v1/grants", {
      accountId: colleague,
      scope: "all",
      areas: ["general"],
      reason: "matrix",
    });
    expect(given.statusCode).toBe(GRANTS[role] ? 201 : 403);
    if (!GRANTS[role]) expect(given.json().id).toBeUndefined();
    // A grant someone else gave, so the refusal is tested on a real one too.
    const dsl = clients.get(
      role === "infant.dsl" || role === "trust.dsl" ? "infant.dsl:no" : "dsl:no",
    )!;
    const other = await app.inject({
      method: "POST",
      url: "/api/v1/grants",
      headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
      payload: { accountId: colleague, scope: "all", areas: ["medical"], reason: "matrix" },
    });
    const revoke = await send("DELETE", `/api/v1/grants/${other.json().id}`);
    expect(revoke.statusCode).toBe(GRANTS[role] ? 204 : 403);
  });
});

// Reference lists every member of staff needs to add an incident: any role, no second
// factor. Staff-account actions: administrators and/or the DSL team only.
const STAFF_ACTIONS: Record<Role, { revokeSessions: boolean; recordTraining: boolean }> = {
  dsl: { revokeSessions: true, recordTraining: true },
  deputy: { revokeSessions: true, recordTraining: true },
  head: { revokeSessions: false, recordTraining: false },
  sendco: { revokeSessions: false, recordTraining: false },
  pastoral: { revokeSessions: false, recordTraining: false },
  teacher: { revokeSessions: false, recordTraining: false },
  ta: { revokeSessions: false, recordTraining: false },
  office: { revokeSessions: true, recordTraining: false },
  "infant.dsl": { revokeSessions: true, recordTraining: true },
  "trust.dsl": { revokeSessions: true, recordTraining: true },
};

describe("reference lists and staff-account actions", () => {
  it.each(ROLES)("%s: reads the reference lists; staff actions as the table says", async (role) => {
    const client = clients.get(`${role}:no`)!;
    for (const url of [
      "/api/v1/staff?q=",
      "/api/v1/groups",
      "/api/v1/categories",
      "/api/v1/agencies",
    ]) {
      const res = await get(client, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().items.length, url).toBeGreaterThan(0);
    }
    // A colleague of their current school, made for this test so no other client is hit.
    const school = role === "infant.dsl" || role === "trust.dsl" ? infantId : primaryId;
    const colleague = await createPerson(db, {
      schoolId: school,
      email: `colleague.of.${role}@example.org`,
    });
    const send = (method: "DELETE" | "PUT", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const training = await send("PUT", `/api/v1/staff/${colleague}/training`, {
      completedOn: "2026-09-01",
    });
    expect(training.statusCode).toBe(STAFF_ACTIONS[role].recordTraining ? 204 : 403);
    const revoke = await send("DELETE", `/api/v1/staff/${colleague}/sessions`);
    expect(revoke.statusCode).toBe(STAFF_ACTIONS[role].revokeSessions ? 200 : 403);
  });
});

// The review deadline and calendar: the administrator and the DSL team; changing it needs
// a second factor.
const REVIEW_SETTINGS = new Set<Role>(["dsl", "deputy", "office", "infant.dsl", "trust.dsl"]);

describe("review deadline settings", () => {
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const read = await get(client, "/api/v1/settings/review");
    expect(read.statusCode).toBe(REVIEW_SETTINGS.has(role) ? 200 : 403);
    // Put back what is there, so the demo school is unchanged for the other tests.
    const current = REVIEW_SETTINGS.has(role)
      ? read.json()
      : { reviewWithinHours: 24, unreadAlertHours: 48, counting: "clock", holidays: [] };
    const write = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/review",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: current,
    });
    expect(write.statusCode).toBe(REVIEW_SETTINGS.has(role) ? (sf === "yes" ? 200 : 403) : 403);
  });
});

// The school's SSO provider: the administrator and the DSL team; changing it needs a
// second factor. The write is refused on its content (an http:// issuer off this machine),
// so the demo school keeps signing in with passwords for the other tests.
describe("SSO settings", () => {
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const allowed = REVIEW_SETTINGS.has(role);
    const read = await get(client, "/api/v1/settings/sso");
    expect(read.statusCode).toBe(allowed ? 200 : 403);
    if (allowed) expect(read.json().sso).toBeNull();
    const write = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/sso",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: {
        provider: "oidc",
        issuer: "http://provider.example.org",
        clientId: "x",
        tenantId: null,
        hostedDomain: null,
        emailDomains: [],
        enabled: true,
        passwordsAllowed: true,
        providerMfaCounts: false,
      },
    });
    expect(write.statusCode).toBe(allowed ? (sf === "yes" ? 422 : 403) : 403);
    // Who signs in through it, and unlinking one (an id no school has: 404 once allowed).
    const links = await get(client, "/api/v1/settings/sso/identities");
    expect(links.statusCode).toBe(allowed ? 200 : 403);
    if (allowed) expect(links.json().items).toEqual([]);
    const unlink = await app.inject({
      method: "DELETE",
      url: "/api/v1/settings/sso/identities/00000000-0000-4000-8000-000000000000",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    });
    expect(unlink.statusCode).toBe(allowed ? (sf === "yes" ? 404 : 403) : 403);
    if (allowed && sf === "no") expect(unlink.json().type).toMatch(/second-factor-required$/);
  });
});

// The school's settings page: the same people; a change needs a second factor. The write
// sends nothing to change, so the demo school is unchanged for the other tests.
describe("school settings", () => {
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const allowed = REVIEW_SETTINGS.has(role);
    const read = await get(client, "/api/v1/settings/school");
    expect(read.statusCode).toBe(allowed ? 200 : 403);
    if (allowed) expect(read.json().agreement.text.length).toBeGreaterThan(0);
    else expect(read.json().agreement).toBeUndefined();
    const write = await app.inject({
      method: "PATCH",
      url: "/api/v1/settings/school",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: {},
    });
    expect(write.statusCode).toBe(allowed && sf === "yes" ? 200 : 403);
    // API.md: the people allowed, without a second factor, are told that is what is missing.
    if (allowed && sf === "no") expect(write.json().type).toMatch(/second-factor-required$/);
  });
});

// The school's own taxonomy: the DSL team, and changes need a second factor. Writes fail
// on their content (an unknown id, a name the list has already), so the demo school is
// unchanged for the other tests.
describe("the school's categories and agencies", () => {
  const NOWHERE = "00000000-0000-4000-8000-000000000000";
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const team = DSL_TEAM_ROLES.has(role);
    const read = await get(client, "/api/v1/taxonomy");
    expect(read.statusCode).toBe(team ? 200 : 403);
    if (team) expect(read.json().categories.length).toBeGreaterThan(0);
    const existing = (await get(client, "/api/v1/agencies")).json().items[0].name as string;
    const write = (method: "POST" | "PATCH", url: string, payload: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload,
      });
    const writes = [
      { res: await write("POST", "/api/v1/categories", { name: "X", parentId: NOWHERE }), ok: 422 },
      { res: await write("PATCH", `/api/v1/categories/${NOWHERE}`, { name: "X" }), ok: 404 },
      { res: await write("POST", "/api/v1/agencies", { name: existing }), ok: 422 },
      { res: await write("PATCH", `/api/v1/agencies/${NOWHERE}`, { hidden: true }), ok: 404 },
      // Flag types, thresholds and document types: the same rules.
      { res: await write("POST", "/api/v1/flag-types", { name: "EHCP", area: "send" }), ok: 422 },
      { res: await write("PATCH", `/api/v1/flag-types/${NOWHERE}`, { name: "X" }), ok: 404 },
      { res: await write("POST", "/api/v1/thresholds", { name: "X" }), ok: 422 },
      { res: await write("PATCH", `/api/v1/thresholds/${NOWHERE}`, { hidden: true }), ok: 404 },
      {
        res: await write("POST", "/api/v1/document-types", { name: "EHCP", area: "send" }),
        ok: 422,
      },
      { res: await write("PATCH", `/api/v1/document-types/${NOWHERE}`, { name: "X" }), ok: 404 },
    ];
    for (const { res, ok } of writes) {
      expect(res.statusCode, res.body).toBe(team && sf === "yes" ? ok : 403);
      if (team && sf === "no") expect(res.json().type).toMatch(/second-factor-required$/);
    }
  });
});

// Alert groups and pre-set alert rules: the DSL team only (an alert opens the record, so
// an administrator does not choose who is alerted), and changes need a second factor.
// Writes fail on their content (unknown ids, a name taken, a rule that could reach no
// one), so the demo school is unchanged for the other tests.
describe("alert groups and pre-set rules", () => {
  const NOWHERE = "00000000-0000-4000-8000-000000000000";
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const team = DSL_TEAM_ROLES.has(role);
    const groupsRead = await get(client, "/api/v1/groups/manage");
    expect(groupsRead.statusCode).toBe(team ? 200 : 403);
    const rulesRead = await get(client, "/api/v1/alert-rules");
    expect(rulesRead.statusCode).toBe(team ? 200 : 403);
    if (team) {
      expect(groupsRead.json().items.length).toBeGreaterThan(0);
      expect(rulesRead.json().items.length).toBeGreaterThan(0);
    } else {
      expect(groupsRead.body).not.toContain("DSL team");
    }
    const existing = (await get(client, "/api/v1/groups")).json().items[0].name as string;
    const send = (method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const writes = [
      { res: await send("POST", "/api/v1/groups", { name: existing }), ok: 422 },
      { res: await send("PATCH", `/api/v1/groups/${NOWHERE}`, { name: "X" }), ok: 404 },
      { res: await send("PUT", `/api/v1/groups/${NOWHERE}/members/${NOWHERE}`), ok: 404 },
      { res: await send("DELETE", `/api/v1/groups/${NOWHERE}/members/${NOWHERE}`), ok: 404 },
      {
        res: await send("POST", "/api/v1/alert-rules", {
          audience: "role",
          role: "staff",
          condition: "every_incident",
        }),
        ok: 422,
      },
      { res: await send("PATCH", `/api/v1/alert-rules/${NOWHERE}`, { active: false }), ok: 404 },
    ];
    for (const { res, ok } of writes) {
      expect(res.statusCode, res.body).toBe(team && sf === "yes" ? ok : 403);
      if (team && sf === "no") expect(res.json().type).toMatch(/second-factor-required$/);
    }
  });
});

// The DSL's desk. Requests that would change something are made to fail on their content
// (an unknown id, a date in the future), so the matrix tests who gets that far.
describe("email delivery", () => {
  it.each(ROLES)("%s", async (role) => {
    const client = clients.get(`${role}:no`)!;
    const allowed = REVIEW_SETTINGS.has(role);
    expect((await get(client, "/api/v1/email-delivery")).statusCode).toBe(allowed ? 200 : 403);
    const retry = await app.inject({
      method: "POST",
      url: "/api/v1/email-delivery/00000000-0000-4000-8000-000000000000/retry",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    });
    expect(retry.statusCode).toBe(allowed ? 404 : 403);
  });
});

describe("the DSL's desk", () => {
  const NOWHERE = "00000000-0000-4000-8000-000000000000";
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const own = role === "infant.dsl" || role === "trust.dsl" ? "infant" : "oak";
    const pupil = pupilIds[own];
    const dsl = DSL_TEAM_ROLES.has(role);
    const code = sf === "yes";
    const post = (url: string, payload: object) =>
      app.inject({
        method: "POST",
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload,
      });
    const triage = await post(`/api/v1/incidents/${NOWHERE}/triage`, {
      categoryIds: [NOWHERE],
      thresholdId: NOWHERE,
      rationale: "matrix",
    });
    expect(triage.statusCode, "triage").toBe(dsl && code ? 404 : 403);
    expect((await get(client, "/api/v1/thresholds")).statusCode).toBe(200);
    expect((await get(client, "/api/v1/flag-types")).statusCode).toBe(200);

    const flagsExpected = statusOf(PROFILE[role][own], code);
    expect((await get(client, `/api/v1/pupils/${pupil}/flags`)).statusCode, "flags").toBe(
      flagsExpected.status,
    );
    const setFlag = await post(`/api/v1/pupils/${pupil}/flags`, {
      flagTypeId: NOWHERE,
      startsOn: "2026-01-01",
      note: "matrix",
    });
    expect(setFlag.statusCode, "set flag").toBe(
      !code ? 403 : PROFILE[role][own] === 200 ? 422 : 404,
    );
    const endFlag = await post(`/api/v1/flags/${NOWHERE}/end`, {
      endsOn: "2026-01-01",
      reason: "matrix",
    });
    expect(endFlag.statusCode, "end flag").toBe(code ? 404 : 403);
    const decision = await post(`/api/v1/pupils/${pupil}/threshold-decisions`, {
      thresholdId: NOWHERE,
      rationale: "matrix",
    });
    expect(decision.statusCode, "threshold decision").toBe(dsl && code ? 422 : 403);
    expect(
      (await get(client, `/api/v1/pupils/${pupil}/chronology-reviews`)).statusCode,
      "reviews",
    ).toBe(dsl && code ? 200 : 403);
    const mark = await post(`/api/v1/pupils/${pupil}/chronology-reviews`, {
      reviewedOn: "2099-01-01",
    });
    expect(mark.statusCode, "mark reviewed").toBe(dsl && code ? 422 : 403);
  });
});

// Managing the roster (staff, invitations, pupils): administrators and the DSL team, with
// a second factor; only the DSL team gives roles that read records; the access review is
// the DSL team's alone.
const ROSTER: Record<Role, { manage: boolean; readingRoles: boolean; review: boolean }> = {
  dsl: { manage: true, readingRoles: true, review: true },
  deputy: { manage: true, readingRoles: true, review: true },
  head: { manage: false, readingRoles: false, review: false },
  sendco: { manage: false, readingRoles: false, review: false },
  pastoral: { manage: false, readingRoles: false, review: false },
  teacher: { manage: false, readingRoles: false, review: false },
  ta: { manage: false, readingRoles: false, review: false },
  office: { manage: true, readingRoles: false, review: false },
  "infant.dsl": { manage: true, readingRoles: true, review: true },
  "trust.dsl": { manage: true, readingRoles: true, review: true },
};

describe("roster management", () => {
  const cases = ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf })));
  it.each(cases)("$role (second factor: $sf)", async ({ role, sf }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const school = role === "infant.dsl" || role === "trust.dsl" ? infantId : primaryId;
    const tag = `${role}.${sf}`;
    const send = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const manage = ROSTER[role].manage;
    const expectManage = (res: { statusCode: number; json(): { type?: string } }, ok: number) => {
      if (!manage) {
        expect(res.statusCode).toBe(403);
        expect(res.json().type).not.toContain("second-factor-required");
      } else if (sf === "no") {
        expect(res.statusCode).toBe(403);
        expect(res.json().type).toContain("second-factor-required");
      } else expect(res.statusCode).toBe(ok);
    };
    expectManage(await send("GET", "/api/v1/staff/members"), 200);
    expectManage(await send("GET", "/api/v1/staff/invitations"), 200);
    expectManage(
      await send("POST", "/api/v1/staff/invitations", {
        email: `invited.${tag}@example.org`,
        name: "Invited Person",
        roles: ["staff"],
      }),
      201,
    );
    const reading = await send("POST", "/api/v1/staff/invitations", {
      email: `teacher.${tag}@example.org`,
      name: "Invited Teacher",
      roles: ["class_teacher"],
    });
    expectManage(reading, ROSTER[role].readingRoles ? 201 : 403);
    if (manage && sf === "yes" && !ROSTER[role].readingRoles) {
      expect(reading.json().type).toContain("dsl-only-role");
    }
    // An invitation someone else sent, so resend and withdraw are tried on a real one.
    const dsl = clients.get(school === infantId ? "infant.dsl:yes" : "dsl:yes")!;
    const theirs = await app.inject({
      method: "POST",
      url: "/api/v1/staff/invitations",
      headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
      payload: { email: `theirs.${tag}@example.org`, name: "Their Invite", roles: ["staff"] },
    });
    expect(theirs.statusCode).toBe(201);
    expectManage(await send("POST", `/api/v1/staff/invitations/${theirs.json().id}/resend`), 204);
    expectManage(await send("DELETE", `/api/v1/staff/invitations/${theirs.json().id}`), 204);
    const colleague = await createPerson(db, {
      schoolId: school,
      email: `leaver.${tag}@example.org`,
    });
    expectManage(await send("POST", `/api/v1/staff/${colleague}/deactivate`), 200);
    // Resetting a lost second factor: roster managers with a second factor; a DSL's
    // only by the DSL team (second-factor-reset.test.ts has the emails and effects).
    const lostPhone = await createPerson(db, {
      schoolId: school,
      email: `lost.${tag}@example.org`,
      totp: true,
    });
    const reason = { reason: "Lost phone; identity checked in person" };
    expectManage(await send("POST", `/api/v1/staff/${lostPhone}/second-factor-reset`, reason), 200);
    const lostDsl = await createPerson(db, {
      schoolId: school,
      email: `lost.dsl.${tag}@example.org`,
      roles: ["dsl"],
      totp: true,
    });
    expectManage(
      await send("POST", `/api/v1/staff/${lostDsl}/second-factor-reset`, reason),
      DSL_TEAM_ROLES.has(role) ? 200 : 403,
    );

    const form = new FormData();
    form.append(
      "file",
      new Blob(
        [
          `UPN,Surname,Forename,DOB,Sex\n${makeUpn("999", "9999", 20, ROLES.indexOf(role) * 2 + (sf === "yes" ? 1 : 0))},Matrix,Pupil,01/01/2019,F\n`,
        ],
        { type: "text/csv" },
      ),
      "p.csv",
    );
    form.append("full", "false");
    const request = new Request("http://localhost/", { method: "POST", body: form });
    const imported = await app.inject({
      method: "POST",
      url: "/api/v1/imports/pupils",
      headers: {
        cookie: client.cookie,
        "x-csrf-token": client.csrfToken,
        "content-type": request.headers.get("content-type")!,
      },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expectManage(imported, 200);
    if (imported.statusCode === 200)
      expect(imported.json()).toMatchObject({ adds: 1, dryRun: true });
    expectManage(
      await send("POST", "/api/v1/pupils", {
        upn: makeUpn("998", "9998", 20, ROLES.indexOf(role) * 2 + (sf === "yes" ? 1 : 0)),
        legalFirstName: "Hand",
        legalLastName: "Added",
        dateOfBirth: "2019-01-01",
        sex: "M",
      }),
      201,
    );

    // Marking leavers: roster work, as imports are. Made to fail on content (a pupil of
    // no school) so the demo school keeps its pupils on roll.
    const NOWHERE = "00000000-0000-4000-8000-000000000000";
    expectManage(
      await send("POST", `/api/v1/pupils/${NOWHERE}/leaving`, { leftOn: "2026-07-22" }),
      404,
    );
    expectManage(await send("DELETE", `/api/v1/pupils/${NOWHERE}/leaving`), 404);
    expectManage(
      await send("POST", "/api/v1/pupils/leaving", { pupilIds: [NOWHERE], leftOn: "2026-07-22" }),
      422,
    );

    // The access review: the DSL team, second factor or not; no record content in it.
    const review = ROSTER[role].review ? 200 : 403;
    expect((await send("GET", "/api/v1/access-review")).statusCode).toBe(review);
    expect((await send("GET", "/api/v1/access-review.csv")).statusCode).toBe(review);
    expect((await send("POST", "/api/v1/access-review/reviewed")).statusCode).toBe(
      ROSTER[role].review ? 201 : 403,
    );
  });
});

describe("visitor links and concerns", () => {
  it.each(
    ROLES.flatMap((role) => (["yes", "no"] as const).map((sf) => ({ role, sf }))),
  )("$role, second factor $sf: only the DSL team makes links and reads concerns", async ({
    role,
    sf,
  }) => {
    const client = clients.get(`${role}:${sf}`)!;
    const dslTeam = DSL_TEAM_ROLES.has(role);
    const send = (url: string, payload: object) =>
      app.inject({
        method: "POST",
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload,
      });
    const made = await send("/api/v1/visitor-links", {
      name: `Matrix visitor ${role}`,
      singleUse: true,
      expiresInHours: 1,
    });
    expect(made.statusCode).toBe(dslTeam ? 201 : 403);
    if (!dslTeam) expect(made.json().url).toBeUndefined();
    expect((await get(client, "/api/v1/visitor-links")).statusCode).toBe(dslTeam ? 200 : 403);
    // Concerns name children: the DSL team, with a second factor.
    const concerns = await get(client, "/api/v1/visitor-concerns");
    const expected = statusOf(dslTeam ? 200 : 403, sf === "yes");
    expect(concerns.statusCode).toBe(expected.status);
    if (expected.type) expect(concerns.json().type).toMatch(/second-factor-required$/);
    const match = await send(
      "/api/v1/visitor-concerns/00000000-0000-4000-8000-000000000000/match",
      {
        pupilId: pupilIds.oak,
        categoryIds: ["00000000-0000-4000-8000-000000000000"],
      },
    );
    expect(match.statusCode).toBe(expected.status === 200 ? 404 : expected.status);
  });
});

describe("the matrix", () => {
  it("covers every endpoint that needs a signed-in person", () => {
    const protectedRoutes = app.tesseraRoutes
      .filter((r) => !r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(protectedRoutes).toEqual([...SELF_SERVICE, ...IN_MATRIX].sort());
  });

  it("knows every endpoint open without signing in", () => {
    const open = app.tesseraRoutes
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual([...PUBLIC].sort());
  });
});
