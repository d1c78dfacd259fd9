// The pupil picker: identity only, from the first character typed, pupils on roll in the
// current school; and the profile as a DSL sees it.
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { pupils } from "../src/db/schema/index.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
let ta: Client;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  ta = await signIn(app, "ta@demo.tessera.school", DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const picker = (q: string, extra = "") =>
  app.inject({
    method: "GET",
    url: `/api/v1/pupils?q=${encodeURIComponent(q)}${extra}`,
    headers: { cookie: ta.cookie },
  });

describe("the pupil picker", () => {
  it("answers from the first character with identity only", async () => {
    const res = await picker("a");
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) {
      expect(Object.keys(p).sort()).toEqual(
        ["class", "dateOfBirth", "id", "initials", "legalName", "name", "photoUrl", "year"].sort(),
      );
      expect(`${p.name} ${p.legalName}`.toLowerCase()).toMatch(/(^| )a/);
    }
  });

  it("matches every word typed against the start of a name, in any order", async () => {
    const [p] = await db.owner((tx) =>
      queryRows<{ first: string; last: string }>(
        tx,
        sql`select legal_first_name as first, legal_last_name as last from pupils
            where preferred_first_name is null order by legal_last_name limit 1`,
      ),
    );
    const res = await picker(`${p!.last.slice(0, 3)} ${p!.first.slice(0, 2)}`);
    const names = (res.json().items as { legalName: string }[]).map((i) => i.legalName);
    expect(names).toContain(`${p!.first} ${p!.last}`);
  });

  it("treats % and _ as letters, not wildcards", async () => {
    expect((await picker("%")).json().items).toEqual([]);
    expect((await picker("_")).json().items).toEqual([]);
  });

  it("leaves out pupils who have left", async () => {
    const [left] = await db.owner((tx) => tx.select().from(pupils).limit(1));
    await db.owner((tx) => tx.update(pupils).set({ onRoll: false }).where(eq(pupils.id, left!.id)));
    const res = await picker(left!.legalLastName);
    expect((res.json().items as { id: string }[]).map((i) => i.id)).not.toContain(left!.id);
  });

  it("pages with limit and cursor", async () => {
    const first = (await picker("", "&limit=5")).json();
    expect(first.items).toHaveLength(5);
    const second = (await picker("", `&limit=5&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(5);
    const ids = new Set([...first.items, ...second.items].map((i: { id: string }) => i.id));
    expect(ids.size).toBe(10);
  });

  it("says what is wrong with a bad limit", async () => {
    const res = await picker("a", "&limit=1000");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("limit");
  });
});

describe("the pupil profile", () => {
  it("shows a DSL the child's identity, siblings and contacts, and what they may do", async () => {
    const dsl = await signIn(app, "dsl@demo.tessera.school", DEMO_PASSWORD);
    await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    const [withSibling] = await db.owner((tx) =>
      queryRows<{ id: string }>(tx, sql`select pupil_id as id from pupil_siblings limit 1`),
    );
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/pupils/${withSibling!.id}`,
      headers: { cookie: dsl.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.siblings.length).toBeGreaterThan(0);
    expect(
      body.contacts.some((c: { parentalResponsibility: boolean }) => c.parentalResponsibility),
    ).toBe(true);
    expect(body.abilities).toEqual({
      addIncident: true,
      viewAccessLog: true,
      markChronologyReviewed: true,
      markLeft: true,
      exportChronology: true,
    });
  });

  it("answers an unknown pupil with 404", async () => {
    const dsl = await signIn(app, "deputy@demo.tessera.school", DEMO_PASSWORD);
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/pupils/00000000-0000-4000-8000-000000000000",
      headers: { cookie: dsl.cookie },
    });
    expect(res.statusCode).toBe(404);
  });
});
