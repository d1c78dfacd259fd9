// School SSO against a real OpenID Connect provider on loopback (oidc-provider): the
// round trip signs in and the session works; a first sign-in links an invited person by
// verified email; an unverified email, the wrong tenant or domain, and a mismatched state
// are refused; a changed email never re-binds; passwords can be turned off for staff
// (administrators keep theirs); the provider's MFA counts as the second factor only when
// the school says so and the amr says mfa.
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { invitations, memberships } from "../src/db/schema/index.ts";
import { OPEN_FLOWS_PER_ADDRESS } from "../src/sso/sign-in-routes.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, PASSWORD, signIn } from "./fixtures.ts";
import { signInWithCode } from "./import-helpers.ts";
import { passThroughProvider, startProvider, type TestProvider } from "./oidc-provider.ts";

const PUBLIC_URL = "http://tessera.test";
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/sso/callback`;
const TENANT = "8d3c7d2e-0000-4000-8000-000000000001";

let provider: TestProvider;
beforeAll(async () => {
  provider = await startProvider({ redirectUri: REDIRECT_URI });
});
afterAll(() => provider.close());

describe.each(DRIVERS)("school SSO on %s", (driver) => {
  let db: Database;
  let app: FastifyInstance;
  let schoolId: string;
  let admin: Client;
  let teacherId: string;
  const domain = `${driver}.school.test`;
  const at = (local: string) => `${local}@${domain}`;

  const settings = (change: Record<string, unknown> = {}) => ({
    provider: "oidc",
    issuer: provider.issuer,
    clientId: provider.clientId,
    tenantId: null,
    hostedDomain: null,
    emailDomains: [domain],
    enabled: true,
    passwordsAllowed: true,
    providerMfaCounts: false,
    ...change,
  });

  async function configure(change: Record<string, unknown> = {}, client = admin) {
    return app.inject({
      method: "PUT",
      url: "/api/v1/settings/sso",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: settings(change),
    });
  }

  /** One whole sign-in as `sub` at the provider; the callback's answer. */
  async function ssoSignIn(sub: string, options: { school?: string } = {}) {
    provider.next.sub = sub;
    const start = await app.inject({
      method: "GET",
      url: `/api/v1/sso/start?school=${encodeURIComponent(options.school ?? domain)}`,
    });
    expect(start.statusCode, start.body).toBe(302);
    const flow = start.cookies.find((c) => c.name === "tessera_sso");
    expect(flow?.httpOnly).toBe(true);
    const back = await passThroughProvider(start.headers.location as string, REDIRECT_URI);
    const callback = await app.inject({
      method: "GET",
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `tessera_sso=${flow!.value}` },
    });
    expect(callback.statusCode).toBe(302);
    const session = callback.cookies.find((c) => c.name === "tessera_session");
    return {
      location: callback.headers.location as string,
      cookie: session ? `tessera_session=${session.value}` : null,
    };
  }

  const sessionOf = (cookie: string) =>
    app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });

  const auditTypes = () =>
    db.owner((tx) =>
      queryRows<{ type: string; payload: Record<string, unknown> }>(
        tx,
        sql`select type, payload from audit_events where school_id = ${schoolId} order by at, id`,
      ),
    );

  beforeAll(async () => {
    db = await freshDatabase(driver);
    app = await buildApp({ db, webRoot: "/nonexistent", publicUrl: PUBLIC_URL });
    schoolId = await createSchool(db, "SSO School");
    await createPerson(db, { schoolId, email: at("admin"), roles: ["administrator"], totp: true });
    teacherId = await createPerson(db, {
      schoolId,
      email: at("teacher"),
      roles: ["class_teacher"],
    });
    admin = await signInWithCode(app, at("admin"));
    const saved = await configure({ clientSecret: provider.clientSecret });
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it("keeps the client secret sealed and out of every answer", async () => {
    const read = await app.inject({
      method: "GET",
      url: "/api/v1/settings/sso",
      headers: { cookie: admin.cookie },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().sso.hasClientSecret).toBe(true);
    expect(read.json().redirectUri).toBe(REDIRECT_URI);
    expect(read.body).not.toContain(provider.clientSecret);
    const [row] = await db.owner((tx) =>
      queryRows<{ client_secret_sealed: string }>(
        tx,
        sql`select client_secret_sealed from school_sso where school_id = ${schoolId}`,
      ),
    );
    expect(row!.client_secret_sealed).toMatch(/^v1\./);
    expect(row!.client_secret_sealed).not.toContain(provider.clientSecret);
  });

  it("offers the school's provider for its email domain only, whoever asks", async () => {
    const known = await app.inject({
      method: "GET",
      url: `/api/v1/sso/discover?email=${encodeURIComponent(at("teacher"))}`,
    });
    const unknown = await app.inject({
      method: "GET",
      url: `/api/v1/sso/discover?email=${encodeURIComponent(at("nobody.here"))}`,
    });
    expect(known.json().provider).toMatchObject({ kind: "oidc" });
    expect(unknown.body).toBe(known.body);
    const elsewhere = await app.inject({
      method: "GET",
      url: "/api/v1/sso/discover?email=someone%40elsewhere.test",
    });
    expect(elsewhere.json()).toEqual({ provider: null });
  });

  it("signs a member in by verified email, binds them, and the session works", async () => {
    provider.people.set("t-1", { sub: "t-1", email: at("teacher"), email_verified: true });
    const result = await ssoSignIn("t-1");
    expect(result.location).toBe("/");
    expect(result.cookie).not.toBeNull();
    const session = await sessionOf(result.cookie!);
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(teacherId);
    expect(session.json().currentSchoolId).toBe(schoolId);
    // The same session as a password sign-in: it lists itself and signs out with its token.
    const mine = await app.inject({
      method: "GET",
      url: "/api/v1/sessions",
      headers: { cookie: result.cookie! },
    });
    expect(mine.json().items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const events = await auditTypes();
    expect(events.at(-1)).toMatchObject({
      type: "sso.signed-in",
      payload: { accountId: teacherId, subject: "t-1", linked: "account" },
    });
    // The second time, found by issuer and subject: nothing new is linked.
    const again = await ssoSignIn("t-1");
    expect((await sessionOf(again.cookie!)).json().user.id).toBe(teacherId);
    expect((await auditTypes()).at(-1)?.payload.linked).toBeNull();
  });

  it("never re-binds when the email changes at the provider", async () => {
    const otherId = await createPerson(db, { schoolId, email: at("other"), roles: ["staff"] });
    // The same person (sub) now has the other account's address: still the teacher.
    provider.people.set("t-1", { sub: "t-1", email: at("other"), email_verified: true });
    const moved = await ssoSignIn("t-1");
    expect((await sessionOf(moved.cookie!)).json().user.id).toBe(teacherId);
    // A new subject with the teacher's address, now the teacher is bound: refused.
    provider.people.set("t-2", { sub: "t-2", email: at("teacher"), email_verified: true });
    const recycled = await ssoSignIn("t-2");
    expect(recycled.location).toBe("/sign-in?sso_error=bound-elsewhere");
    expect(recycled.cookie).toBeNull();
    // A new subject with an unbound member's address links to that member.
    provider.people.set("o-1", { sub: "o-1", email: at("other"), email_verified: true });
    const other = await ssoSignIn("o-1");
    expect((await sessionOf(other.cookie!)).json().user.id).toBe(otherId);
    provider.people.set("t-1", { sub: "t-1", email: at("teacher"), email_verified: true });
  });

  it("lists who signs in through the provider, and unlinks one so they link afresh", async () => {
    const call = (client: Client, method: "GET" | "DELETE", url: string) =>
      app.inject({
        method,
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      });
    const listed = await call(admin, "GET", "/api/v1/settings/sso/identities");
    expect(listed.statusCode).toBe(200);
    const teacherLink = (
      listed.json().items as { id: string; accountId: string; emailAtLink: string }[]
    ).find((i) => i.accountId === teacherId);
    expect(teacherLink?.emailAtLink).toBe(at("teacher"));
    // Nobody's provider subject is shown; a teacher may not look.
    expect(listed.body).not.toContain('"t-1"');
    const teacher = await signIn(app, at("teacher"), PASSWORD);
    expect((await call(teacher, "GET", "/api/v1/settings/sso/identities")).statusCode).toBe(403);
    // The administrator needs a second factor in the session to unlink.
    const noCode = await signIn(app, at("admin"), PASSWORD);
    const refused = await call(
      noCode,
      "DELETE",
      `/api/v1/settings/sso/identities/${teacherLink!.id}`,
    );
    expect(refused.statusCode).toBe(403);

    const unlinked = await call(
      admin,
      "DELETE",
      `/api/v1/settings/sso/identities/${teacherLink!.id}`,
    );
    expect(unlinked.statusCode).toBe(204);
    expect((await auditTypes()).at(-1)).toMatchObject({
      type: "sso.unlinked",
      payload: { accountId: teacherId, subject: "t-1" },
    });
    expect(
      (await call(admin, "DELETE", `/api/v1/settings/sso/identities/${teacherLink!.id}`))
        .statusCode,
    ).toBe(404);
    // The teacher's provider account was made again (a new subject): it now links by email.
    provider.people.set("t-2", { sub: "t-2", email: at("teacher"), email_verified: true });
    const relinked = await ssoSignIn("t-2");
    expect((await sessionOf(relinked.cookie!)).json().user.id).toBe(teacherId);

    // Back as the other tests expect: the teacher bound to t-1.
    const now = (await call(admin, "GET", "/api/v1/settings/sso/identities")).json().items as {
      id: string;
      accountId: string;
    }[];
    const t2 = now.find((i) => i.accountId === teacherId)!;
    expect(
      (await call(admin, "DELETE", `/api/v1/settings/sso/identities/${t2.id}`)).statusCode,
    ).toBe(204);
    expect((await sessionOf((await ssoSignIn("t-1")).cookie!)).json().user.id).toBe(teacherId);
  });

  it("accepts a pending invitation through the provider", async () => {
    const adminId = (await sessionOf(admin.cookie)).json().user.id as string;
    await db.owner((tx) =>
      tx.insert(invitations).values({
        schoolId,
        email: at("new.teacher"),
        name: "New Teacher",
        roles: ["class_teacher"],
        invitedBy: adminId,
        tokenHash: "x",
        sentAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
    );
    provider.people.set("n-1", { sub: "n-1", email: at("new.teacher"), email_verified: true });
    const result = await ssoSignIn("n-1");
    expect(result.location).toBe("/");
    const session = (await sessionOf(result.cookie!)).json();
    expect(session.user.email).toBe(at("new.teacher"));
    expect(session.user.roles).toEqual(["class_teacher"]);
    const [invitation] = await db.owner((tx) =>
      tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.schoolId, schoolId), eq(invitations.email, at("new.teacher")))),
    );
    expect(invitation!.acceptedAccountId).toBe(session.user.id);
    // No password was made: a password sign-in with anything fails.
    const password = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: at("new.teacher"), password: PASSWORD },
      remoteAddress: "192.0.2.77",
    });
    expect(password.statusCode).toBe(401);
  });

  it("refuses an unverified email, a stranger, and someone who has left", async () => {
    await createPerson(db, { schoolId, email: at("unverified"), roles: ["staff"] });
    provider.people.set("u-1", { sub: "u-1", email: at("unverified"), email_verified: false });
    expect((await ssoSignIn("u-1")).location).toBe("/sign-in?sso_error=email-unverified");
    provider.people.set("s-1", { sub: "s-1", email: at("stranger"), email_verified: true });
    expect((await ssoSignIn("s-1")).location).toBe("/sign-in?sso_error=unknown-person");
    // An account elsewhere with no place in this school is a stranger here too.
    await createPerson(db, { email: at("no.membership") });
    provider.people.set("s-2", { sub: "s-2", email: at("no.membership"), email_verified: true });
    expect((await ssoSignIn("s-2")).location).toBe("/sign-in?sso_error=unknown-person");

    const leaverId = await createPerson(db, { schoolId, email: at("leaver"), roles: ["staff"] });
    provider.people.set("l-1", { sub: "l-1", email: at("leaver"), email_verified: true });
    expect((await ssoSignIn("l-1")).location).toBe("/");
    await db.owner((tx) =>
      tx
        .update(memberships)
        .set({ deactivatedAt: new Date() })
        .where(and(eq(memberships.schoolId, schoolId), eq(memberships.accountId, leaverId))),
    );
    expect((await ssoSignIn("l-1")).location).toBe("/sign-in?sso_error=left-school");
    const refusals = (await auditTypes()).filter((e) => e.type === "sso.refused");
    expect(refusals.map((e) => e.payload.reason)).toEqual(
      expect.arrayContaining(["email-unverified", "unknown-person", "left-school"]),
    );
  });

  it("refuses the wrong Entra tenant and the wrong Google domain", async () => {
    expect((await configure({ provider: "entra", tenantId: TENANT })).statusCode).toBe(200);
    provider.people.set("t-1", {
      sub: "t-1",
      email: at("teacher"),
      email_verified: true,
      tid: "00000000-0000-4000-8000-00000000beef",
    });
    expect((await ssoSignIn("t-1")).location).toBe("/sign-in?sso_error=wrong-tenant");
    provider.people.set("t-1", {
      sub: "t-1",
      email: at("teacher"),
      email_verified: true,
      tid: TENANT,
    });
    expect((await ssoSignIn("t-1")).location).toBe("/");

    expect((await configure({ provider: "google", hostedDomain: domain })).statusCode).toBe(200);
    provider.people.set("t-1", {
      sub: "t-1",
      email: at("teacher"),
      email_verified: true,
      hd: "gmail.test",
    });
    expect((await ssoSignIn("t-1")).location).toBe("/sign-in?sso_error=wrong-domain");
    provider.people.set("t-1", { sub: "t-1", email: at("teacher"), email_verified: true });
    expect((await ssoSignIn("t-1")).location).toBe("/sign-in?sso_error=wrong-domain");
    provider.people.set("t-1", {
      sub: "t-1",
      email: at("teacher"),
      email_verified: true,
      hd: domain,
    });
    expect((await ssoSignIn("t-1")).location).toBe("/");
    expect((await configure()).statusCode).toBe(200);
  });

  it("refuses a callback whose state is not this browser's", async () => {
    provider.next.sub = "t-1";
    const first = await app.inject({ method: "GET", url: `/api/v1/sso/start?school=${domain}` });
    const second = await app.inject({ method: "GET", url: `/api/v1/sso/start?school=${domain}` });
    const back = await passThroughProvider(first.headers.location as string, REDIRECT_URI);
    const secondCookie = second.cookies.find((c) => c.name === "tessera_sso")!.value;
    const crossed = await app.inject({
      method: "GET",
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `tessera_sso=${secondCookie}` },
    });
    expect(crossed.headers.location).toBe("/sign-in?sso_error=state");
    expect(crossed.cookies.find((c) => c.name === "tessera_session")).toBeUndefined();
    // Without any flow cookie (a replay, or another browser) there is nothing to finish.
    const bare = await app.inject({ method: "GET", url: `${back.pathname}${back.search}` });
    expect(bare.headers.location).toBe("/sign-in?sso_error=expired");
    // The first browser's own flow was never touched by that: it finishes, once.
    const firstCookie = first.cookies.find((c) => c.name === "tessera_sso")!.value;
    const own = await app.inject({
      method: "GET",
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `tessera_sso=${firstCookie}` },
    });
    expect(own.headers.location).toBe("/");
    const replay = await app.inject({
      method: "GET",
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `tessera_sso=${firstCookie}` },
    });
    expect(replay.headers.location).toBe("/sign-in?sso_error=expired");
  });

  it("lets one address keep only so many sign-ins open, and others carry on", async () => {
    const start = (remoteAddress: string) =>
      app.inject({ method: "GET", url: `/api/v1/sso/start?school=${domain}`, remoteAddress });
    for (let i = 0; i < OPEN_FLOWS_PER_ADDRESS; i++) {
      const res = await start("203.0.113.9");
      expect(res.headers.location).not.toMatch(/sso_error/);
    }
    const refused = await start("203.0.113.9");
    expect(refused.headers.location).toBe("/sign-in?sso_error=too-many");
    expect(refused.cookies.find((c) => c.name === "tessera_sso")).toBeUndefined();
    expect((await start("203.0.113.10")).headers.location).not.toMatch(/sso_error/);
  });

  it("explains a cancelled sign-in and a school with no provider, and never fails", async () => {
    expect((await ssoSignIn("nobody-at-all")).location).toBe("/sign-in?sso_error=cancelled");
    const unknown = await app.inject({
      method: "GET",
      url: "/api/v1/sso/start?school=nowhere.example",
    });
    expect(unknown.statusCode).toBe(302);
    expect(unknown.headers.location).toBe("/sign-in?sso_error=not-configured");
    const odd = await app.inject({
      method: "GET",
      url: "/api/v1/sso/callback?code=x&state=y&error=server_error",
      headers: { cookie: "tessera_sso=not-a-flow" },
    });
    expect(odd.headers.location).toBe("/sign-in?sso_error=expired");
  });

  it("counts the provider's MFA as the second factor only when the school says so", async () => {
    const coded = await createPerson(db, { schoolId, email: at("coded"), totp: true });
    provider.people.set("c-1", { sub: "c-1", email: at("coded"), email_verified: true });
    const plain = await ssoSignIn("c-1");
    expect(plain.location).toBe("/sign-in/code");
    expect((await sessionOf(plain.cookie!)).json().secondFactor).toBe("required");

    provider.people.set("c-1", {
      sub: "c-1",
      email: at("coded"),
      email_verified: true,
      amr: ["pwd", "mfa"],
    });
    const notCounted = await ssoSignIn("c-1");
    expect(notCounted.location).toBe("/sign-in/code");

    expect((await configure({ providerMfaCounts: true })).statusCode).toBe(200);
    const counted = await ssoSignIn("c-1");
    expect(counted.location).toBe("/");
    const session = (await sessionOf(counted.cookie!)).json();
    expect(session.user.id).toBe(coded);
    expect(session.secondFactor).toBe("satisfied");

    provider.people.set("c-1", {
      sub: "c-1",
      email: at("coded"),
      email_verified: true,
      amr: ["pwd"],
    });
    expect((await ssoSignIn("c-1")).location).toBe("/sign-in/code");
    expect((await configure()).statusCode).toBe(200);
  });

  it("turns passwords off for staff while administrators keep theirs", async () => {
    expect((await configure({ passwordsAllowed: false })).statusCode).toBe(200);
    const refused = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: at("teacher"), password: PASSWORD },
      remoteAddress: "192.0.2.80",
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toMatch(/sso-required$/);
    expect(refused.cookies.find((c) => c.name === "tessera_session")).toBeUndefined();
    // A wrong password still says only that it is wrong.
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: at("teacher"), password: "not the password at all" },
      remoteAddress: "192.0.2.80",
    });
    expect(wrong.statusCode).toBe(401);
    await signIn(app, at("admin"));
    // The provider still works for the teacher.
    expect((await ssoSignIn("t-1")).location).toBe("/");
    expect((await auditTypes()).some((e) => e.type === "sso.password-refused")).toBe(true);
    expect((await configure()).statusCode).toBe(200);
    await signIn(app, at("teacher"), PASSWORD, "192.0.2.81");
  });

  it("asks for a second factor to change the settings, and checks them", async () => {
    const noCode = await signIn(app, at("admin"), PASSWORD, "192.0.2.90");
    expect((await configure({}, noCode)).statusCode).toBe(403);
    const teacher = await signIn(app, at("teacher"), PASSWORD, "192.0.2.91");
    const read = await app.inject({
      method: "GET",
      url: "/api/v1/settings/sso",
      headers: { cookie: teacher.cookie },
    });
    expect(read.statusCode).toBe(403);
    const bad = await configure({
      provider: "entra",
      issuer: "http://login.example.test",
      tenantId: null,
      passwordsAllowed: false,
      enabled: false,
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["issuer", "passwordsAllowed", "tenantId"]);
  });
});
