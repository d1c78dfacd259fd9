// Passwordless sign-in with a passkey: registered as a passkey (discoverable, user
// verification), then a usernameless sign-in that is fully signed in at once. Removed
// keys, plain security keys, answers without user verification, replayed challenges and
// deactivated accounts are refused; failures are throttled; sign-ins are audited.
import { sql } from "drizzle-orm";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, PASSWORD, signIn } from "./fixtures.ts";
import { SoftAuthenticator } from "./soft-authenticator.ts";

const ORIGIN = "https://tessera.example.org";
const EMAIL = "passkeys@example.org";
let db: Database;
let app: FastifyInstance;
let accountId: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent", publicUrl: ORIGIN });
  const schoolId = await createSchool(db);
  accountId = await createPerson(db, { schoolId, email: EMAIL });
});
afterAll(async () => {
  await app.close();
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

async function register(client: Client, key: SoftAuthenticator, name: string, passkey: boolean) {
  const options = await send(client, "POST", "/api/v1/session/security-keys/options", {
    passkey,
  });
  expect(options.statusCode).toBe(200);
  return {
    options: options.json(),
    res: await send(client, "POST", "/api/v1/session/security-keys", {
      name,
      passkey,
      response: key.register(options.json()),
    }),
  };
}

const cookieOf = (res: LightMyRequestResponse, name: string) =>
  res.cookies.find((c) => c.name === name);

/** The sign-in page's "Sign in with a passkey": options, the key's answer, the answer sent. */
async function passkeySignIn(key: SoftAuthenticator, ip = "192.0.2.80") {
  const options = await app.inject({
    method: "POST",
    url: "/api/v1/session/passkey/options",
    remoteAddress: ip,
  });
  expect(options.statusCode).toBe(200);
  const challengeCookie = cookieOf(options, "tessera_passkey");
  expect(challengeCookie?.httpOnly).toBe(true);
  const answer = key.assert(options.json());
  const send = () =>
    app.inject({
      method: "POST",
      url: "/api/v1/session/passkey",
      headers: { cookie: `tessera_passkey=${challengeCookie!.value}` },
      payload: { response: answer },
      remoteAddress: ip,
    });
  return { options: options.json(), answer, res: await send(), again: send };
}

describe("passkeys", () => {
  const passkey = new SoftAuthenticator(ORIGIN, { discoverable: true });
  const plainKey = new SoftAuthenticator(ORIGIN);
  let passkeyId: string;

  it("registers a passkey with a resident key and user verification required", async () => {
    const client = await signIn(app, EMAIL);
    const { options, res } = await register(client, passkey, "Laptop passkey", true);
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: "Laptop passkey", passkey: true });
    passkeyId = res.json().id;
  });

  it("signs in without an email or password, fully signed in at once", async () => {
    const { options, res } = await passkeySignIn(passkey);
    // Usernameless: the browser is not told which credentials exist.
    expect(options.allowCredentials).toEqual([]);
    expect(options.userVerification).toBe("required");
    expect(res.statusCode).toBe(200);
    expect(res.json().user.email).toBe(EMAIL);
    expect(res.json().secondFactor).toBe("satisfied");
    const session = cookieOf(res, "tessera_session");
    expect(session?.httpOnly).toBe(true);
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { cookie: `tessera_session=${session!.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().secondFactor).toBe("satisfied");
    const audited = await db.owner((tx) =>
      queryRows<{ type: string }>(
        tx,
        sql`select type from audit_events where account_id = ${accountId} and type like 'passkey.%'`,
      ),
    );
    expect(audited.map((a) => a.type)).toContain("passkey.signed-in");
  });

  it("refuses a challenge answered twice, and an answer without the browser's challenge cookie", async () => {
    const { res, again, answer } = await passkeySignIn(passkey);
    expect(res.statusCode).toBe(200);
    const replay = await again();
    expect(replay.statusCode).toBe(400);
    expect(cookieOf(replay, "tessera_session")).toBeUndefined();
    const noCookie = await app.inject({
      method: "POST",
      url: "/api/v1/session/passkey",
      payload: { response: answer },
    });
    expect(noCookie.statusCode).toBe(400);
  });

  it("does not let a plain security key, or a passkey that skipped verification, sign in alone", async () => {
    const client = await signIn(app, EMAIL);
    // A factor exists now: the session must use one before adding another.
    const { res: refused } = await register(client, plainKey, "Blue key", false).catch(() => ({
      res: { statusCode: 0 },
    }));
    expect(refused.statusCode).not.toBe(201);
    const full = (await passkeySignIn(passkey)).res;
    const owner: Client = {
      cookie: `tessera_session=${cookieOf(full, "tessera_session")!.value}`,
      csrfToken: full.json().csrfToken,
      body: full.json(),
    };
    expect((await register(owner, plainKey, "Blue key", false)).res.statusCode).toBe(201);
    expect((await passkeySignIn(plainKey, "192.0.2.81")).res.statusCode).toBe(401);

    // Registering as a passkey needs user verification.
    const noPin = new SoftAuthenticator(ORIGIN, { discoverable: true, userVerification: false });
    expect((await register(owner, noPin, "No PIN", true)).res.statusCode).toBe(400);

    // And so does every sign-in with it.
    passkey.options.userVerification = false;
    try {
      expect((await passkeySignIn(passkey, "192.0.2.82")).res.statusCode).toBe(401);
    } finally {
      passkey.options.userVerification = true;
    }
  });

  it("throttles failed passkey sign-ins like passwords", async () => {
    const stranger = new SoftAuthenticator(ORIGIN, { discoverable: true });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await passkeySignIn(stranger, "192.0.2.90")).res.statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes).toContain(429);
  });

  it("never accepts a removed passkey", async () => {
    const { res } = await passkeySignIn(passkey);
    const owner: Client = {
      cookie: `tessera_session=${cookieOf(res, "tessera_session")!.value}`,
      csrfToken: res.json().csrfToken,
      body: res.json(),
    };
    const removed = await send(owner, "DELETE", `/api/v1/session/security-keys/${passkeyId}`, {
      password: PASSWORD,
    });
    expect(removed.statusCode).toBe(204);
    const after = await passkeySignIn(passkey, "192.0.2.83");
    expect(after.res.statusCode).toBe(401);
    expect(cookieOf(after.res, "tessera_session")).toBeUndefined();
  });

  it("refuses a deactivated account's passkey", async () => {
    const email = "leaver.passkey@example.org";
    const schoolId = await createSchool(db, "Leavers School");
    const leaverId = await createPerson(db, { schoolId, email });
    const key = new SoftAuthenticator(ORIGIN, { discoverable: true });
    const client = await signIn(app, email);
    expect((await register(client, key, "Phone", true)).res.statusCode).toBe(201);
    expect((await passkeySignIn(key, "192.0.2.84")).res.statusCode).toBe(200);
    await db.owner((tx) =>
      tx.execute(sql`update accounts set active = false where id = ${leaverId}`),
    );
    const after = await passkeySignIn(key, "192.0.2.84");
    expect(after.res.statusCode).toBe(401);
    expect(cookieOf(after.res, "tessera_session")).toBeUndefined();
  });
});
