// Signing in and out, the second factor, switching school, and revoking sessions,
// through the HTTP API as a browser or a school's script would use it.
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import type { Database } from "../src/db/database.ts";
import {
  accounts,
  memberships,
  schools,
  trustMemberships,
  trusts,
} from "../src/db/schema/index.ts";
import { freshDatabase } from "./databases.ts";
import { createPerson, createSchool, PASSWORD, signIn, TOTP_SECRET } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
let schoolId: string;
let otherSchoolId: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  schoolId = await createSchool(db, "Alpha Primary");
  otherSchoolId = await createSchool(db, "Beta Infants");
  await createPerson(db, {
    schoolId,
    email: "teacher@example.org",
    roles: ["staff", "class_teacher"],
  });
  await createPerson(db, {
    schoolId,
    email: "dsl@example.org",
    roles: ["staff", "dsl"],
    totp: true,
  });
  await createPerson(db, { schoolId, email: "Mixed.Case@Example.org" });
  await createPerson(db, { schoolId, email: "leaver@example.org" });
  await createPerson(db, { schoolId, email: "throttled@example.org" });
  await createPerson(db, { schoolId, email: "two-schools@example.org" });
  await db.owner(async (tx) => {
    const [a] = await tx
      .select()
      .from(accounts)
      .where(eq(accounts.email, "two-schools@example.org"));
    await tx
      .insert(memberships)
      .values({ schoolId: otherSchoolId, accountId: a!.id, roles: ["staff"] });
  });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const get = (url: string, cookie?: string) =>
  app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

describe("POST /api/v1/session", () => {
  it("signs in with the right password and sets an HttpOnly, SameSite=Strict cookie", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "teacher@example.org", password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe("teacher@example.org");
    expect(body.user.roles).toEqual(["staff", "class_teacher"]);
    expect(body.secondFactor).toBe("none");
    expect(body.schools).toEqual([{ id: schoolId, name: "Alpha Primary" }]);
    expect(body.currentSchoolId).toBe(schoolId);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === "tessera_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
  });

  it("matches the email whatever its capitals", async () => {
    const client = await signIn(app, "mixed.case@example.org");
    expect((client.body.user as { email: string }).email).toBe("Mixed.Case@Example.org");
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "teacher@example.org", password: "not the password" },
      remoteAddress: "198.51.100.1",
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "nobody@example.org", password: "not the password" },
      remoteAddress: "198.51.100.1",
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it("says what is missing when the form is empty", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "" },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("slows down repeated failures from one address for one account, not others", async () => {
    const attempt = (email: string, password: string, ip: string) =>
      app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email, password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 3; i++) {
      expect((await attempt("throttled@example.org", "guess", "203.0.113.5")).statusCode).toBe(401);
    }
    const slowed = await attempt("throttled@example.org", "guess", "203.0.113.5");
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
    // Even the right password waits: otherwise guessing would not be slowed at all.
    expect((await attempt("throttled@example.org", PASSWORD, "203.0.113.5")).statusCode).toBe(429);
    // The same person from another address, and another person from the same address,
    // are not held up: an attacker cannot lock the DSL out, nor one typo a whole school.
    expect((await attempt("throttled@example.org", PASSWORD, "203.0.113.6")).statusCode).toBe(200);
    expect((await attempt("teacher@example.org", PASSWORD, "203.0.113.5")).statusCode).toBe(200);
    // After the wait, the right password works.
    await new Promise((r) => setTimeout(r, Number(slowed.headers["retry-after"]) * 1000 + 50));
    expect((await attempt("throttled@example.org", PASSWORD, "203.0.113.5")).statusCode).toBe(200);
  });
});

describe("GET /api/v1/session", () => {
  it("should require authentication", async () => {
    const res = await get("/api/v1/session");
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe("https://tessera.school/problems/not-signed-in");
  });

  it("returns the same body as sign-in", async () => {
    const client = await signIn(app, "teacher@example.org");
    const res = await get("/api/v1/session", client.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(client.body);
  });
});

describe("CSRF", () => {
  it("refuses a non-GET request without the X-CSRF-Token header with 403", async () => {
    const client = await signIn(app, "teacher@example.org");
    const res = await app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie: client.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe("https://tessera.school/problems/csrf");
    // Still signed in: the forged request did nothing.
    expect((await get("/api/v1/session", client.cookie)).statusCode).toBe(200);
  });

  it("refuses a wrong token", async () => {
    const client = await signIn(app, "teacher@example.org");
    const res = await app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie: client.cookie, "x-csrf-token": "x".repeat(43) },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("DELETE /api/v1/session", () => {
  it("signs out: the cookie stops working at once", async () => {
    const client = await signIn(app, "teacher@example.org");
    const res = await app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    });
    expect(res.statusCode).toBe(204);
    expect((await get("/api/v1/session", client.cookie)).statusCode).toBe(401);
  });
});

describe("the second factor", () => {
  const submit = (client: { cookie: string; csrfToken: string }, code: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { code },
    });

  it("is required after the password for someone enrolled, and satisfied by the current code", async () => {
    const client = await signIn(app, "dsl@example.org");
    expect(client.body.secondFactor).toBe("required");
    const res = await submit(client, currentTotp(TOTP_SECRET));
    expect(res.statusCode).toBe(200);
    expect(res.json().secondFactor).toBe("satisfied");
    expect((await get("/api/v1/session", client.cookie)).json().secondFactor).toBe("satisfied");
  });

  it("refuses a code that was already used (replay), even in another session", async () => {
    const first = await signIn(app, "dsl@example.org");
    const second = await signIn(app, "dsl@example.org");
    // A code from the next time step has not been used by the test above.
    const code = currentTotp(TOTP_SECRET, Date.now() + 30_000);
    expect((await submit(first, code)).statusCode).toBe(200);
    const replay = await submit(second, code);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().errors[0].path).toBe("code");
    expect((await get("/api/v1/session", second.cookie)).json().secondFactor).toBe("required");
  });

  it("refuses a wrong code with a message beside the field", async () => {
    const client = await signIn(app, "dsl@example.org");
    const res = await submit(client, "000000" === currentTotp(TOTP_SECRET) ? "111111" : "000000");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: "code" });
  });
});

