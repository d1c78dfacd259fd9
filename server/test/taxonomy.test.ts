// The school's own taxonomy: the DSL team renames, adds, hides and reorders categories and
// agencies; a record keeps showing the name it was filed under beside the current one; a
// hidden category is not offered or accepted for new records but old records keep it; a
// category's area never changes.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
const as: Record<string, Client> = {};
let pupilId = "";
let cat: Record<string, string> = {};

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  for (const who of ["ta", "dsl", "head"]) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
  }
  // The DSL without a code in this session.
  as.dslNoCode = await signIn(app, "dsl@demo.tessera.school", DEMO_PASSWORD);
  for (const who of ["dsl", "head"]) {
    const c = as[who]!;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.statusCode).toBe(200);
  }
  const [pupil] = await db.owner((tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`select p.id from pupils p join classes c on c.school_id = p.school_id and c.id = p.class_id
          where c.name = 'Year 3 Oak' order by p.legal_last_name limit 1`,
    ),
  );
  pupilId = pupil!.id;
  const cats = await db.owner((tx) =>
    queryRows<{ id: string; name: string }>(
      tx,
      sql`select c.id, c.name from categories c join schools s on s.id = c.school_id
          where s.name = 'Demo Primary School'`,
    ),
  );
  cat = Object.fromEntries(cats.map((c) => [c.name, c.id]));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

function send(who: string, method: "GET" | "POST" | "PATCH", url: string, payload?: object) {
  const c = as[who]!;
  return app.inject({
    method,
    url,
    headers: {
      cookie: c.cookie,
      "x-csrf-token": c.csrfToken,
      ...(method === "POST" && url === "/api/v1/incidents"
        ? { "idempotency-key": randomUUID() }
        : {}),
    },
    ...(payload ? { payload } : {}),
  });
}

const incident = (categoryIds: string[]) => ({
  pupilId,
  account: "He said another boy took his lunch again and called him names at the gate.",
  location: "Playground",
  categoryIds,
  linkedPupilIds: [],
  occurredAt: new Date(Date.now() - 30 * 60 * 1000).toISOString(),
  alertUserIds: [],
  alertGroupIds: [],
  agencyIds: [],
  status: "open",
});

async function addCategory(payload: object): Promise<string> {
  const res = await send("dsl", "POST", "/api/v1/categories", payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function offered(): Promise<string[]> {
  const res = await send("ta", "GET", "/api/v1/categories");
  expect(res.statusCode).toBe(200);
  return (res.json().items as { name: string; subcategories: { name: string }[] }[]).flatMap(
    (c) => [c.name, ...c.subcategories.map((s) => s.name)],
  );
}

describe("renaming", () => {
  it("keeps the name an old record was filed under, beside the current one", async () => {
    const parent = await addCategory({ name: "Online safety", area: "safeguarding" });
    const sub = await addCategory({ name: "Cyberbullying", parentId: parent });
    const filed = await send("ta", "POST", "/api/v1/incidents", incident([parent, sub]));
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id;

    const rename = await send("dsl", "PATCH", `/api/v1/categories/${sub}`, {
      name: "Bullying online",
    });
    expect(rename.statusCode, rename.body).toBe(204);

    const view = await send("ta", "GET", `/api/v1/incidents/${id}`);
    expect(view.statusCode).toBe(200);
    const shown = view.json().categories as { id: string; name: string; filedAs?: string }[];
    expect(shown.find((c) => c.id === sub)).toMatchObject({
      name: "Bullying online",
      filedAs: "Cyberbullying",
    });
    // Not renamed: no second name.
    expect(shown.find((c) => c.id === parent)).not.toHaveProperty("filedAs");

    // A record filed after the rename shows only the new name.
    const later = await send("ta", "POST", "/api/v1/incidents", incident([parent, sub]));
    const laterView = await send("ta", "GET", `/api/v1/incidents/${later.json().id}`);
    const laterSub = (laterView.json().categories as { id: string }[]).find((c) => c.id === sub);
    expect(laterSub).toEqual({ id: sub, name: "Bullying online", area: "safeguarding" });

    // The form offers the new name; the change is audited.
    expect(await offered()).toContain("Bullying online");
    expect(await offered()).not.toContain("Cyberbullying");
    const [event] = await db.owner((tx) =>
      queryRows<{ payload: { from: string; to: string } }>(
        tx,
        sql`select payload from audit_events where type = 'category.changed'
            and payload->>'categoryId' = ${sub}`,
      ),
    );
    expect(event!.payload).toMatchObject({ from: "Cyberbullying", to: "Bullying online" });
  });

  it("refuses a name a sibling has already, whatever its case", async () => {
    const parent = await addCategory({ name: "Friendships", area: "general" });
    await addCategory({ name: "Falling out", parentId: parent });
    const res = await send("dsl", "POST", "/api/v1/categories", {
      name: "falling OUT",
      parentId: parent,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      path: "name",
      message: "There is already a subcategory called Falling out.",
    });
  });
});

describe("hiding", () => {
  it("refuses a hidden category on a new record, and old records still show it", async () => {
    const hiddenLater = await addCategory({ name: "Lunchtime worries", area: "general" });
    const filed = await send("ta", "POST", "/api/v1/incidents", incident([hiddenLater]));
    expect(filed.statusCode, filed.body).toBe(201);

    expect(
      (await send("dsl", "PATCH", `/api/v1/categories/${hiddenLater}`, { hidden: true }))
        .statusCode,
    ).toBe(204);
    expect(await offered()).not.toContain("Lunchtime worries");

    const refused = await send("ta", "POST", "/api/v1/incidents", incident([hiddenLater]));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ path: "categoryIds" });
    expect(refused.json().errors[0].message).toContain("Lunchtime worries");

    const old = await send("ta", "GET", `/api/v1/incidents/${filed.json().id}`);
    expect(old.statusCode).toBe(200);
    expect(old.json().categories).toEqual([
      { id: hiddenLater, name: "Lunchtime worries", area: "general" },
    ]);

    // Shown again, it is offered again.
    await send("dsl", "PATCH", `/api/v1/categories/${hiddenLater}`, { hidden: false });
    expect(await offered()).toContain("Lunchtime worries");
  });

  it("hides an agency from the list staff choose from, and shows it again", async () => {
    const added = await send("dsl", "POST", "/api/v1/agencies", { name: "Young carers service" });
    expect(added.statusCode).toBe(201);
    const id = added.json().id;
    const names = async () =>
      ((await send("ta", "GET", "/api/v1/agencies")).json().items as { name: string }[]).map(
        (a) => a.name,
      );
    expect(await names()).toContain("Young carers service");
    await send("dsl", "PATCH", `/api/v1/agencies/${id}`, {
      hidden: true,
      name: "Young carers team",
    });
    expect(await names()).not.toContain("Young carers team");
    await send("dsl", "PATCH", `/api/v1/agencies/${id}`, { hidden: false });
    expect(await names()).toContain("Young carers team");
  });
});

