// The school's settings page (issue 9): each setting takes effect, not just stored — the
// idle lock reaches the page and the server, the second-factor roles drive enrolment (the
// DSL team's cannot be removed), body-map photos are refused until turned on, the sender
// name is in the From of a real email, and a new acceptable-use text is accepted again.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { AddressObject } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { pupils } from "../src/db/schema/index.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { installDefaultTaxonomy } from "../src/roster/install-taxonomy.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn, TOTP_SECRET } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let schoolId = "";
let pupilId = "";
let office: Client;
let officeNoCode: Client;
let dsl: Client;
let teacher: Client;

const URL = "/api/v1/settings/school";

function send(client: Client, method: "GET" | "POST" | "PATCH", url: string, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

const change = (payload: object, client = office) => send(client, "PATCH", URL, payload);

async function accept(client: Client) {
  const { version } = (await send(client, "GET", "/api/v1/agreement")).json();
  const res = await send(client, "POST", "/api/v1/agreement", { version });
  expect(res.statusCode).toBe(204);
}

async function withCode(client: Client) {
  const res = await send(client, "POST", "/api/v1/session/second-factor", {
    code: currentTotp(TOTP_SECRET),
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A multipart/form-data body, as a browser sends it. */
function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----tessera${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    ),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The smallest JPEG the content check accepts as one. */
function jpeg(): Buffer {
  const app0 = Buffer.from([
    0xff,
    0xe0,
    0x00,
    0x10,
    ...Buffer.from("JFIF\0"),
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
  ]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0x56]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sos, Buffer.from([0xff, 0xd9])]);
}

function uploadPhoto(client: Client, fields: Record<string, string>, data = jpeg()) {
  const body = multipart(
    {
      bodyMapPhoto: "true",
      documentDate: new Date().toISOString().slice(0, 10),
      description: "Bruise on the left forearm",
      ...fields,
    },
    { name: "mark.jpg", data },
  );
  return app.inject({
    method: "POST",
    url: `/api/v1/pupils/${pupilId}/documents`,
    headers: {
      cookie: client.cookie,
      "x-csrf-token": client.csrfToken,
      "content-type": body.contentType,
    },
    payload: body.payload,
  });
}

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  schoolId = await createSchool(db, "Settings Primary");
  await db.owner((tx) => installDefaultTaxonomy(tx, schoolId));
  pupilId = await db.owner(async (tx) => {
    const [p] = await tx
      .insert(pupils)
      .values({
        schoolId,
        legalFirstName: "Ada",
        legalLastName: "Marlow",
        dateOfBirth: "2017-04-01",
        sex: "F",
      })
      .returning();
    return p!.id;
  });
  await createPerson(db, {
    schoolId,
    email: "office@settings.example.org",
    roles: ["administrator"],
    totp: true,
  });
  await createPerson(db, {
    schoolId,
    email: "dsl@settings.example.org",
    roles: ["staff", "dsl"],
    totp: true,
  });
  await createPerson(db, {
    schoolId,
    email: "teacher@settings.example.org",
    roles: ["staff", "class_teacher"],
  });
  await createPerson(db, {
    schoolId,
    email: "pastoral@settings.example.org",
    roles: ["staff", "pastoral"],
  });
  office = await signIn(app, "office@settings.example.org");
  await withCode(office);
  await accept(office);
  officeNoCode = await signIn(app, "office@settings.example.org");
  await accept(officeNoCode);
  dsl = await signIn(app, "dsl@settings.example.org");
  await withCode(dsl);
  await accept(dsl);
  teacher = await signIn(app, "teacher@settings.example.org");
  await accept(teacher);
});

afterAll(async () => {
  await app.close();
  await db.close();
  await smtp.close();
});

describe("who may see and change the school's settings", () => {
  it("a teacher is refused both, and the answer carries no settings", async () => {
    const read = await send(teacher, "GET", URL);
    expect(read.statusCode).toBe(403);
    expect(read.body).not.toContain("agreement");
    const write = await change({ idleLockMinutes: 30 }, teacher);
    expect(write.statusCode).toBe(403);
    expect((await send(office, "GET", URL)).json().idleLockMinutes).toBe(10);
  });

  it("an administrator without a second factor can read but not change them", async () => {
    const read = await send(officeNoCode, "GET", URL);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      idleLockMinutes: 10,
      bodyMapPhotos: false,
      retentionYears: 25,
      emailSender: { displayName: null, replyTo: null },
      alwaysSecondFactorRoles: ["dsl", "deputy_dsl"],
      agreement: { version: "2026-09", changedAt: null },
    });
    const write = await change({ idleLockMinutes: 30 }, officeNoCode);
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toContain("second factor");
    expect((await send(office, "GET", URL)).json().idleLockMinutes).toBe(10);
  });
});

