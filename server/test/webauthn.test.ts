// Security keys and passkeys as a second factor: two registered, one removed with the
// password; the remaining one satisfies the second step and the removed one is refused.
// The keys are software authenticators (soft-authenticator.ts) speaking real WebAuthn.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/database.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, PASSWORD, signIn } from "./fixtures.ts";
import { SoftAuthenticator } from "./soft-authenticator.ts";

const ORIGIN = "https://tessera.example.org";
const EMAIL = "keys@example.org";
let db: Database;
let app: FastifyInstance;
let schoolId: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent", publicUrl: ORIGIN });
  schoolId = await createSchool(db);
  await createPerson(db, { schoolId, email: EMAIL });
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

async function register(client: Client, key: SoftAuthenticator, name: string) {
  const options = await send(client, "POST", "/api/v1/session/security-keys/options");
  expect(options.statusCode).toBe(200);
  expect(options.json().rp.id).toBe("tessera.example.org");
  return send(client, "POST", "/api/v1/session/security-keys", {
    name,
    response: key.register(options.json()),
  });
}

async function useKey(client: Client, key: SoftAuthenticator) {
  const options = await send(client, "POST", "/api/v1/session/second-factor/key/options");
  expect(options.statusCode).toBe(200);
  return send(client, "POST", "/api/v1/session/second-factor/key", {
    response: key.assert(options.json()),
  });
}

describe("security keys", () => {
  const blue = new SoftAuthenticator(ORIGIN);
  const phone = new SoftAuthenticator(ORIGIN);

  it("registers two named keys; a second key needs the first one used in the session", async () => {
    const client = await signIn(app, EMAIL);
    expect(client.body.secondFactor).toBe("none");
    expect((await register(client, blue, "Blue key")).statusCode).toBe(201);
    // Now a key is registered: this session has not used it, so no more keys yet.
    const refused = await send(client, "POST", "/api/v1/session/security-keys/options");
    expect(refused.statusCode).toBe(403);
    expect((await useKey(client, blue)).json().secondFactor).toBe("satisfied");
    expect((await register(client, phone, "Phone passkey")).statusCode).toBe(201);
    // The same key again is refused (the browser is told to exclude it; a replay is too).
    expect((await register(client, phone, "Again")).statusCode).toBeGreaterThanOrEqual(400);
    const list = await send(client, "GET", "/api/v1/session/security-keys");
    expect(list.json().items.map((k: { name: string }) => k.name)).toEqual([
      "Blue key",
      "Phone passkey",
    ]);
  });

  it("asks for a key at sign-in now, and takes a registered one", async () => {
    const client = await signIn(app, EMAIL);
    expect(client.body.secondFactor).toBe("required");
    expect(client.body.securityKeys).toBe(2);
    const used = await useKey(client, phone);
    expect(used.statusCode).toBe(200);
    expect(used.json().secondFactor).toBe("satisfied");
  });

  it("refuses a key that is not registered, and a challenge used twice", async () => {
    const client = await signIn(app, EMAIL);
    const stranger = new SoftAuthenticator(ORIGIN);
    expect((await useKey(client, stranger)).statusCode).toBe(400);
    const options = await send(client, "POST", "/api/v1/session/second-factor/key/options");
    const answer = blue.assert(options.json());
    expect(
      (await send(client, "POST", "/api/v1/session/second-factor/key", { response: answer }))
        .statusCode,
    ).toBe(200);
    const replay = await send(client, "POST", "/api/v1/session/second-factor/key", {
      response: answer,
    });
    expect(replay.statusCode).toBe(400);
  });

  it("refuses an answer made for another site", async () => {
    const client = await signIn(app, EMAIL);
    const options = (
      await send(client, "POST", "/api/v1/session/second-factor/key/options")
    ).json();
    // A real key, signing for a look-alike site that relayed Tessera's challenge.
    for (const answer of [
      blue.assert(
        { ...options, rpId: "tessera-login.example.net" },
        "https://tessera-login.example.net",
      ),
      blue.assert(options, "https://tessera-login.example.net"),
    ]) {
      const res = await send(client, "POST", "/api/v1/session/second-factor/key", {
        response: answer,
      });
      expect(res.statusCode).toBe(400);
      // Each try used the challenge up: ask again.
      Object.assign(
        options,
        (await send(client, "POST", "/api/v1/session/second-factor/key/options")).json(),
      );
    }
    expect((await send(client, "GET", "/api/v1/session")).json().secondFactor).toBe("required");
  });

  it("removes a lost key with the password; it is refused from then on, the other still works", async () => {
    const client = await signIn(app, EMAIL);
    expect((await useKey(client, blue)).statusCode).toBe(200);
    const keys = (await send(client, "GET", "/api/v1/session/security-keys")).json().items as {
      id: string;
      name: string;
    }[];
    const lost = keys.find((k) => k.name === "Phone passkey")!;
    const wrong = await send(client, "DELETE", `/api/v1/session/security-keys/${lost.id}`, {
      password: "not my password at all",
    });
    expect(wrong.statusCode).toBe(400);
    const removed = await send(client, "DELETE", `/api/v1/session/security-keys/${lost.id}`, {
      password: PASSWORD,
    });
    expect(removed.statusCode).toBe(204);
    const left = (await send(client, "GET", "/api/v1/session/security-keys")).json().items;
    expect(left.map((k: { name: string }) => k.name)).toEqual(["Blue key"]);

    const next = await signIn(app, EMAIL);
    expect((await useKey(next, phone)).statusCode).toBe(400);
    expect((await send(next, "GET", "/api/v1/session")).json().secondFactor).toBe("required");
    const ok = await useKey(next, blue);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().secondFactor).toBe("satisfied");
  });

  it("does not let the password alone remove a key", async () => {
    const client = await signIn(app, EMAIL);
    const [key] = (await send(client, "GET", "/api/v1/session/security-keys")).json().items;
    const res = await send(client, "DELETE", `/api/v1/session/security-keys/${key.id}`, {
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("unlocking the idle lock with a key", () => {
  it("takes a registered key that checked its owner, and not one that did not", async () => {
    const email = "unlock@example.org";
    await createPerson(db, { schoolId, email });
    const withPin = new SoftAuthenticator(ORIGIN);
    const noPin = new SoftAuthenticator(ORIGIN, { userVerification: false });
    const client = await signIn(app, email);
    expect((await register(client, withPin, "Key with a PIN")).statusCode).toBe(201);
    expect((await useKey(client, withPin)).statusCode).toBe(200);
    expect((await register(client, noPin, "Key without a PIN")).statusCode).toBe(201);

    expect((await send(client, "POST", "/api/v1/session/lock")).statusCode).toBe(204);
    expect((await send(client, "GET", "/api/v1/sessions")).statusCode).toBe(423);
    const unlockWith = async (key: SoftAuthenticator) => {
      const options = await send(client, "POST", "/api/v1/session/unlock/key/options");
      expect(options.statusCode).toBe(200);
      // The key must check who holds it.
      expect(options.json().userVerification).toBe("required");
      return send(client, "POST", "/api/v1/session/unlock/key", {
        response: key.assert(options.json()),
      });
    };
    // A key left in the computer, without a PIN, unlocks nothing; nor does a stranger's.
    expect((await unlockWith(noPin)).statusCode).toBe(400);
    expect((await unlockWith(new SoftAuthenticator(ORIGIN))).statusCode).toBe(400);
    expect((await send(client, "GET", "/api/v1/sessions")).statusCode).toBe(423);

    const unlocked = await unlockWith(withPin);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await send(client, "GET", "/api/v1/sessions")).statusCode).toBe(200);
  });
});