describe("order", () => {
  it("moves a subcategory up among its siblings", async () => {
    const parent = await addCategory({ name: "After-school clubs", area: "general" });
    const first = await addCategory({ name: "Late", parentId: parent });
    const second = await addCategory({ name: "Absent", parentId: parent });
    expect(
      (await send("dsl", "PATCH", `/api/v1/categories/${second}`, { sortOrder: 1 })).statusCode,
    ).toBe(204);
    const tree = (await send("dsl", "GET", "/api/v1/taxonomy")).json();
    const clubs = tree.categories.find((c: { id: string }) => c.id === parent);
    expect(clubs.subcategories.map((s: { id: string }) => s.id)).toEqual([second, first]);
    expect(clubs.subcategories.map((s: { sortOrder: number }) => s.sortOrder)).toEqual([1, 2]);
  });
});

describe("what cannot change", () => {
  it("refuses to change an existing category's area, saying why", async () => {
    const id = await addCategory({ name: "Medical needs", area: "medical" });
    const res = await send("dsl", "PATCH", `/api/v1/categories/${id}`, { area: "general" });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/area was fixed when it was filed/);
    const tree = (await send("dsl", "GET", "/api/v1/taxonomy")).json();
    expect(tree.categories.find((c: { id: string }) => c.id === id).area).toBe("medical");
  });

  it("gives a subcategory its category's area", async () => {
    const parent = await addCategory({ name: "Health", area: "medical" });
    const res = await send("dsl", "POST", "/api/v1/categories", {
      name: "Asthma",
      parentId: parent,
      area: "general",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("area");
  });
});

describe("who may change it", () => {
  it("refuses staff outside the DSL team, and the DSL without a code", async () => {
    const some = Object.values(cat)[0]!;
    for (const who of ["ta", "head"]) {
      expect((await send(who, "GET", "/api/v1/taxonomy")).statusCode).toBe(403);
      expect(
        (await send(who, "POST", "/api/v1/categories", { name: "X", area: "general" })).statusCode,
      ).toBe(403);
      expect(
        (await send(who, "PATCH", `/api/v1/categories/${some}`, { name: "Renamed" })).statusCode,
      ).toBe(403);
      expect((await send(who, "POST", "/api/v1/agencies", { name: "X" })).statusCode).toBe(403);
    }
    const noCode = await send("dslNoCode", "PATCH", `/api/v1/categories/${some}`, {
      name: "Renamed",
    });
    expect(noCode.statusCode).toBe(403);
    expect(noCode.json().type).toMatch(/second-factor-required$/);
    // Nothing changed.
    const [row] = await db.owner((tx) =>
      queryRows<{ name: string }>(tx, sql`select name from categories where id = ${some}`),
    );
    expect(row!.name).not.toBe("Renamed");
  });
});