describe("each setting takes effect", () => {
  it("the idle time reaches everyone's page at their next load, and the server locks a page opened after it", async () => {
    const res = await change({ idleLockMinutes: 20 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().idleLockMinutes).toBe(20);
    const session = await send(teacher, "GET", "/api/v1/session");
    expect(session.json().school.idleLockMinutes).toBe(20);

    // The teacher's tab was closed 15 minutes ago: under 20 minutes, still open.
    const idleFor = async (minutes: number) =>
      db.owner((tx) =>
        tx.execute(sql`update sessions set last_seen_at = now() - make_interval(mins => ${minutes})
                       where account_id = (select id from accounts where email = 'teacher@settings.example.org')`),
      );
    await idleFor(15);
    const soon = await send(teacher, "GET", "/api/v1/session");
    expect(soon.json().locked).toBe(false);
    // 25 minutes: the page opens on the lock screen, and nothing else answers until unlocked.
    await idleFor(25);
    const late = await send(teacher, "GET", "/api/v1/session");
    expect(late.json().locked).toBe(true);
    const refused = await send(teacher, "GET", "/api/v1/agreement");
    expect(refused.statusCode).toBe(423);
    const unlocked = await send(teacher, "POST", "/api/v1/session/unlock", {
      password: "correct horse battery staple",
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
  });

  it("the second-factor roles decide who must enrol at sign-in", async () => {
    // Pastoral staff are on the default list: asked to set up a second factor.
    expect((await signIn(app, "pastoral@settings.example.org")).body.secondFactor).toBe("required");
    expect((await signIn(app, "teacher@settings.example.org")).body.secondFactor).toBe("none");
    const current: string[] = (await send(office, "GET", URL)).json().secondFactorRoles;
    const res = await change({
      secondFactorRoles: [...current.filter((r) => r !== "pastoral"), "class_teacher"],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().secondFactorRoles).toContain("class_teacher");
    expect(res.json().secondFactorRoles).not.toContain("pastoral");
    expect((await signIn(app, "pastoral@settings.example.org")).body.secondFactor).toBe("none");
    expect((await signIn(app, "teacher@settings.example.org")).body.secondFactor).toBe("required");
    // Put back, so the teacher signs in as before for the other tests.
    await change({ secondFactorRoles: current });
  });

  it("the DSL team cannot be taken off the second-factor list", async () => {
    const before: string[] = (await send(office, "GET", URL)).json().secondFactorRoles;
    const res = await change({
      secondFactorRoles: before.filter((r) => r !== "deputy_dsl"),
      idleLockMinutes: 5,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        path: "secondFactorRoles",
        message: "Deputy designated safeguarding lead must always use a second factor.",
      },
    ]);
    const after = (await send(office, "GET", URL)).json();
    expect(after.secondFactorRoles).toEqual(before);
    // Nothing of the refused change was kept.
    expect(after.idleLockMinutes).toBe(20);
  });

  it("a body-map photo is refused while photos are off, and filed with the incident once on", async () => {
    const [concern] = await db.owner((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from categories where school_id = ${schoolId} and name = 'Safeguarding concern'`,
      ),
    );
    const incident = await send(dsl, "POST", "/api/v1/incidents", {
      pupilId,
      account: "Ada showed me a bruise on her arm.",
      categoryIds: [concern!.id],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      bodyMap: {
        marks: [{ view: "front", region: "Left forearm", type: "Bruise", size: "about 2 cm" }],
      },
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const incidentId = incident.json().id as string;

    const off = await uploadPhoto(dsl, { incidentId });
    expect(off.statusCode).toBe(403);
    expect(off.json().type).toMatch(/body-map-photos-off$/);
    expect(off.json().detail).toContain("turned off");
    const [none] = await db.owner((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from documents`),
    );
    expect(none!.n).toBe(0);

    expect((await change({ bodyMapPhotos: true })).json().bodyMapPhotos).toBe(true);
    expect((await send(dsl, "GET", "/api/v1/session")).json().school.bodyMapPhotos).toBe(true);
    const on = await uploadPhoto(dsl, { incidentId });
    expect(on.statusCode, on.body).toBe(201);
    const meta = await send(dsl, "GET", `/api/v1/documents/${on.json().id}`);
    expect(meta.json()).toMatchObject({
      documentType: "Body map photo",
      incidentId,
      contentType: "image/jpeg",
    });
    // Only a photograph, and only of an incident's body map.
    const pdf = await uploadPhoto(dsl, { incidentId }, Buffer.from("plain words, not a photo"));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().errors).toEqual([
      { path: "file", message: "Choose a photo (JPEG, PNG or HEIC)." },
    ]);
    const loose = await uploadPhoto(dsl, {});
    expect(loose.statusCode).toBe(400);
    expect(loose.json().errors[0].path).toBe("incidentId");

    await change({ bodyMapPhotos: false });
    expect((await uploadPhoto(dsl, { incidentId })).statusCode).toBe(403);
  });

  it("the retention default is stored and shown", async () => {
    const res = await change({ retentionYears: 30 });
    expect(res.json().retentionYears).toBe(30);
    expect((await send(dsl, "GET", URL)).json().retentionYears).toBe(30);
  });

  it("the school's sender name and Reply-To are on its emails; the address stays the instance's", async () => {
    const res = await change({
      emailSender: {
        displayName: "Settings Primary Safeguarding",
        replyTo: "office@settings.example.org",
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const invited = await send(dsl, "POST", "/api/v1/staff/invitations", {
      email: "new.starter@settings.example.org",
      name: "New Starter",
      roles: ["staff"],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const before = smtp.messages.length;
    await runOutbox(
      db,
      jobHandlers(
        db,
        createMailer(
          { smtpUrl: smtp.url, from: "Tessera <tessera@instance.example.net>" },
          () => {},
        ),
        "https://tessera.example.org",
      ),
    );
    const mail = smtp.messages.slice(before).find((m) => m.subject?.includes("invited"));
    expect(mail?.headers.get("from")).toMatchObject({
      value: [{ name: "Settings Primary Safeguarding", address: "tessera@instance.example.net" }],
    });
    expect((mail?.replyTo as AddressObject | undefined)?.value).toEqual([
      { name: "", address: "office@settings.example.org" },
    ]);

    // Emptying both goes back to the instance's own name and no Reply-To.
    const cleared = await change({ emailSender: { displayName: "", replyTo: "" } });
    expect(cleared.json().emailSender).toEqual({ displayName: null, replyTo: null });
  });

  it("a new acceptable-use text is a new version that everyone accepts again", async () => {
    const res = await change({ agreementText: "Be kind.\n\nRecord concerns the same day." });
    expect(res.statusCode, res.body).toBe(200);
    const { version, changedAt, text } = res.json().agreement;
    expect(version).not.toBe("2026-09");
    expect(text).toBe("Be kind.\n\nRecord concerns the same day.");
    expect(Date.now() - Date.parse(changedAt)).toBeLessThan(60_000);

    // The teacher's next page load asks for the new text before anything else.
    const session = await send(teacher, "GET", "/api/v1/session");
    expect(session.json().agreementRequired).toBe(true);
    const agreement = await send(teacher, "GET", "/api/v1/agreement");
    expect(agreement.json()).toMatchObject({ version, accepted: false, text });
    expect((await send(teacher, "GET", "/api/v1/pupils?q=Ad")).statusCode).toBe(403);
    expect(
      (await send(teacher, "POST", "/api/v1/agreement", { version: "2026-09" })).statusCode,
    ).toBe(409);
    await accept(teacher);
    expect((await send(teacher, "GET", "/api/v1/session")).json().agreementRequired).toBe(false);
    // The administrator who changed it accepts it too, like everyone else.
    expect((await change({ retentionYears: 30 })).json().type).toMatch(/agreement-required$/);
    await accept(office);

    // Saving the same text again changes nothing.
    const same = await change({ agreementText: "Be kind.\n\nRecord concerns the same day." });
    expect(same.json().agreement.version).toBe(version);
  });
});

describe("changes are checked and audited", () => {
  it("bad values are refused naming the field, and nothing is saved", async () => {
    const before = (await send(office, "GET", URL)).json();
    const cases: [object, string][] = [
      [{ idleLockMinutes: 0 }, "idleLockMinutes"],
      [{ idleLockMinutes: 61 }, "idleLockMinutes"],
      [{ idleLockMinutes: 2.5 }, "idleLockMinutes"],
      [{ retentionYears: 17 }, "retentionYears"],
      [{ retentionYears: 101 }, "retentionYears"],
      [
        { emailSender: { displayName: "Office", replyTo: "not an address" } },
        "emailSender.replyTo",
      ],
      [{ emailSender: { displayName: "Evil <x@y.z>", replyTo: "" } }, "emailSender.displayName"],
      [{ agreementText: "   " }, "agreementText"],
      [{ secondFactorRoles: ["dsl", "deputy_dsl", "janitor"] }, "secondFactorRoles.2"],
    ];
    for (const [payload, path] of cases) {
      const res = await change(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(
        res.json().errors.map((e: { path: string }) => e.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
    expect((await send(office, "GET", URL)).json()).toEqual(before);
  });

  it("every change is audited with its old and new values", async () => {
    await change({ idleLockMinutes: 12, retentionYears: 40 });
    const [event] = await db.owner((tx) =>
      queryRows<{ type: string; account_id: string; payload: { changes: unknown[] } }>(
        tx,
        sql`select type, account_id, payload from audit_events
            where type = 'settings.school-changed' order by at desc limit 1`,
      ),
    );
    expect(event?.payload.changes).toEqual([
      { field: "idleLockMinutes", from: 20, to: 12 },
      { field: "retentionYears", from: 30, to: 40 },
    ]);

    // Sending what is there already (the roles in another order) is no change to record.
    const count = async () =>
      (
        await db.owner((tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from audit_events where type = 'settings.school-changed'`,
          ),
        )
      )[0]!.n;
    const before = await count();
    const current = (await send(office, "GET", URL)).json();
    const same = await change({
      idleLockMinutes: current.idleLockMinutes,
      secondFactorRoles: [...current.secondFactorRoles].reverse(),
      emailSender: { displayName: "", replyTo: "" },
      agreementText: current.agreement.text,
    });
    expect(same.statusCode).toBe(200);
    expect(await count()).toBe(before);
  });
});
