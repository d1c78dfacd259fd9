// The access review: every member of staff with what they can read and why (roles, the
// classes they teach, the DSL's grants, trust rights, open alerts), as a page and a CSV,
// for the DSL only; "reviewed on" marks are kept and cannot be changed.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DEMO_PASSWORD, ensureDemo } from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
const as: Record<string, Client> = {};

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  for (const who of ["dsl", "office", "head", "teacher"]) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
  }
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const get = (who: string, url: string) =>
  app.inject({ method: "GET", url, headers: { cookie: as[who]!.cookie } });

describe("access review", () => {
  it("lists who can read what and why", async () => {
    // A grant from the DSL, so the review shows one with its reason.
    const [teacher] = await db.owner((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from accounts where email = 'ta@demo.tessera.school'`,
      ),
    );
    const given = await app.inject({
      method: "POST",
      url: "/api/v1/grants",
      headers: { cookie: as.dsl!.cookie, "x-csrf-token": as.dsl!.csrfToken },
      payload: { accountId: teacher!.id, scope: "all", areas: ["send"], reason: "Covering SEND" },
    });
    expect(given.statusCode, given.body).toBe(201);

    const res = await get("dsl", "/api/v1/access-review");
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      email: string;
      roles: string[];
      grants: { source: string; scope: string; areas: string[]; reason: string | null }[];
      trustRights: string[];
      openAlerts: number;
      lastSignInAt: string | null;
    }[];
    const by = (email: string) => items.find((i) => i.email === email)!;
    expect(by("teacher@demo.tessera.school").grants).toContainEqual(
      expect.objectContaining({
        source: "class",
        scope: "Classes: Year 3 Oak",
        areas: ["general", "medical", "send"],
      }),
    );
    expect(by("ta@demo.tessera.school").grants).toEqual([
      expect.objectContaining({
        source: "grant",
        scope: "All pupils",
        areas: ["send"],
        reason: "Covering SEND",
      }),
    ]);
    expect(by("office@demo.tessera.school")).toMatchObject({
      roles: ["staff", "administrator"],
      grants: [],
    });
    expect(by("trust.dsl@demo.tessera.school").trustRights).toEqual(["trust_dsl of Demo Trust"]);
    expect(by("dsl@demo.tessera.school").openAlerts).toBeGreaterThan(0);
    expect(by("dsl@demo.tessera.school").lastSignInAt).not.toBeNull();
    // Staff of the other school are not listed.
    expect(items.some((i) => i.email === "infant.dsl@demo.tessera.school")).toBe(false);

    const csv = await get("dsl", "/api/v1/access-review.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Covering SEND");
    expect(csv.body.split("\n")[0]).toContain("Last signed in");
  });

  it("is for the DSL only", async () => {
    for (const who of ["office", "head", "teacher"]) {
      expect((await get(who, "/api/v1/access-review")).statusCode, who).toBe(403);
      expect((await get(who, "/api/v1/access-review.csv")).statusCode, who).toBe(403);
    }
  });

  it("keeps each 'reviewed on' mark, and the database refuses to change one", async () => {
    const mark = await app.inject({
      method: "POST",
      url: "/api/v1/access-review/reviewed",
      headers: { cookie: as.dsl!.cookie, "x-csrf-token": as.dsl!.csrfToken },
    });
    expect(mark.statusCode, mark.body).toBe(201);
    const res = await get("dsl", "/api/v1/access-review");
    expect(res.json().reviews[0].by).toBe(mark.json().by);
    await expect(
      db.owner((tx) => tx.execute(sql`delete from audit_events where type = 'access.reviewed'`)),
    ).rejects.toThrow();
  });
});
