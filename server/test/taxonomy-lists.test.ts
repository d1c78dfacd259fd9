// The rest of the school's taxonomy (issue 9): the DSL team renames, adds, hides and
// reorders flag types, thresholds and document types as they do categories; agencies keep
// a name history; every list that shows a record's category, flag, threshold or agency
// shows the name it was filed under beside the current one; and leavers proposed by an
// import are confirmed as left, never deleted.
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
import { type Database, queryRows, type Tx } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";
import { multipart } from "./import-helpers.ts";

let db: Database;
let app: FastifyInstance;
const as: Record<string, Client> = {};
let pupilId = "";
let schoolId = "";

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  for (const who of ["ta", "teacher", "dsl", "office"]) {
    as[who] = await signIn(app, `${who}@demo.tessera.school`, DEMO_PASSWORD);
  }
  for (const who of ["dsl", "office"]) {
    const c = as[who]!;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const [pupil] = await db.owner((tx) =>
    queryRows<{ id: string; school_id: string }>(
      tx,
      sql`select p.id, p.school_id from pupils p
          join classes c on c.school_id = p.school_id and c.id = p.class_id
          where c.name = 'Year 3 Oak' order by p.legal_last_name desc limit 1`,
    ),
  );
  pupilId = pupil!.id;
  schoolId = pupil!.school_id;
});
afterAll(async () => {
  await app.close();
  await db.close();
});

function send(
  who: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  payload?: object,
) {
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

async function ok<T = { id: string }>(
  res: Awaited<ReturnType<typeof send>>,
  status: number,
): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : null) as T;
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "tessera-lists-"));
  writeFileSync(join(dir, "c.pdf"), pdf);
  return execFileSync("pdftotext", [join(dir, "c.pdf"), "-"], { encoding: "utf8" });
}

async function auditFor(type: string, key: string, id: string) {
  return db.owner((tx) =>
    queryRows<{ payload: Record<string, unknown> }>(
      tx,
      sql`select payload from audit_events where type = ${type} and payload->>${key} = ${id}`,
    ),
  );
}

describe("flag types", () => {
  it("renames one: an old flag shows the name it was set under beside the new one", async () => {
    const id = (
      await ok(
        await send("dsl", "POST", "/api/v1/flag-types", {
          name: "Early help plan",
          area: "safeguarding",
        }),
        201,
      )
    ).id;
    await ok(
      await send("dsl", "POST", `/api/v1/pupils/${pupilId}/flags`, {
        flagTypeId: id,
        startsOn: "2026-09-02",
        note: "Family support worker allocated.",
      }),
      201,
    );
    await ok(
      await send("dsl", "PATCH", `/api/v1/flag-types/${id}`, { name: "Family help plan" }),
      204,
    );

    const flags = (
      await ok<{ items: { typeId: string; name: string; filedAs?: string }[] }>(
        await send("dsl", "GET", `/api/v1/pupils/${pupilId}/flags`),
        200,
      )
    ).items;
    expect(flags.find((f) => f.typeId === id)).toMatchObject({
      name: "Family help plan",
      filedAs: "Early help plan",
    });
    const profile = await ok<{ flags: { name: string; filedAs?: string }[] }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}`),
      200,
    );
    expect(profile.flags).toContainEqual(
      expect.objectContaining({ name: "Family help plan", filedAs: "Early help plan" }),
    );
    const chronology = await ok<{ items: { categories: string[] }[] }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}/chronology?type=flag`),
      200,
    );
    expect(chronology.items.flatMap((e) => e.categories)).toContain(
      "Flag: Early help plan (now called Family help plan)",
    );
    // Offered under its new name; the rename is audited.
    const offered = await ok<{ items: { name: string }[] }>(
      await send("dsl", "GET", "/api/v1/flag-types"),
      200,
    );
    expect(offered.items.map((f) => f.name)).toContain("Family help plan");
    expect((await auditFor("flag_type.changed", "flagTypeId", id))[0]!.payload).toMatchObject({
      from: "Early help plan",
      to: "Family help plan",
    });

    // Its area is fixed now that a flag was set under it, with the categories' reason.
    const refused = await send("dsl", "PATCH", `/api/v1/flag-types/${id}`, { area: "general" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/area was fixed when it was filed/);
  });

  it("lets the area change while nothing is filed under it, then hides it from new flags", async () => {
    const id = (
      await ok(
        await send("dsl", "POST", "/api/v1/flag-types", {
          name: "Attendance plan",
          area: "general",
        }),
        201,
      )
    ).id;
    await ok(await send("dsl", "PATCH", `/api/v1/flag-types/${id}`, { area: "safeguarding" }), 204);
    const tree = await ok<{ flagTypes: { id: string; area: string; used: boolean }[] }>(
      await send("dsl", "GET", "/api/v1/taxonomy"),
      200,
    );
    expect(tree.flagTypes.find((f) => f.id === id)).toMatchObject({
      area: "safeguarding",
      used: false,
    });
    await ok(
      await send("dsl", "PATCH", `/api/v1/flag-types/${id}`, { hidden: true, sortOrder: 1 }),
      204,
    );
    const offered = await ok<{ items: { id: string }[] }>(
      await send("dsl", "GET", "/api/v1/flag-types"),
      200,
    );
    expect(offered.items.map((f) => f.id)).not.toContain(id);
    const refused = await send("dsl", "POST", `/api/v1/pupils/${pupilId}/flags`, {
      flagTypeId: id,
      startsOn: "2026-09-02",
      note: "x",
    });
    expect(refused.statusCode).toBe(422);
    const after = await ok<{ flagTypes: { id: string; sortOrder: number }[] }>(
      await send("dsl", "GET", "/api/v1/taxonomy"),
      200,
    );
    expect(after.flagTypes[0]!.id).toBe(id);
  });

  it("is the DSL team's, with a code: a teacher is refused", async () => {
    for (const who of ["teacher", "ta", "office"]) {
      expect(
        (await send(who, "POST", "/api/v1/flag-types", { name: "X", area: "general" })).statusCode,
      ).toBe(403);
      expect(
        (await send(who, "POST", "/api/v1/thresholds", { name: "X", area: "general" })).statusCode,
      ).toBe(403);
      expect(
        (await send(who, "POST", "/api/v1/document-types", { name: "X", area: "general" }))
          .statusCode,
      ).toBe(403);
    }
  });
});

