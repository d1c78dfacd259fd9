// A pupil's chronology through the API: the whole story for the DSL, only what others may
// read, filters, and the PDF and CSV exports with other children's names redacted —
// the PDF read back as text by pdftotext (poppler-utils).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
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
const as: Record<string, Client> = {};
let subject: { id: string; first: string; last: string };
let other: { id: string; first: string; last: string };
let cat: Record<string, string> = {};
const ids: Record<string, string> = {};

function send(who: string, method: "GET" | "POST", url: string, payload?: object) {
  const c = as[who]!;
  return app.inject({
    method,
    url,
    headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  for (const [i, who] of ["ta", "teacher", "dsl"].entries()) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
    await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: as[who]!.cookie, "x-csrf-token": as[who]!.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET, Date.now() + i * 0) },
    });
  }
  // Two new Year 3 Oak children with no history, so the test knows every name in their story.
  const [oak] = await db.owner((tx) =>
    queryRows<{ school_id: string; id: string; year_group_id: string }>(
      tx,
      sql`select school_id, id, year_group_id from classes where name = 'Year 3 Oak'`,
    ),
  );
  subject = { id: randomUUID(), first: "Zephyrine", last: "Okonkwo-Hale" };
  other = { id: randomUUID(), first: "Quillon", last: "Marchbank" };
  await db.owner((tx) =>
    tx.insert(pupils).values(
      [subject, other].map((p) => ({
        schoolId: oak!.school_id,
        id: p.id,
        legalFirstName: p.first,
        legalLastName: p.last,
        dateOfBirth: "2018-11-02",
        sex: "F" as const,
        classId: oak!.id,
        yearGroupId: oak!.year_group_id,
      })),
    ),
  );
  const cats = (await send("ta", "GET", "/api/v1/categories")).json().items as {
    id: string;
    name: string;
    subcategories: { id: string; name: string }[];
  }[];
  cat = Object.fromEntries(
    cats.flatMap((c) => [
      [c.name, c.id],
      ...c.subcategories.map((s) => [`${c.name}/${s.name}`, s.id]),
    ]),
  );
  const add = async (who: string, key: string, body: object) => {
    const res = await send(who, "POST", "/api/v1/incidents", { pupilId: subject.id, ...body });
    expect(res.statusCode).toBe(201);
    ids[key] = res.json().id;
  };
  await add("ta", "wellbeing", {
    account: `Came in hungry. ${other.first} shared toast.`,
    categoryIds: [cat.Wellbeing!],
    occurredAt: at(30),
    linkedPupilIds: [other.id],
  });
  await add("ta", "concern", {
    account: 'Said: "Dad hit me with a belt." I listened and told the DSL.',
    categoryIds: [cat["Safeguarding concern"]!],
    occurredAt: at(10),
  });
  await add("teacher", "behaviour", {
    account: `Pushed ${other.first} ${other.last} in the line.`,
    categoryIds: [cat.Behaviour!, cat["Behaviour/Physical"]!],
    occurredAt: at(5),
    linkedPupilIds: [other.id],
  });
  await add("dsl", "cp", {
    account: "Strategy meeting held; section 47 enquiry opened.",
    categoryIds: [cat["Child protection"]!],
    occurredAt: at(2),
  });
  await add("ta", "mistake", {
    account: "Wrong child.",
    categoryIds: [cat.Wellbeing!],
    occurredAt: at(1),
  });
  await send("dsl", "POST", `/api/v1/incidents/${ids.mistake}/entered-in-error`, {
    reason: "Meant for another pupil",
  });
  await send("dsl", "POST", `/api/v1/incidents/${ids.concern}/actions`, {
    account: "Called social care (MASH).",
    occurredAt: at(9),
  });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const chronology = async (who: string, query = "") => {
  const res = await send(who, "GET", `/api/v1/pupils/${subject.id}/chronology${query}`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as {
    items: {
      type: string;
      id: string;
      incidentId: string;
      account: string;
      otherPupils: { name: string }[];
      enteredInError: boolean;
    }[];
  };
  return body;
};

describe("the chronology", () => {
  it("shows the DSL the whole story in the order it happened, actions included", async () => {
    const { items } = await chronology("dsl");
    expect(items.map((i) => (i.type === "action" ? `action:${i.incidentId}` : i.id))).toEqual([
      ids.wellbeing,
      ids.concern,
      `action:${ids.concern}`,
      ids.behaviour,
      ids.cp,
    ]);
  });

  it("shows others only what they may read", async () => {
    // The teacher: general records of her class, and her own.
    expect((await chronology("teacher")).items.map((i) => i.id).sort()).toEqual(
      [ids.wellbeing, ids.behaviour].sort(),
    );
    // The TA: what she wrote (and the action on her concern, which follows it).
    const ta = (await chronology("ta")).items.map((i) => (i.type === "action" ? "action" : i.id));
    expect(ta.sort()).toEqual([ids.wellbeing, ids.concern, "action"].sort());
  });

  it("filters by category (with its subcategories), date, author, type and area", async () => {
    expect((await chronology("dsl", `?category=${cat.Behaviour}`)).items.map((i) => i.id)).toEqual([
      ids.behaviour,
    ]);
    const from = at(6).slice(0, 10);
    expect((await chronology("dsl", `?from=${from}&type=incident`)).items.map((i) => i.id)).toEqual(
      [ids.behaviour, ids.cp],
    );
    const teacherId = (as.teacher!.body.user as { id: string }).id;
    expect((await chronology("dsl", `?author=${teacherId}`)).items.map((i) => i.id)).toEqual([
      ids.behaviour,
    ]);
    // By area: the child protection entry alone, and no child protection among general ones.
    const cpOnly = (await chronology("dsl", "?area=child_protection&type=incident")).items;
    expect(cpOnly.map((i) => i.id)).toEqual([ids.cp]);
    const general = (await chronology("dsl", "?area=general")).items;
    expect(general.length).toBeGreaterThan(0);
    expect(general.map((i) => i.id)).not.toContain(ids.cp);
  });

  it("keeps entries made in error out, unless the DSL asks to see them", async () => {
    expect((await chronology("dsl")).items.map((i) => i.id)).not.toContain(ids.mistake);
    const shown = (await chronology("dsl", "?includeEnteredInError=true")).items.find(
      (i) => i.id === ids.mistake,
    );
    expect(shown?.enteredInError).toBe(true);
    expect(
      (await chronology("ta", "?includeEnteredInError=true")).items.map((i) => i.id),
    ).not.toContain(ids.mistake);
  });

  it("replaces other children's names with Child A when asked", async () => {
    const { items } = await chronology("dsl", "?redact=true");
    const text = JSON.stringify(items);
    expect(text).not.toContain(other.first);
    expect(text).not.toContain(other.last);
    expect(items.find((i) => i.id === ids.behaviour)!.account).toBe("Pushed Child A in the line.");
    expect(items.find((i) => i.id === ids.wellbeing)!.otherPupils).toEqual([
      expect.objectContaining({ name: "Child A" }),
    ]);
  });

  it("logs every view", async () => {
    const before = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from access_log where action = 'chronology.read' and pupil_id = ${subject.id}`,
      ),
    );
    await chronology("teacher");
    const after = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from access_log where action = 'chronology.read' and pupil_id = ${subject.id}`,
      ),
    );
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });
});

