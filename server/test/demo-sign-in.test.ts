// Every demo sign-in of API.md works through the API at once: password, then the demo
// TOTP secret, with the agreement and training already done.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import type { Database } from "../src/db/database.ts";
import {
  DEMO_PASSWORD,
  DEMO_SIGN_INS,
  DEMO_TOTP_SECRET,
  ensureDemo,
} from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const expectedSchools: Record<string, string[]> = {
  "infant.dsl@demo.tessera.school": ["Demo Infant School"],
  "trust.dsl@demo.tessera.school": ["Demo Infant School", "Demo Primary School"],
};

describe("the demo sign-ins", () => {
  it.each(
    DEMO_SIGN_INS.map((s) => s.email),
  )("%s signs in and can use Tessera at once", async (email) => {
    const client = await signIn(app, email, DEMO_PASSWORD);
    expect(client.body.agreementRequired).toBe(false);
    expect(client.body.trainingRequired).toBe(false);
    expect(client.body.secondFactor).toBe("required");
    const schools = (client.body.schools as { name: string }[]).map((s) => s.name);
    expect(schools).toEqual(expectedSchools[email] ?? ["Demo Primary School"]);
    // Each account's last used step is its own, so the current code works for each.
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().secondFactor).toBe("satisfied");
  });

  it("gives each demo account the role API.md says", async () => {
    const roles: Record<string, string[]> = {};
    for (const { email } of DEMO_SIGN_INS) {
      const client = await signIn(app, email, DEMO_PASSWORD);
      roles[email.split("@")[0]!] = (client.body.user as { roles: string[] }).roles;
    }
    expect(roles.dsl).toContain("dsl");
    expect(roles.deputy).toContain("deputy_dsl");
    expect(roles.head).toContain("head");
    expect(roles.sendco).toContain("sendco");
    expect(roles.pastoral).toContain("pastoral");
    expect(roles.teacher).toContain("class_teacher");
    expect(roles.ta).toEqual(["staff"]);
    expect(roles.office).toContain("administrator");
    expect(roles["infant.dsl"]).toContain("dsl");
    expect(roles["trust.dsl"]).toContain("dsl");
  });
});