describe("schools", () => {
  it("lists every school a person works in and switches between them", async () => {
    const client = await signIn(app, "two-schools@example.org");
    const names = (client.body.schools as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(["Alpha Primary", "Beta Infants"]);
    const res = await app.inject({
      method: "PUT",
      url: "/api/v1/session/school",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { schoolId: otherSchoolId },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().currentSchoolId).toBe(otherSchoolId);
    expect((await get("/api/v1/session", client.cookie)).json().currentSchoolId).toBe(
      otherSchoolId,
    );
  });

  it("refuses to switch to a school the person does not work in", async () => {
    const client = await signIn(app, "teacher@example.org");
    const res = await app.inject({
      method: "PUT",
      url: "/api/v1/session/school",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { schoolId: otherSchoolId },
    });
    expect(res.statusCode).toBe(403);
  });

  it("gives a trust DSL DSL rights in every school of the trust", async () => {
    const accountId = await createPerson(db, { email: "trust.dsl@example.org" });
    await db.owner(async (tx) => {
      const [trust] = await tx.insert(trusts).values({ name: "Test Trust" }).returning();
      await tx.update(schools).set({ trustId: trust!.id });
      await tx
        .insert(trustMemberships)
        .values({ trustId: trust!.id, accountId, roles: ["trust_dsl"] });
    });
    const client = await signIn(app, "trust.dsl@example.org");
    expect((client.body.schools as unknown[]).length).toBe(2);
    expect((client.body.user as { roles: string[] }).roles).toEqual(["staff", "dsl"]);
    // …so the page offers them the DSL's links there too.
    expect((client.body.user as { permissions: string[] }).permissions).toContain("dashboard.view");
  });
});

describe("what the page is told the person may do", () => {
  it("tells a teacher nothing beyond recording, and the DSL what the DSL team may do", async () => {
    const teacher = await signIn(app, "teacher@example.org");
    expect((teacher.body.user as { permissions: string[] }).permissions).toEqual([]);
    const dsl = await signIn(app, "dsl@example.org");
    const held = (dsl.body.user as { permissions: string[] }).permissions;
    expect(held).toEqual(
      expect.arrayContaining([
        "dashboard.view",
        "access.grant",
        "roster.manage",
        "chronology.export",
      ]),
    );
  });
});

describe("sessions", () => {
  it("lists my sessions and ends another one at once", async () => {
    const phone = await signIn(app, "mixed.case@example.org");
    const laptop = await signIn(app, "mixed.case@example.org");
    const list = await get("/api/v1/sessions", laptop.cookie);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean }[];
    const current = items.filter((i) => i.current);
    expect(current).toHaveLength(1);
    const phoneSession = (await get("/api/v1/sessions", phone.cookie))
      .json()
      .items.find((i: { current: boolean }) => i.current);
    const res = await app.inject({
      method: "DELETE",
      url: `/api/v1/sessions/${phoneSession.id}`,
      headers: { cookie: laptop.cookie, "x-csrf-token": laptop.csrfToken },
    });
    expect(res.statusCode).toBe(204);
    expect((await get("/api/v1/session", phone.cookie)).statusCode).toBe(401);
    expect((await get("/api/v1/session", laptop.cookie)).statusCode).toBe(200);
  });

  it("cannot end someone else's session (404, as if it did not exist)", async () => {
    const mine = await signIn(app, "teacher@example.org");
    const theirs = await signIn(app, "mixed.case@example.org");
    const theirId = (await get("/api/v1/sessions", theirs.cookie))
      .json()
      .items.find((i: { current: boolean }) => i.current).id;
    const res = await app.inject({
      method: "DELETE",
      url: `/api/v1/sessions/${theirId}`,
      headers: { cookie: mine.cookie, "x-csrf-token": mine.csrfToken },
    });
    expect(res.statusCode).toBe(404);
    expect((await get("/api/v1/session", theirs.cookie)).statusCode).toBe(200);
  });

  it("ends every session of a deactivated person at their next request", async () => {
    const one = await signIn(app, "leaver@example.org");
    const two = await signIn(app, "leaver@example.org");
    await db.owner((tx) =>
      tx.update(accounts).set({ active: false }).where(eq(accounts.email, "leaver@example.org")),
    );
    expect((await get("/api/v1/session", one.cookie)).statusCode).toBe(401);
    expect((await get("/api/v1/session", two.cookie)).statusCode).toBe(401);
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "leaver@example.org", password: PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });
});