describe("exports", () => {
  it("give a redacted PDF whose text names the child and not the other children", async () => {
    const res = await send("dsl", "GET", `/api/v1/pupils/${subject.id}/chronology.pdf?redact=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(/^attachment/);
    const dir = mkdtempSync(join(tmpdir(), "tessera-pdf-"));
    writeFileSync(join(dir, "c.pdf"), res.rawPayload);
    const text = execFileSync("pdftotext", ["-layout", join(dir, "c.pdf"), "-"], {
      encoding: "utf8",
    });
    expect(text).toContain(`Chronology: ${subject.first} ${subject.last}`);
    expect(text).toContain("Other children's names have been replaced");
    expect(text).toContain("Pushed Child A in the line.");
    expect(text).toContain("Strategy meeting held");
    expect(text).not.toContain(other.first);
    expect(text).not.toContain(other.last);
  });

  it("give a CSV with a row per entry, redacted when asked", async () => {
    const res = await send("dsl", "GET", `/api/v1/pupils/${subject.id}/chronology.csv?redact=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toContain("Happened (UTC)");
    expect(lines).toHaveLength(1 + 5);
    expect(res.body).toContain("Child A");
    expect(res.body).not.toContain(other.last);
  });

  it("are logged as exports", async () => {
    const rows = await db.owner((tx) =>
      queryRows<{ action: string }>(
        tx,
        sql`select distinct action from access_log where pupil_id = ${subject.id} and action like 'chronology.export%' order by 1`,
      ),
    );
    expect(rows.map((r) => r.action)).toEqual(["chronology.export.csv", "chronology.export.pdf"]);
  });
});
