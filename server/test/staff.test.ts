// The alert pickers and the category tree, and what administrators and DSLs do for a
// member of staff's account, through the API on the demo school.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
let primaryId: string;
const as = new Map<string, Client>();

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  const [p] = await db.owner((tx) =>
    queryRows<{ id: string }>(tx, sql`select id from schools where name = 'Demo Primary School'`),
  );
  primaryId = p!.id;
  for (const who of ["dsl", "office", "teacher", "head"]) {
    as.set(who, await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD));
  }
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const call = (who: string, method: "GET" | "PUT" | "DELETE", url: string, payload?: object) => {
  const c = as.get(who)!;
  return app.inject({
    method,
    url,
    headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
    ...(payload ? { payload } : {}),
  });
};

describe("pickers", () => {
  it("finds staff by the start of any of their names", async () => {
    const res = await call("teacher", "GET", "/api/v1/staff?q=&limit=100");
    const everyone = res.json().items as { name: string }[];
    expect(everyone.length).toBeGreaterThan(20);
    const surname = everyone[0]!.name.split(" ").at(-1)!;
    const found = (await call("teacher", "GET", `/api/v1/staff?q=${surname.slice(0, 3)}`)).json()
      .items as {
      name: string;
    }[];
    expect(found.map((s) => s.name)).toContain(everyone[0]!.name);
  });

  it("lists the alert groups with their members", async () => {
    const res = await call("teacher", "GET", "/api/v1/groups");
    const dslTeam = (res.json().items as { name: string; members: number }[]).find(
      (g) => g.name === "DSL team",
    );
    expect(dslTeam?.members).toBe(2);
  });

  it("gives the category tree with areas and DSL-only marks", async () => {
    const res = await call("teacher", "GET", "/api/v1/categories");
    const items = res.json().items as {
      name: string;
      area: string;
      dslOnly: boolean;
      subcategories: { name: string; dslOnly: boolean; area: string }[];
    }[];
    const cp = items.find((c) => c.name === "Child protection")!;
    expect(cp).toMatchObject({ area: "child_protection", dslOnly: true });
    const concern = items.find((c) => c.name === "Safeguarding concern")!;
    expect(concern.subcategories.find((s) => s.name === "Neglect")).toMatchObject({
      dslOnly: false,
      area: "safeguarding",
    });
    expect(
      concern.subcategories.find((s) => s.name === "Operation Encompass notification")?.dslOnly,
    ).toBe(true);
  });

  it("lists the school's agencies", async () => {
    const names = (await call("teacher", "GET", "/api/v1/agencies"))
      .json()
      .items.map((a: { name: string }) => a.name);
    expect(names).toContain("Children's social care");
  });
});

describe("ending a member of staff's sessions", () => {
  it("lets an administrator end every session of someone at once, and audits it", async () => {
    const accountId = await createPerson(db, {
      schoolId: primaryId,
      email: "lost.phone@example.org",
    });
    const phone = await signIn(app, "lost.phone@example.org");
    const res = await call("office", "DELETE", `/api/v1/staff/${accountId}/sessions`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 1 });
    expect(
      (
        await app.inject({
          method: "GET",
          url: "/api/v1/session",
          headers: { cookie: phone.cookie },
        })
      ).statusCode,
    ).toBe(401);
    const [event] = await db.owner((tx) =>
      queryRows<{ type: string; payload: { accountId: string } }>(
        tx,
        sql`select type, payload from audit_events where type = 'sessions.revoked'`,
      ),
    );
    expect(event!.payload.accountId).toBe(accountId);
  });

  it("refuses a teacher", async () => {
    const accountId = await createPerson(db, {
      schoolId: primaryId,
      email: "colleague@example.org",
    });
    const res = await call("teacher", "DELETE", `/api/v1/staff/${accountId}/sessions`);
    expect(res.statusCode).toBe(403);
  });
});

describe("recording training", () => {
  it("lets a DSL record it, refuses a date in the future, and refuses the office", async () => {
    const accountId = await createPerson(db, {
      schoolId: primaryId,
      email: "new.starter@example.org",
    });
    expect(
      (
        await call("office", "PUT", `/api/v1/staff/${accountId}/training`, {
          completedOn: "2026-09-01",
        })
      ).statusCode,
    ).toBe(403);
    const future = await call("dsl", "PUT", `/api/v1/staff/${accountId}/training`, {
      completedOn: "2099-01-01",
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe("completedOn");
    expect(
      (
        await call("dsl", "PUT", `/api/v1/staff/${accountId}/training`, {
          completedOn: "2026-09-01",
        })
      ).statusCode,
    ).toBe(204);
  });
});

describe("who must set up an authenticator", () => {
  it("asks a new DSL to set one up, and lets them", async () => {
    await createPerson(db, {
      schoolId: primaryId,
      email: "new.dsl@example.org",
      roles: ["staff", "dsl"],
    });
    const client = await signIn(app, "new.dsl@example.org");
    expect(client.body).toMatchObject({ secondFactor: "required", secondFactorEnrolled: false });
    const start = await app.inject({
      method: "POST",
      url: "/api/v1/session/totp",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    });
    expect(start.statusCode).toBe(200);
    const confirm = await app.inject({
      method: "POST",
      url: "/api/v1/session/totp/confirm",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { code: currentTotp(start.json().secret) },
    });
    expect(confirm.json().session).toMatchObject({
      secondFactor: "satisfied",
      secondFactorEnrolled: true,
    });
  });

  it("does not ask a member of staff who only adds incidents", async () => {
    await createPerson(db, { schoolId: primaryId, email: "lunchtime@example.org" });
    const client = await signIn(app, "lunchtime@example.org");
    expect(client.body).toMatchObject({ secondFactor: "none", secondFactorEnrolled: false });
  });

  it("keeps the demo code working for the demo head", async () => {
    const head = as.get("head")!;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: head.cookie, "x-csrf-token": head.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.json().secondFactor).toBe("satisfied");
  });
});
