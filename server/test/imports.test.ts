// Pupils from the MIS: a large CSV imports quickly and a second import changes nothing;
// one bad row stops the whole import and is named by its line; a Common Transfer File
// with untidy whitespace imports; leavers are proposed, never removed.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn } from "./fixtures.ts";
import { multipart, signInReady, signInWithCode, upnFor } from "./import-helpers.ts";

const HEADER = "UPN,Legal Surname,Legal Forename,Preferred Name,DOB,Gender,Year,Reg Group";

function bigCsv(count: number, rename?: number): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const year = (i % 7) + 1;
    const surname = i === rename ? "Renamed" : `Surname${i}`;
    lines.push(
      `${upnFor(i)},${surname},Forename${i},,0${(i % 9) + 1}/0${(i % 9) + 1}/${2019 - year},${i % 2 ? "M" : "F"},${year},${year}${"ABC"[i % 3]}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

describe.each(DRIVERS)("pupil import on %s", (driver) => {
  let db: Database;
  let app: FastifyInstance;
  let schoolId: string;
  let office: Client;
  let dsl: Client;

  beforeAll(async () => {
    db = await freshDatabase(driver);
    app = await buildApp({ db, webRoot: "/nonexistent" });
    schoolId = await createSchool(db, "Import School");
    await createPerson(db, {
      schoolId,
      email: `office.${driver}@example.org`,
      roles: ["administrator"],
      totp: true,
    });
    await createPerson(db, {
      schoolId,
      email: `dsl.${driver}@example.org`,
      roles: ["dsl"],
      totp: true,
    });
    await createPerson(db, {
      schoolId,
      email: `teacher.${driver}@example.org`,
      roles: ["class_teacher"],
    });
    office = await signInWithCode(app, `office.${driver}@example.org`);
    dsl = await signInWithCode(app, `dsl.${driver}@example.org`);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  async function importFile(
    client: Client,
    text: string,
    fields: Record<string, string> = {},
    name = "export.csv",
  ) {
    const body = await multipart({ file: { text, name, type: "text/csv" }, ...fields });
    return app.inject({
      method: "POST",
      url: "/api/v1/imports/pupils",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken, ...body.headers },
      payload: body.payload,
    });
  }
  const pupilCount = async () =>
    (
      await db.owner((tx) =>
        queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from pupils where school_id = ${schoolId}`,
        ),
      )
    )[0]!.n;

  it("imports 2,000 pupils from a CSV, and importing the same file again changes nothing", async () => {
    const csv = bigCsv(2000);
    const dry = await importFile(office, csv);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, applied: false, adds: 2000, updates: 0 });
    expect(await pupilCount()).toBe(0);

    const started = performance.now();
    const applied = await importFile(office, csv, { dryRun: "false" });
    const seconds = (performance.now() - started) / 1000;
    console.log(`[imports] ${driver}: 2,000-pupil CSV applied in ${seconds.toFixed(2)} s`);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, adds: 2000, updates: 0, errors: [] });
    expect(seconds).toBeLessThan(10);
    expect(await pupilCount()).toBe(2000);
    const [classCount] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from classes where school_id = ${schoolId}`,
      ),
    );
    expect(classCount!.n).toBe(21);

    const again = await importFile(dsl, csv, { dryRun: "false" });
    expect(again.json()).toMatchObject({ applied: true, adds: 0, updates: 0, leavers: [] });
    expect(await pupilCount()).toBe(2000);

    // The import is on the audit trail, with who did it and the counts.
    const events = await db.owner((tx) =>
      queryRows<{ payload: { adds: number } }>(
        tx,
        sql`select payload from audit_events where school_id = ${schoolId} and type = 'pupils.imported' order by at`,
      ),
    );
    expect(events.map((e) => e.payload.adds)).toEqual([2000, 0]);
  });

  it("updates a renamed pupil and proposes the missing as leavers without removing them", async () => {
    const csv = bigCsv(1990, 5);
    const res = await importFile(dsl, csv, { dryRun: "false" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.adds).toBe(0);
    expect(body.updates).toBe(1);
    expect(body.updated[0]).toMatchObject({ line: 7, upn: upnFor(5) });
    expect(body.leavers).toHaveLength(10);
    expect(body.leavers.map((l: { upn: string }) => l.upn)).toContain(upnFor(1995));
    expect(await pupilCount()).toBe(2000);
    const [renamed] = await db.owner((tx) =>
      queryRows<{ legal_last_name: string; on_roll: boolean }>(
        tx,
        sql`select legal_last_name, on_roll from pupils where upn = ${upnFor(5)}`,
      ),
    );
    expect(renamed).toEqual({ legal_last_name: "Renamed", on_roll: true });
  });

  it("reports a malformed row by its line and imports nothing", async () => {
    const csv = [
      "Surname,Forename,Date of birth,Sex,UPN,Class",
      `New,One,01/02/2018,F,${upnFor(3001)},Ash`,
      `New,"Two`,
      `Lines",31/02/2018,M,${upnFor(3002)},Ash`,
      `New,Three,2018-03-04,F,${upnFor(3003)},Ash`,
    ].join("\n");
    const res = await importFile(dsl, csv, { dryRun: "false", full: "false" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ applied: false, adds: 2 });
    // Line 3 starts the row whose quoted forename runs onto line 4.
    expect(res.json().errors).toEqual([
      { line: 3, message: expect.stringContaining("31/02/2018") },
    ]);
    expect(await pupilCount()).toBe(2000);
  });

  it("refuses a UPN whose check letter is wrong, and a UPN twice", async () => {
    const good = upnFor(3010);
    const bad = `${good[0] === "A" ? "B" : "A"}${good.slice(1)}`;
    const csv = [
      "UPN,Last name,First name,Date of birth,Gender",
      `${bad},Bad,Letter,2018-01-01,F`,
      `${good},Good,One,2018-01-01,F`,
      `${good},Good,Again,2018-01-01,F`,
    ].join("\n");
    const res = await importFile(dsl, csv, { full: "false" });
    expect(res.json().errors).toEqual([
      { line: 2, message: expect.stringContaining("check letter") },
      { line: 4, message: `The UPN ${good} is also on line 3.` },
    ]);
  });

  it("uses a mapping for headers it does not know", async () => {
    const csv = [
      "Pupil ID,Family,Given,Born,M/F",
      `${upnFor(3020)},Mapped,Pupil,2017-05-06,M`,
    ].join("\n");
    const unmapped = await importFile(dsl, csv);
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().detail).toContain("UPN");
    const mapping = JSON.stringify({
      upn: "Pupil ID",
      legalLastName: "Family",
      legalFirstName: 2,
      dateOfBirth: "Born",
      sex: "M/F",
    });
    const res = await importFile(dsl, csv, { mapping, full: "false" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ adds: 1, errors: [], leavers: [] });
  });

  it("imports a Common Transfer File with odd whitespace and namespaces, by content", async () => {
    const ctf = `<?xml version="1.0" encoding="UTF-8"?>
<ctf:CTfile xmlns:ctf="urn:example:ctf">
  <Header><Version>  24.0 </Version></Header>
  <CTFpupilData>
    <Pupil>
      <UPN>
         ${upnFor(4001)}
      </UPN>
      <Surname>  Okafor </Surname>
      <Forename>Chidi   </Forename>
      <PreferredForename> Chi </PreferredForename>
      <DOB> 2017-09-14 </DOB>
      <Sex>M</Sex>
      <BasicDetails><NCyearActual> 3 </NCyearActual></BasicDetails>
      <Contacts>
        <Contact>
          <Order>1</Order><Title>Mrs</Title><Forename> Ada </Forename><Surname>Okafor</Surname>
          <Relationship>PAR</Relationship><Responsibility>true</Responsibility>
          <Phones><Phone><PhoneNo> 07700 900123 </PhoneNo></Phone></Phones>
        </Contact>
      </Contacts>
    </Pupil>
    <Pupil>
      <UPN>${upnFor(4002)}</UPN><Surname>Smith</Surname><Forename>Ann</Forename>
      <DOB>2016-01-30</DOB><Gender>F</Gender><NCyearActual>R</NCyearActual>
    </Pupil>
  </CTFpupilData>
</ctf:CTfile>`;
    // Named .csv on purpose: the content says what it is.
    const res = await importFile(office, ctf, { dryRun: "false" }, "transfer.csv");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: "ctf", applied: true, adds: 2, leavers: [] });
    const [pupil] = await db.owner((tx) =>
      queryRows<Record<string, unknown>>(
        tx,
        sql`select p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.date_of_birth::text as dob,
                   p.sex, y.name as year, c.name as contact, c.relationship, c.phone, c.parental_responsibility
            from pupils p
            left join year_groups y on y.school_id = p.school_id and y.id = p.year_group_id
            left join contacts c on c.school_id = p.school_id and c.pupil_id = p.id
            where p.upn = ${upnFor(4001)}`,
      ),
    );
    expect(pupil).toEqual({
      legal_first_name: "Chidi",
      legal_last_name: "Okafor",
      preferred_first_name: "Chi",
      dob: "2017-09-14",
      sex: "M",
      year: "Year 3",
      contact: "Mrs Ada Okafor",
      relationship: "Parent",
      phone: "07700 900123",
      parental_responsibility: true,
    });
  });

  it("is for administrators and DSLs with a second factor only", async () => {
    const csv = `${HEADER}\n${upnFor(5000)},A,B,,01/01/2018,F,1,1A`;
    const teacher = await signInReady(app, `teacher.${driver}@example.org`);
    expect((await importFile(teacher, csv)).statusCode).toBe(403);
    const noCode = await signIn(app, `office.${driver}@example.org`);
    const res = await importFile(noCode, csv);
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain("second-factor-required");
  });
});

