// Inviting staff: the email arrives with a link; a scanner's GET does not use it up; the
// form's POST sets a password and works once. An administrator cannot give roles that
// read pupil records. A person with an account elsewhere is added, not duplicated. A
// deactivated member of staff is stopped at once.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn } from "./fixtures.ts";
import { signInReady, signInWithCode } from "./import-helpers.ts";
import { startSmtp, type TestSmtp, withoutSignInNotices } from "./smtp.ts";

const NEW_PASSWORD = "river lantern copper meadow";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let schoolId: string;
let otherSchoolId: string;
let office: Client;
let dsl: Client;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  schoolId = await createSchool(db, "Invite Primary");
  otherSchoolId = await createSchool(db, "Other Academy");
  await createPerson(db, {
    schoolId,
    email: "office@invite.example.org",
    roles: ["administrator"],
    totp: true,
  });
  await createPerson(db, { schoolId, email: "dsl@invite.example.org", roles: ["dsl"], totp: true });
  await createPerson(db, {
    schoolId: otherSchoolId,
    email: "moving@other.example.org",
    roles: ["staff"],
  });
  office = await signInWithCode(app, "office@invite.example.org");
  dsl = await signInWithCode(app, "dsl@invite.example.org");
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

function send(client: Client, method: "GET" | "POST" | "DELETE", url: string, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

async function deliver() {
  const before = smtp.messages.length;
  await runOutbox(
    db,
    jobHandlers(
      db,
      createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
      "https://tessera.example.org",
    ),
  );
  return withoutSignInNotices(smtp.messages.slice(before));
}

const linkIn = (text: string | undefined) => {
  const m = /https:\/\/tessera\.example\.org\/invitation\/(\S+)/.exec(text ?? "");
  if (!m) throw new Error(`no invitation link in: ${text}`);
  return m[1]!;
};

describe("staff invitations", () => {
  it("an administrator cannot give a role that reads pupil records", async () => {
    for (const roles of [["class_teacher"], ["dsl"], ["staff", "sendco"]]) {
      const res = await send(office, "POST", "/api/v1/staff/invitations", {
        email: "nope@invite.example.org",
        name: "Nope",
        roles,
      });
      expect(res.statusCode, JSON.stringify(roles)).toBe(403);
      expect(res.json().type).toContain("dsl-only-role");
      expect(res.json().detail).toContain("designated safeguarding lead");
    }
    const [count] = await db.owner((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from invitations`),
    );
    expect(count!.n).toBe(0);
  });

  it("a link survives a scanner's GET, sets a password once on POST, and the teacher signs in", async () => {
    const invited = await send(dsl, "POST", "/api/v1/staff/invitations", {
      email: "New.Teacher@invite.example.org",
      name: "Nia Teacher",
      roles: ["class_teacher"],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ status: "pending" });
    const [mail] = await deliver();
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain(
      "New.Teacher@invite.example.org",
    );
    expect(mail?.subject).toBe("You are invited to Tessera at Invite Primary");
    const token = linkIn(mail?.text);
    // The database holds only a hash of the link.
    const stored = await db.owner((tx) =>
      queryRows<{ token_hash: string }>(tx, sql`select token_hash from invitations`),
    );
    expect(JSON.stringify(stored)).not.toContain(token.split(".")[1]);

    for (let i = 0; i < 3; i++) {
      const scanned = await app.inject({ method: "GET", url: `/api/v1/invitations/${token}` });
      expect(scanned.statusCode).toBe(200);
      expect(scanned.json()).toMatchObject({ school: "Invite Primary", name: "Nia Teacher" });
    }
    const weak = await app.inject({
      method: "POST",
      url: `/api/v1/invitations/${token}`,
      payload: { password: "password1234" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe("password");

    const accepted = await app.inject({
      method: "POST",
      url: `/api/v1/invitations/${token}`,
      payload: { password: NEW_PASSWORD },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const again = await app.inject({
      method: "POST",
      url: `/api/v1/invitations/${token}`,
      payload: { password: `${NEW_PASSWORD} two` },
    });
    expect(again.statusCode).toBe(404);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/invitations/${token}` })).statusCode,
    ).toBe(404);

    const teacher = await signIn(app, "new.teacher@invite.example.org", NEW_PASSWORD);
    expect(teacher.body).toMatchObject({ user: { name: "Nia Teacher", roles: ["class_teacher"] } });
    const list = await send(office, "GET", "/api/v1/staff/invitations");
    expect(list.json().items[0]).toMatchObject({
      email: "New.Teacher@invite.example.org",
      status: "accepted",
    });
  });

  it("resending replaces the link, and a withdrawn invitation's link stops working", async () => {
    const invited = await send(office, "POST", "/api/v1/staff/invitations", {
      email: "clerk@invite.example.org",
      name: "Carl Clerk",
      roles: ["staff"],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const first = linkIn((await deliver())[0]?.text);
    const twice = await send(office, "POST", "/api/v1/staff/invitations", {
      email: "clerk@invite.example.org",
      name: "Carl Clerk",
      roles: ["staff"],
    });
    expect(twice.statusCode).toBe(409);
    const resent = await send(
      office,
      "POST",
      `/api/v1/staff/invitations/${invited.json().id}/resend`,
    );
    expect(resent.statusCode).toBe(204);
    const second = linkIn((await deliver())[0]?.text);
    expect(second).not.toBe(first);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/invitations/${first}` })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/invitations/${second}` })).statusCode,
    ).toBe(200);
    const revoked = await send(office, "DELETE", `/api/v1/staff/invitations/${invited.json().id}`);
    expect(revoked.statusCode).toBe(204);
    const after = await app.inject({
      method: "POST",
      url: `/api/v1/invitations/${second}`,
      payload: { password: NEW_PASSWORD },
    });
    expect(after.statusCode).toBe(404);
  });

  it("an expired link says so", async () => {
    const invited = await send(office, "POST", "/api/v1/staff/invitations", {
      email: "late@invite.example.org",
      name: "Lee Late",
      roles: ["staff"],
    });
    const token = linkIn((await deliver())[0]?.text);
    await db.owner((tx) =>
      tx.execute(
        sql`update invitations set expires_at = now() - interval '1 minute' where id = ${invited.json().id}`,
      ),
    );
    const res = await app.inject({ method: "GET", url: `/api/v1/invitations/${token}` });
    expect(res.statusCode).toBe(410);
  });

  it("someone with an account in another school gets a membership, not a second account", async () => {
    const res = await send(office, "POST", "/api/v1/staff/invitations", {
      email: "MOVING@other.example.org",
      name: "Mo Ving",
      roles: ["staff"],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe("added");
    const [mail] = await deliver();
    expect(mail?.subject).toBe("You now have access to Invite Primary in Tessera");
    const moving = await signIn(app, "moving@other.example.org");
    expect((moving.body.schools as { name: string }[]).map((s) => s.name).sort()).toEqual([
      "Invite Primary",
      "Other Academy",
    ]);
    const [accounts] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from accounts where lower(email) = 'moving@other.example.org'`,
      ),
    );
    expect(accounts!.n).toBe(1);
  });

  it("a deactivated member of staff is stopped at once and their records are kept", async () => {
    const leaverId = await createPerson(db, {
      schoolId,
      email: "leaver@invite.example.org",
      roles: ["staff"],
    });
    const leaver = await signInReady(app, "leaver@invite.example.org");
    expect((await send(leaver, "GET", "/api/v1/staff?q=")).statusCode).toBe(200);
    await db.owner((tx) =>
      tx.execute(
        sql`insert into audit_events (school_id, account_id, type, payload) values (${schoolId}, ${leaverId}, 'test.record', '{}')`,
      ),
    );
    const res = await send(office, "POST", `/api/v1/staff/${leaverId}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ended).toBe(1);
    const after = await send(leaver, "GET", "/api/v1/staff?q=");
    expect(after.statusCode).toBe(401);
    const signInAgain = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "leaver@invite.example.org", password: "correct horse battery staple" },
      remoteAddress: "192.0.2.77",
    });
    expect(signInAgain.statusCode).toBe(401);
    const [kept] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where account_id = ${leaverId}`,
      ),
    );
    expect(kept!.n).toBe(1);
    const members = await send(dsl, "GET", "/api/v1/staff/members");
    expect(
      members.json().items.find((m: { email: string }) => m.email === "leaver@invite.example.org"),
    ).toMatchObject({
      active: false,
    });
  });

  it("only a DSL gives a role that reads records, or a class to teach", async () => {
    const personId = await createPerson(db, {
      schoolId,
      email: "promoted@invite.example.org",
      roles: ["staff"],
    });
    const [cls] = await db.owner((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`insert into classes (school_id, name) values (${schoolId}, 'Willow') returning id`,
      ),
    );
    const put = (client: Client, url: string, payload: object) =>
      app.inject({
        method: "PUT",
        url,
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload,
      });
    const byOffice = await put(office, `/api/v1/staff/${personId}/roles`, {
      roles: ["staff", "class_teacher"],
    });
    expect(byOffice.statusCode).toBe(403);
    expect(byOffice.json().type).toContain("dsl-only-role");
    expect(
      (await put(office, `/api/v1/staff/${personId}/classes`, { classIds: [cls!.id] })).statusCode,
    ).toBe(403);
    // An administrator may still give roles that open nothing.
    expect(
      (await put(office, `/api/v1/staff/${personId}/roles`, { roles: ["staff", "administrator"] }))
        .statusCode,
    ).toBe(200);

    expect(
      (await put(dsl, `/api/v1/staff/${personId}/roles`, { roles: ["staff", "class_teacher"] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await put(dsl, `/api/v1/staff/${personId}/classes`, { classIds: [cls!.id] })).statusCode,
    ).toBe(204);
    const members = await send(dsl, "GET", "/api/v1/staff/members");
    expect(
      members
        .json()
        .items.find((m: { email: string }) => m.email === "promoted@invite.example.org"),
    ).toMatchObject({ roles: ["staff", "class_teacher"], classes: ["Willow"] });
    const events = await db.owner((tx) =>
      queryRows<{ type: string }>(
        tx,
        sql`select type from audit_events where school_id = ${schoolId} and type in ('roles.changed', 'classes.changed') order by at`,
      ),
    );
    expect(events.map((e) => e.type)).toEqual([
      "roles.changed",
      "roles.changed",
      "classes.changed",
    ]);
  });
});
