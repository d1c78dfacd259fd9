// The idle lock, setting up an authenticator, recovery codes, changing a password and
// the first-use agreement — through the HTTP API.
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import type { Database } from "../src/db/database.ts";
import { schools } from "../src/db/schema/index.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, PASSWORD, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
let schoolId: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  schoolId = await createSchool(db, "Gamma Academy");
  for (const name of ["locker", "enroller", "changer", "agreer", "trainee"]) {
    await createPerson(db, { schoolId, email: `${name}@example.org` });
  }
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const call = (client: Client, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    ...(payload ? { payload } : {}),
  });

describe("the idle lock", () => {
  it("stops everything but unlock and sign-out until the password is given", async () => {
    const client = await signIn(app, "locker@example.org");
    expect((await call(client, "POST", "/api/v1/session/lock")).statusCode).toBe(204);
    const session = await call(client, "GET", "/api/v1/session");
    expect(session.json().locked).toBe(true);
    const blocked = await call(client, "GET", "/api/v1/sessions");
    expect(blocked.statusCode).toBe(423);
    expect(blocked.json().type).toBe("https://tessera.school/problems/locked");

    const wrong = await call(client, "POST", "/api/v1/session/unlock", { password: "nope" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { path: "password", message: "The password is not right." },
    ]);
    expect((await call(client, "GET", "/api/v1/sessions")).statusCode).toBe(423);

    const unlocked = await call(client, "POST", "/api/v1/session/unlock", { password: PASSWORD });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await call(client, "GET", "/api/v1/sessions")).statusCode).toBe(200);
  });

  it("tells the page how long the school's idle time is", async () => {
    await db.owner((tx) =>
      tx
        .update(schools)
        .set({ settings: { idleLockMinutes: 5 } })
        .where(eq(schools.id, schoolId)),
    );
    const client = await signIn(app, "locker@example.org");
    expect(client.body.school).toEqual({
      idleLockMinutes: 5,
      hideScreenReturn: "click",
      pupilNoun: "pupil",
      bodyMapPhotos: false,
    });
    await db.owner((tx) =>
      tx.update(schools).set({ settings: {} }).where(eq(schools.id, schoolId)),
    );
  });
});

describe("setting up an authenticator", () => {
  it("enrols with a code from the new secret, gives recovery codes once, and each works once", async () => {
    const client = await signIn(app, "enroller@example.org");
    expect(client.body.secondFactor).toBe("none");
    const start = await call(client, "POST", "/api/v1/session/totp");
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toContain("<svg");

    const bad = await call(client, "POST", "/api/v1/session/totp/confirm", { code: "12345" });
    expect(bad.statusCode).toBe(400);
    const done = await call(client, "POST", "/api/v1/session/totp/confirm", {
      code: currentTotp(secret),
    });
    expect(done.statusCode).toBe(200);
    const { recoveryCodes, session } = done.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(session.secondFactor).toBe("satisfied");

    // A new sign-in now needs the second factor; a recovery code satisfies it once.
    const later = await signIn(app, "enroller@example.org");
    expect(later.body.secondFactor).toBe("required");
    const used = await call(later, "POST", "/api/v1/session/recovery-code", {
      code: recoveryCodes[0].toUpperCase(),
    });
    expect(used.statusCode).toBe(200);
    expect(used.json().secondFactor).toBe("satisfied");
    const again = await signIn(app, "enroller@example.org");
    const reused = await call(again, "POST", "/api/v1/session/recovery-code", {
      code: recoveryCodes[0],
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0].path).toBe("code");
  });

  it("will not replace an authenticator without the current one", async () => {
    const client = await signIn(app, "enroller@example.org");
    expect(client.body.secondFactor).toBe("required");
    expect((await call(client, "POST", "/api/v1/session/totp")).statusCode).toBe(403);
  });
});

describe("changing a password", () => {
  it("refuses a common or short password with the reason beside the field", async () => {
    const client = await signIn(app, "changer@example.org");
    for (const newPassword of ["password1234", "short"]) {
      const res = await call(client, "PUT", "/api/v1/session/password", {
        currentPassword: PASSWORD,
        newPassword,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe("newPassword");
    }
  });

  it("refuses a wrong current password", async () => {
    const client = await signIn(app, "changer@example.org");
    const res = await call(client, "PUT", "/api/v1/session/password", {
      currentPassword: "not it",
      newPassword: "plum tractor velvet harbour",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("currentPassword");
  });

  it("changes it and ends the person's other sessions", async () => {
    const elsewhere = await signIn(app, "changer@example.org");
    const here = await signIn(app, "changer@example.org");
    const res = await call(here, "PUT", "/api/v1/session/password", {
      currentPassword: PASSWORD,
      newPassword: "plum tractor velvet harbour",
    });
    expect(res.statusCode).toBe(204);
    expect((await call(elsewhere, "GET", "/api/v1/session")).statusCode).toBe(401);
    expect((await call(here, "GET", "/api/v1/session")).statusCode).toBe(200);
    await signIn(app, "changer@example.org", "plum tractor velvet harbour");
  });

  it("gives advice while typing, without signing in", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/password-check",
      payload: { password: "qwertyuiopas" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().problems.length).toBeGreaterThan(0);
    const good = await app.inject({
      method: "POST",
      url: "/api/v1/password-check",
      payload: { password: "plum tractor velvet harbour" },
    });
    expect(good.json()).toMatchObject({ problems: [], score: 4 });
  });
});

describe("the first-use agreement", () => {
  it("is required once per version, and recorded", async () => {
    const client = await signIn(app, "agreer@example.org");
    expect(client.body.agreementRequired).toBe(true);
    const agreement = await call(client, "GET", "/api/v1/agreement");
    expect(agreement.json().accepted).toBe(false);
    expect(agreement.json().text).toContain("every record I open is logged");

    const stale = await call(client, "POST", "/api/v1/agreement", { version: "1999-01" });
    expect(stale.statusCode).toBe(409);
    const ok = await call(client, "POST", "/api/v1/agreement", {
      version: agreement.json().version,
    });
    expect(ok.statusCode).toBe(204);
    expect((await call(client, "GET", "/api/v1/session")).json().agreementRequired).toBe(false);

    // The school publishes a new version: everyone is asked again.
    await db.owner((tx) =>
      tx
        .update(schools)
        .set({ settings: { agreement: { version: "2027-01", text: "New rules." } } })
        .where(eq(schools.id, schoolId)),
    );
    const after = await call(client, "GET", "/api/v1/session");
    expect(after.json().agreementRequired).toBe(true);
    await db.owner((tx) =>
      tx.update(schools).set({ settings: {} }).where(eq(schools.id, schoolId)),
    );
  });

  it("says when the school requires training first", async () => {
    await db.owner((tx) =>
      tx
        .update(schools)
        .set({ settings: { requireTraining: true } })
        .where(eq(schools.id, schoolId)),
    );
    const client = await signIn(app, "trainee@example.org");
    expect(client.body.trainingRequired).toBe(true);
    await db.owner((tx) =>
      tx.update(schools).set({ settings: {} }).where(eq(schools.id, schoolId)),
    );
  });
});