describe("adding a pupil by hand", () => {
  let db: Database;
  let app: FastifyInstance;
  let dsl: Client;
  beforeAll(async () => {
    db = await freshDatabase("postgres");
    app = await buildApp({ db, webRoot: "/nonexistent" });
    const schoolId = await createSchool(db, "Enrolment School");
    await createPerson(db, {
      schoolId,
      email: "dsl@enrol.example.org",
      roles: ["dsl"],
      totp: true,
    });
    dsl = await signInWithCode(app, "dsl@enrol.example.org");
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const add = (payload: object) =>
    app.inject({
      method: "POST",
      url: "/api/v1/pupils",
      headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
      payload,
    });

  it("adds a pupil with a year and class, refuses a bad date beside its field, and a UPN twice", async () => {
    const pupil = {
      upn: upnFor(7001),
      legalFirstName: "Maya",
      legalLastName: "Patel",
      dateOfBirth: "14/09/2019",
      sex: "Female",
      year: "R",
      className: "Robins",
    };
    const res = await add(pupil);
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await db.owner((tx) =>
      queryRows<Record<string, string>>(
        tx,
        sql`select p.date_of_birth::text as dob, y.name as year, c.name as class from pupils p
            join year_groups y on y.school_id = p.school_id and y.id = p.year_group_id
            join classes c on c.school_id = p.school_id and c.id = p.class_id where p.id = ${res.json().id}`,
      ),
    );
    expect(row).toEqual({ dob: "2019-09-14", year: "Reception", class: "Robins" });
    const bad = await add({ ...pupil, upn: upnFor(7002), dateOfBirth: "31/09/2019" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("dateOfBirth");
    expect((await add(pupil)).statusCode).toBe(409);
  });
});