describe("thresholds", () => {
  it("renames one: an old decision shows the threshold it was made at; its area is then fixed", async () => {
    const id = (
      await ok(
        await send("dsl", "POST", "/api/v1/thresholds", {
          name: "Universal plus",
          area: "safeguarding",
        }),
        201,
      )
    ).id;
    await ok(
      await send("dsl", "POST", `/api/v1/pupils/${pupilId}/threshold-decisions`, {
        thresholdId: id,
        rationale: "Needs met by the class team with a check-in each week.",
      }),
      201,
    );
    await ok(
      await send("dsl", "PATCH", `/api/v1/thresholds/${id}`, { name: "Universal with support" }),
      204,
    );
    const chronology = await ok<{ items: { categories: string[] }[] }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}/chronology?type=threshold`),
      200,
    );
    expect(chronology.items.flatMap((e) => e.categories)).toContain(
      "Threshold: Universal plus (now called Universal with support)",
    );
    expect(
      (await send("dsl", "PATCH", `/api/v1/thresholds/${id}`, { area: "general" })).statusCode,
    ).toBe(409);
    // Hidden: not offered, not accepted for a new decision; the old one stays.
    await ok(await send("dsl", "PATCH", `/api/v1/thresholds/${id}`, { hidden: true }), 204);
    const offered = await ok<{ items: { id: string }[] }>(
      await send("dsl", "GET", "/api/v1/thresholds"),
      200,
    );
    expect(offered.items.map((t) => t.id)).not.toContain(id);
    const refused = await send("dsl", "POST", `/api/v1/pupils/${pupilId}/threshold-decisions`, {
      thresholdId: id,
      rationale: "Again.",
    });
    expect(refused.statusCode).toBe(422);
    // Renamed and hidden: two changes audited (the refused area change is not one).
    expect((await auditFor("threshold.changed", "thresholdId", id)).length).toBe(2);
  });
});

describe("document types", () => {
  it("renames one: a document uploaded before shows its type then and now", async () => {
    const form = await multipart({
      documentType: "PEP",
      documentDate: "2026-09-14",
      description: "Personal education plan, autumn",
      file: { text: "PEP autumn term\n", name: "pep.txt", type: "text/plain" },
    });
    const uploaded = await ok(
      await app.inject({
        method: "POST",
        url: `/api/v1/pupils/${pupilId}/documents`,
        headers: { cookie: as.dsl!.cookie, "x-csrf-token": as.dsl!.csrfToken, ...form.headers },
        payload: form.payload,
      }),
      201,
    );
    const tree = await ok<{ documentTypes: { id: string; name: string; used: boolean }[] }>(
      await send("dsl", "GET", "/api/v1/taxonomy"),
      200,
    );
    const pep = tree.documentTypes.find((t) => t.name === "PEP")!;
    expect(pep.used).toBe(true);
    await ok(
      await send("dsl", "PATCH", `/api/v1/document-types/${pep.id}`, {
        name: "Personal education plan",
      }),
      204,
    );
    const list = await ok<{
      items: { id: string; documentType: string; documentTypeNow?: string }[];
      types: { name: string }[];
    }>(await send("dsl", "GET", `/api/v1/pupils/${pupilId}/documents`), 200);
    expect(list.items.find((d) => d.id === uploaded.id)).toMatchObject({
      documentType: "PEP",
      documentTypeNow: "Personal education plan",
    });
    expect(list.types.map((t) => t.name)).toContain("Personal education plan");
    expect(list.types.map((t) => t.name)).not.toContain("PEP");
    expect(
      (await send("dsl", "PATCH", `/api/v1/document-types/${pep.id}`, { area: "general" }))
        .statusCode,
    ).toBe(409);
  });
});

describe("agencies", () => {
  it("keep a name history: an incident shows the agency it was filed with, and its name now", async () => {
    const categories = await ok<{ items: { id: string }[] }>(
      await send("ta", "GET", "/api/v1/categories"),
      200,
    );
    const anyCategory = categories.items[0]!.id;
    const agencyId = (
      await ok(await send("dsl", "POST", "/api/v1/agencies", { name: "School nursing" }), 201)
    ).id;
    const filed = await ok(
      await send("ta", "POST", "/api/v1/incidents", {
        pupilId,
        account: "She said she had been to the nurse about her cough and was sent home yesterday.",
        location: "Classroom",
        categoryIds: [anyCategory],
        linkedPupilIds: [],
        occurredAt: new Date(Date.now() - 20 * 60 * 1000).toISOString(),
        alertUserIds: [],
        alertGroupIds: [],
        agencyIds: [agencyId],
        status: "open",
      }),
      201,
    );
    await ok(
      await send("dsl", "PATCH", `/api/v1/agencies/${agencyId}`, { name: "0–19 health service" }),
      204,
    );
    const view = await ok<{ agencies: { id: string; name: string; filedAs?: string }[] }>(
      await send("ta", "GET", `/api/v1/incidents/${filed.id}`),
      200,
    );
    expect(view.agencies).toEqual([
      { id: agencyId, name: "0–19 health service", filedAs: "School nursing" },
    ]);
    const history = await db.owner((tx) =>
      queryRows<{ name: string }>(
        tx,
        sql`select name from agency_names where agency_id = ${agencyId} order by from_at`,
      ),
    );
    expect(history.map((h) => h.name)).toEqual(["School nursing", "0–19 health service"]);
  });
});

describe("the category an incident was filed under", () => {
  it("shows in the incident list and the chronology on screen, in CSV and in PDF", async () => {
    const categoryId = (
      await ok(
        await send("dsl", "POST", "/api/v1/categories", {
          name: "Online worries",
          area: "safeguarding",
        }),
        201,
      )
    ).id;
    const filed = await ok(
      await send("ta", "POST", "/api/v1/incidents", {
        pupilId,
        account: "He said an older boy keeps messaging him on a game late at night.",
        location: "Classroom",
        categoryIds: [categoryId],
        linkedPupilIds: [],
        occurredAt: new Date(Date.now() - 10 * 60 * 1000).toISOString(),
        alertUserIds: [],
        alertGroupIds: [],
        agencyIds: [],
        status: "open",
      }),
      201,
    );
    await ok(
      await send("dsl", "PATCH", `/api/v1/categories/${categoryId}`, { name: "Online contact" }),
      204,
    );
    const label = "Online worries (now called Online contact)";

    const list = await ok<{ items: { id: string; categories: string[] }[] }>(
      await send("ta", "GET", "/api/v1/incidents?mine=true"),
      200,
    );
    expect(list.items.find((i) => i.id === filed.id)!.categories).toEqual([label]);

    const screen = await ok<{ items: { id: string; categories: string[] }[] }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}/chronology`),
      200,
    );
    expect(screen.items.find((e) => e.id === filed.id)!.categories).toEqual([label]);

    const csv = await send(
      "dsl",
      "GET",
      `/api/v1/pupils/${pupilId}/chronology.csv?purpose=internal`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(label);

    const pdf = await send(
      "dsl",
      "GET",
      `/api/v1/pupils/${pupilId}/chronology.pdf?purpose=internal`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload).replace(/\s+/g, " ")).toContain(label);
  });
});

describe("leavers", () => {
  it("confirms an import's proposed leavers: left on a date, out of the picker, records still readable", async () => {
    // A full import of one pupil proposes every other pupil of the school as a leaver.
    const [keep] = await db.owner((tx) =>
      queryRows<{
        upn: string;
        legal_last_name: string;
        legal_first_name: string;
        date_of_birth: string;
        sex: string;
      }>(
        tx,
        sql`select upn, legal_last_name, legal_first_name, date_of_birth::text, sex from pupils
            where school_id = ${schoolId} and upn is not null order by upn limit 1`,
      ),
    );
    const csv = `UPN,Surname,Forename,DOB,Sex\n${keep!.upn},${keep!.legal_last_name},${keep!.legal_first_name},${keep!.date_of_birth},${keep!.sex}\n`;
    const form = await multipart({
      file: { text: csv, name: "pupils.csv", type: "text/csv" },
      full: "true",
      dryRun: "true",
    });
    const dry = await ok<{ leavers: { pupilId: string; name: string }[] }>(
      await app.inject({
        method: "POST",
        url: "/api/v1/imports/pupils",
        headers: {
          cookie: as.office!.cookie,
          "x-csrf-token": as.office!.csrfToken,
          ...form.headers,
        },
        payload: form.payload,
      }),
      200,
    );
    const leaver = dry.leavers.find((l) => l.pupilId === pupilId);
    expect(leaver).toBeDefined();
    const two = [pupilId, dry.leavers.find((l) => l.pupilId !== pupilId)!.pupilId];

    // A date in the future, and a pupil of no school, are refused; nothing changes.
    const future = await send("office", "POST", "/api/v1/pupils/leaving", {
      pupilIds: two,
      leftOn: "2999-01-01",
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].path).toBe("leftOn");
    const stranger = await send("office", "POST", "/api/v1/pupils/leaving", {
      pupilIds: [...two, randomUUID()],
      leftOn: "2026-07-22",
    });
    expect(stranger.statusCode).toBe(422);
    // A teacher cannot mark anyone as left.
    expect(
      (
        await send("teacher", "POST", "/api/v1/pupils/leaving", {
          pupilIds: two,
          leftOn: "2026-07-22",
        })
      ).statusCode,
    ).toBe(403);
    const stillOn = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from pupils where id in (${two[0]}, ${two[1]}) and on_roll`,
      ),
    );
    expect(stillOn[0]!.n).toBe(2);

    // The administrator confirms them.
    const marked = await ok<{ marked: number }>(
      await send("office", "POST", "/api/v1/pupils/leaving", {
        pupilIds: two,
        leftOn: "2026-07-22",
      }),
      200,
    );
    expect(marked.marked).toBe(2);

    // Out of the picker for new incidents.
    const picker = await ok<{ items: { id: string }[] }>(
      await send(
        "ta",
        "GET",
        `/api/v1/pupils?q=${encodeURIComponent(leaver!.name.split(" ")[0]!)}&limit=100`,
      ),
      200,
    );
    expect(picker.items.map((p) => p.id)).not.toContain(pupilId);

    // The DSL still reads the pupil (and sees when they left) and their records.
    const profile = await ok<{
      leftOn: string | null;
      onRoll: boolean;
      abilities: { markLeft: boolean };
    }>(await send("dsl", "GET", `/api/v1/pupils/${pupilId}`), 200);
    expect(profile).toMatchObject({
      leftOn: "2026-07-22",
      onRoll: false,
      abilities: { markLeft: true },
    });
    const chronology = await ok<{ items: unknown[] }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}/chronology`),
      200,
    );
    expect(chronology.items.length).toBeGreaterThan(0);

    // Who did it and when: audited, and kept in the leaving history.
    const audits = await auditFor("pupil.left", "pupilId", pupilId);
    expect(audits.map((a) => a.payload)).toEqual([{ pupilId, leftOn: "2026-07-22", from: null }]);
    const history = await db.owner((tx) =>
      queryRows<{ left_on: string; email: string }>(
        tx,
        sql`select l.left_on::text, a.email from pupil_leavings l join accounts a on a.id = l.by_id
            where l.pupil_id = ${pupilId}`,
      ),
    );
    expect(history).toEqual([{ left_on: "2026-07-22", email: "office@demo.tessera.school" }]);

    // A mistake is undone: back on roll, in the picker again; both changes stay in history.
    await ok(await send("dsl", "DELETE", `/api/v1/pupils/${pupilId}/leaving`), 204);
    const back = await ok<{ leftOn: string | null; onRoll: boolean }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}`),
      200,
    );
    expect(back).toMatchObject({ leftOn: null, onRoll: true });
    const again = await ok<{ items: { id: string }[] }>(
      await send(
        "ta",
        "GET",
        `/api/v1/pupils?q=${encodeURIComponent(leaver!.name.split(" ")[0]!)}&limit=100`,
      ),
      200,
    );
    expect(again.items.map((p) => p.id)).toContain(pupilId);
    expect((await auditFor("pupil.rejoined", "pupilId", pupilId)).length).toBe(1);
    expect((await send("dsl", "DELETE", `/api/v1/pupils/${pupilId}/leaving`)).statusCode).toBe(409);

    // One pupil at a time from the pupil page.
    await ok(
      await send("dsl", "POST", `/api/v1/pupils/${pupilId}/leaving`, { leftOn: "2026-10-31" }),
      200,
    );
    const one = await ok<{ leftOn: string | null }>(
      await send("dsl", "GET", `/api/v1/pupils/${pupilId}`),
      200,
    );
    expect(one.leftOn).toBe("2026-10-31");
    await ok(await send("dsl", "DELETE", `/api/v1/pupils/${pupilId}/leaving`), 204);
  });
});

describe("the chronology's queries", () => {
  it("do not grow with the number of renamed entries: the names come in the same query", async () => {
    // The same database, counting the statements each request starts.
    let statements = 0;
    const counting = (tx: Tx) =>
      new Proxy(tx, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (
            typeof value === "function" &&
            ["execute", "select", "insert", "update", "delete"].includes(String(key))
          ) {
            return (...args: unknown[]) => {
              statements++;
              return value.apply(target, args);
            };
          }
          return value;
        },
      });
    const countingDb: Database = {
      driver: db.driver,
      tx: (context, work) => db.tx(context, (tx) => work(counting(tx))),
      global: (work, accountId) => db.global(work, accountId),
      owner: (work) => db.owner(work),
      snapshot: (work) => db.snapshot(work),
      migrate: () => db.migrate(),
      close: async () => {},
    };
    const counted = await buildApp({ db: countingDb, webRoot: "/nonexistent" });
    const [pupil] = await db.owner((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select p.id from pupils p join classes c on c.school_id = p.school_id and c.id = p.class_id
            where c.name = 'Year 3 Oak' and p.on_roll order by p.legal_first_name limit 1`,
      ),
    );
    const read = async () => {
      statements = 0;
      const res = await counted.inject({
        method: "GET",
        url: `/api/v1/pupils/${pupil!.id}/chronology`,
        headers: { cookie: as.dsl!.cookie },
      });
      expect(res.statusCode).toBe(200);
      return { statements, entries: res.json().items.length as number };
    };
    const before = await read();
    // The count sees the chronology's own statements.
    expect(before.statements).toBeGreaterThan(2);

    const categoryId = (
      await ok(
        await send("dsl", "POST", "/api/v1/categories", { name: "Gaming", area: "general" }),
        201,
      )
    ).id;
    for (let i = 0; i < 3; i++) {
      await ok(
        await send("ta", "POST", "/api/v1/incidents", {
          pupilId: pupil!.id,
          account: `He talked about a game he plays with people he does not know (${i}).`,
          location: "Classroom",
          categoryIds: [categoryId],
          linkedPupilIds: [],
          occurredAt: new Date(Date.now() - (i + 1) * 60 * 1000).toISOString(),
          alertUserIds: [],
          alertGroupIds: [],
          agencyIds: [],
          status: "open",
        }),
        201,
      );
    }
    await ok(
      await send("dsl", "PATCH", `/api/v1/categories/${categoryId}`, { name: "Online gaming" }),
      204,
    );
    const after = await read();
    expect(after.entries).toBe(before.entries + 3);
    expect(after.statements).toBe(before.statements);
    await counted.close();
  });
});
