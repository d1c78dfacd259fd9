// The document vault: files are checked by what they are, not what they are called;
// stored encrypted under names that link nothing; read only by those the area allows,
// with every download and refusal in the access log; tampering is caught; a backup
// restores them byte for byte; photos lose their location.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import CFB from "cfb";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { strToU8, zipSync } from "fflate";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { restoreBackup, writeBackup } from "../src/db/backup.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { pupils } from "../src/db/schema/index.ts";
import { installDefaultTaxonomy } from "../src/roster/install-taxonomy.ts";
import { loadMasterKey } from "../src/vault/master-key.ts";
import { LocalDiskStorage } from "../src/vault/storage.ts";
import { stripJpegMetadata, stripPngMetadata } from "../src/vault/strip-exif.ts";
import { createVault, type Vault } from "../src/vault/vault.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn, TOTP_SECRET } from "./fixtures.ts";

const MARKER = "MARKER-7f3c-Tessera-plaintext-must-not-be-stored";

export function pdfWith(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

/** A multipart/form-data body, as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----tessera${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function docx(extra: Record<string, Uint8Array> = {}, mainType = "wordprocessingml.document") {
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.${mainType}.main+xml"/></Types>`,
      ),
      "_rels/.rels": strToU8("<Relationships/>"),
      "word/document.xml": strToU8(`<w:document><w:body>${MARKER}</w:body></w:document>`),
      ...extra,
    }),
  );
}

function oleWith(paths: string[]): Buffer {
  const container = CFB.utils.cfb_new();
  for (const p of paths) CFB.utils.cfb_add(container, p, Buffer.from("content of the stream"));
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}

const GPS = "GPSLatitude=51.5072N;GPSLongitude=0.1276W";

/** A small JPEG with an EXIF block naming where it was taken. */
function jpegWithGps(): Buffer {
  const exif = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), Buffer.from(GPS)]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(exif.length + 2, 2);
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
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    app0,
    app1,
    exif,
    sos,
    Buffer.from([0xff, 0xd9]),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
}

function pngWithGps(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("eXIf", Buffer.from(`MM\0*${GPS}`, "latin1")),
    pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1])),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

describe.each(DRIVERS)("the document vault on %s", (driver) => {
  let db: Database;
  let app: FastifyInstance;
  let vault: Vault;
  let filesDir: string;
  const masterKey = randomBytes(32);
  const as: Record<string, Client> = {};
  let schoolId = "";
  let otherSchoolId = "";
  let pupilId = "";
  let otherSchoolPupil = "";

  async function person(email: string, school: string, roles: string[]) {
    await createPerson(db, { schoolId: school, email, roles: roles as never, totp: true });
    const client = await signIn(app, email);
    await app.inject({
      method: "POST",
      url: "/api/v1/agreement",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { version: "2026-09" },
    });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { code: currentTotp(TOTP_SECRET) },
    });
    expect(res.statusCode).toBe(200);
    return client;
  }

  beforeAll(async () => {
    db = await freshDatabase(driver);
    filesDir = join(await mkdtemp(join(tmpdir(), "tessera-vault-")), "files");
    vault = createVault({ storage: new LocalDiskStorage(filesDir), masterKey });
    app = await buildApp({ db, webRoot: "/nonexistent", vault });
    schoolId = await createSchool(db, "Vault School");
    otherSchoolId = await createSchool(db, "Other School");
    await db.owner((tx) => installDefaultTaxonomy(tx, schoolId));
    [pupilId, otherSchoolPupil] = await db.owner(async (tx) => {
      const [a] = await tx
        .insert(pupils)
        .values({
          schoolId,
          legalFirstName: "Amara",
          legalLastName: "Okafor",
          dateOfBirth: "2017-03-01",
          sex: "F",
        })
        .returning();
      const [b] = await tx
        .insert(pupils)
        .values({
          schoolId: otherSchoolId,
          legalFirstName: "Ben",
          legalLastName: "Hale",
          dateOfBirth: "2017-05-01",
          sex: "M",
        })
        .returning();
      return [a!.id, b!.id];
    });
    as.dsl = await person("dsl@vault.example", schoolId, ["staff", "dsl"]);
    as.sendco = await person("sendco@vault.example", schoolId, ["staff", "sendco"]);
    as.pastoral = await person("pastoral@vault.example", schoolId, ["staff", "pastoral"]);
    as.otherDsl = await person("dsl@other.example", otherSchoolId, ["staff", "dsl"]);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  function upload(
    who: string,
    file: { name: string; data: Buffer } | undefined,
    fields: Record<string, string> = {},
    pupil = pupilId,
  ) {
    const body = multipart(
      {
        documentType: "EHCP",
        documentDate: "2026-09-14",
        description: "EHCP from the local authority",
        ...fields,
      },
      file,
    );
    const c = as[who]!;
    return app.inject({
      method: "POST",
      url: `/api/v1/pupils/${pupil}/documents`,
      headers: { cookie: c.cookie, "x-csrf-token": c.csrfToken, "content-type": body.contentType },
      payload: body.payload,
    });
  }

  function get(who: string, url: string) {
    return app.inject({ method: "GET", url, headers: { cookie: as[who]!.cookie } });
  }

  it("takes an EHCP PDF from the SENDCo and gives the same bytes back, as an attachment", async () => {
    const pdf = await pdfWith(`Education, health and care plan ${MARKER}`);
    const res = await upload("sendco", { name: "ehcp.pdf", data: pdf });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const meta = await get("sendco", `/api/v1/documents/${id}`);
    expect(meta.json()).toMatchObject({
      documentType: "EHCP",
      area: "send",
      fileName: "ehcp.pdf",
      contentType: "application/pdf",
      previewable: true,
    });
    const content = await get("sendco", `/api/v1/documents/${id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(pdf)).toBe(true);
    expect(content.headers["content-type"]).toBe("application/pdf");
    expect(content.headers["content-disposition"]).toMatch(/^attachment; filename="ehcp.pdf"/);
    expect(content.headers["x-content-type-options"]).toBe("nosniff");
    const preview = await get("sendco", `/api/v1/documents/${id}/content?inline=1`);
    expect(preview.headers["content-disposition"]).toMatch(/^inline;/);
    expect(preview.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(preview.headers["x-frame-options"]).toBe("SAMEORIGIN");
    const list = await get("sendco", `/api/v1/pupils/${pupilId}/documents`);
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(id);
    expect(list.json().uploadAreas).toEqual(["general", "medical", "send"]);
  });

  it("puts each upload in the pupil's chronology, for those the area allows", async () => {
    const { id } = (
      await upload(
        "sendco",
        { name: "review.txt", data: Buffer.from("Annual review notes") },
        {
          documentType: "Annual review",
          description: "Annual review of the EHCP, autumn term",
        },
      )
    ).json();
    const entryIn = async (who: string, query = "") =>
      (
        (await get(who, `/api/v1/pupils/${pupilId}/chronology${query}`)).json().items as {
          id: string;
          type: string;
          categories: string[];
          account: string;
          author: { name: string };
          enteredInError: boolean;
        }[]
      ).find((e) => e.id === id);
    expect(await entryIn("sendco")).toMatchObject({
      type: "document",
      categories: ["Annual review"],
      account: "Annual review of the EHCP, autumn term",
      author: { name: "sendco" },
    });
    expect(await entryIn("dsl")).toBeDefined();
    // Pastoral staff read only the general area: not a SEND document.
    expect(await entryIn("pastoral")).toBeUndefined();
    expect(await entryIn("sendco", "?type=document")).toBeDefined();
    expect(await entryIn("sendco", "?type=incident")).toBeUndefined();
    // Uploaded in error: out of the chronology, except for the DSL team asking for it.
    await app.inject({
      method: "POST",
      url: `/api/v1/documents/${id}/uploaded-in-error`,
      headers: { cookie: as.dsl!.cookie, "x-csrf-token": as.dsl!.csrfToken },
      payload: { reason: "Wrong child" },
    });
    expect(await entryIn("sendco")).toBeUndefined();
    expect(await entryIn("dsl")).toBeUndefined();
    expect(await entryIn("sendco", "?includeEnteredInError=true")).toBeUndefined();
    expect(await entryIn("dsl", "?includeEnteredInError=true")).toMatchObject({
      enteredInError: true,
    });
  });

  it("attaches a document to an incident or action about the pupil that the uploader may read", async () => {
    // A safeguarding concern: the DSL team reads it; pastoral staff (general only) do not.
    const [concern] = await db.owner((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from categories where school_id = ${schoolId} and name = 'Safeguarding concern'`,
      ),
    );
    const incident = await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      headers: { cookie: as.dsl!.cookie, "x-csrf-token": as.dsl!.csrfToken },
      payload: {
        pupilId,
        account: "Came in upset.",
        categoryIds: [concern!.id],
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(incident.statusCode).toBe(201);
    const incidentId = incident.json().id as string;
    const data = { name: "minutes.txt", data: Buffer.from("Minutes of the meeting") };
    const attached = await upload("dsl", data, { documentType: "Meeting minutes", incidentId });
    expect(attached.statusCode).toBe(201);
    const meta = await get("dsl", `/api/v1/documents/${attached.json().id}`);
    expect(meta.json()).toMatchObject({ incidentId, actionId: null });
    // Not an incident of this school, or one the uploader may not read: refused, naming it.
    for (const [who, id] of [
      ["dsl", "00000000-0000-4000-8000-000000000000"],
      ["pastoral", incidentId],
    ] as const) {
      const res = await upload(who, data, {
        documentType: "Other",
        area: "general",
        incidentId: id,
      });
      expect(res.statusCode, who).toBe(400);
      expect(res.json().errors).toEqual([
        { path: "incidentId", message: "Choose an incident about this pupil." },
      ]);
    }
    const action = await app.inject({
      method: "POST",
      url: `/api/v1/incidents/${incidentId}/actions`,
      headers: { cookie: as.dsl!.cookie, "x-csrf-token": as.dsl!.csrfToken },
      payload: { account: "Spoke to mum.", occurredAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(action.statusCode).toBe(201);
    const onAction = await upload("dsl", data, {
      documentType: "Meeting minutes",
      actionId: action.json().id,
    });
    expect(onAction.statusCode).toBe(201);
    expect((await get("dsl", `/api/v1/documents/${onAction.json().id}`)).json()).toMatchObject({
      incidentId,
      actionId: action.json().id,
    });
  });

  it("refuses an executable renamed .pdf with 415, saying why", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(510, 0x90)]);
    exe.write("PE\0\0", 128, "latin1");
    exe.writeUInt32LE(128, 0x3c);
    const res = await upload("sendco", { name: "ehcp.pdf", data: exe });
    expect(res.statusCode).toBe(415);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toMatch(/not its name/);
  });

  it("refuses macro-enabled documents, modern and old, and takes the same without macros", async () => {
    const docm = docx({ "word/vbaProject.bin": strToU8("macro") }, "wordprocessingml.document");
    expect((await upload("sendco", { name: "plan.docx", data: docm })).statusCode).toBe(415);
    const oldWithMacros = oleWith(["/WordDocument", "/Macros/VBA/dir"]);
    const refused = await upload("sendco", { name: "plan.doc", data: oldWithMacros });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().detail).toMatch(/macros/);
    expect((await upload("sendco", { name: "plan.docx", data: docx() })).statusCode).toBe(201);
    const doc = await upload("sendco", { name: "plan.doc", data: oleWith(["/WordDocument"]) });
    expect(doc.statusCode).toBe(201);
    const meta = await get("sendco", `/api/v1/documents/${doc.json().id}`);
    expect(meta.json().contentType).toBe("application/msword");
    // An OLE file that is none of Word, Excel or Outlook.
    expect((await upload("sendco", { name: "x.doc", data: oleWith(["/Other"]) })).statusCode).toBe(
      415,
    );
  });

  it("takes plain text and email by content, and refuses text that is not UTF-8", async () => {
    const text = await upload("sendco", {
      name: "notes.bin",
      data: Buffer.from(`Notes ${MARKER}\n`),
    });
    expect(text.statusCode).toBe(201);
    const eml = await upload("sendco", {
      name: "mail.txt",
      data: Buffer.from("From: a@example.org\r\nSubject: Review\r\n\r\nSee you Tuesday.\r\n"),
    });
    expect(eml.statusCode).toBe(201);
    expect((await get("sendco", `/api/v1/documents/${eml.json().id}`)).json().contentType).toBe(
      "message/rfc822",
    );
    const latin1 = await upload("sendco", {
      name: "a.txt",
      data: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
    expect(latin1.statusCode).toBe(415);
  });

  it("refuses a file over the limit with 413, and names the fields that are wrong", async () => {
    const small = createVault({ storage: vault.storage, masterKey, maxUploadBytes: 1024 * 1024 });
    const limited = await buildApp({ db, webRoot: "/nonexistent", vault: small });
    try {
      const body = multipart(
        { documentType: "EHCP", documentDate: "2026-09-14", description: "Too big" },
        { name: "big.txt", data: Buffer.alloc(1024 * 1024 + 10, 0x61) },
      );
      const res = await limited.inject({
        method: "POST",
        url: `/api/v1/pupils/${pupilId}/documents`,
        headers: {
          cookie: as.sendco!.cookie,
          "x-csrf-token": as.sendco!.csrfToken,
          "content-type": body.contentType,
        },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().detail).toMatch(/1 MB/);
    } finally {
      await limited.close();
    }
    const bad = await upload("sendco", undefined, {
      documentType: "Shopping list",
      documentDate: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["documentDate", "file"]);
    const unknownType = await upload(
      "sendco",
      { name: "a.txt", data: Buffer.from("hello") },
      {
        documentType: "Shopping list",
      },
    );
    expect(unknownType.json().errors).toEqual([
      { path: "documentType", message: "Choose a document type from the list." },
    ]);
  });

  it("lets only those with the area upload there: not the SENDCo into child protection", async () => {
    const cp = await upload(
      "sendco",
      { name: "cp.txt", data: Buffer.from("plan") },
      {
        documentType: "CP plan",
      },
    );
    expect(cp.statusCode).toBe(403);
    const byDsl = await upload(
      "dsl",
      { name: "cp.txt", data: Buffer.from("plan") },
      {
        documentType: "CP plan",
      },
    );
    expect(byDsl.statusCode).toBe(201);
    expect((await get("dsl", `/api/v1/documents/${byDsl.json().id}`)).json().area).toBe(
      "child_protection",
    );
  });

  it("stores no plaintext: the marker is nowhere in the storage folder", async () => {
    const files = await filesUnder(filesDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const data = await readFile(f);
      expect(data.includes(Buffer.from(MARKER)), f).toBe(false);
      expect(data.includes(Buffer.from("Education, health")), f).toBe(false);
    }
  });

  it("stores the same file from two schools under names that link nothing", async () => {
    const data = Buffer.from(`The same letter to two schools ${randomBytes(4).toString("hex")}\n`);
    const a = await upload("dsl", { name: "same.txt", data }, { documentType: "Other" });
    const b = await upload(
      "otherDsl",
      { name: "same.txt", data },
      { documentType: "Other" },
      otherSchoolPupil,
    );
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    const rows = await db.owner((tx) =>
      queryRows<{ storage_name: string; school_id: string }>(
        tx,
        sql`select storage_name, school_id from documents where id in (${a.json().id}, ${b.json().id})`,
      ),
    );
    const [x, y] = rows.map((r) => r.storage_name.split("/").pop()!);
    expect(x).not.toBe(y);
    const blobX = await readFile(join(filesDir, ...rows[0]!.storage_name.split("/")));
    const blobY = await readFile(join(filesDir, ...rows[1]!.storage_name.split("/")));
    expect(blobX.equals(blobY)).toBe(false);
  });

  it("gives no bytes to someone without the area, and logs the refusal", async () => {
    const secret = Buffer.from(`Child protection plan ${MARKER}\n`);
    const res = await upload(
      "dsl",
      { name: "cp-plan.txt", data: secret },
      { documentType: "CP plan" },
    );
    const id = res.json().id;
    for (const who of ["pastoral", "sendco", "otherDsl"]) {
      const content = await get(who, `/api/v1/documents/${id}/content`);
      expect(content.statusCode, who).toBe(404);
      expect(content.body).not.toContain(MARKER);
      expect(content.rawPayload.includes(secret)).toBe(false);
      const list = await get(who, `/api/v1/pupils/${pupilId}/documents`);
      expect(JSON.stringify(list.json())).not.toContain(id);
    }
    const log = await db.owner((tx) =>
      queryRows<{ action: string; outcome: string; n: number }>(
        tx,
        sql`select action, outcome, count(*)::int as n from access_log
            where record_id = ${id} group by action, outcome`,
      ),
    );
    expect(log).toContainEqual({ action: "document.download", outcome: "refused", n: 3 });
  });

  it("says clearly when the stored file was tampered with, and sends none of it", async () => {
    const data = Buffer.from(`Tamper test ${MARKER} ${randomBytes(4).toString("hex")}\n`);
    const { id } = (await upload("dsl", { name: "t.txt", data }, { documentType: "Other" })).json();
    const [row] = await db.owner((tx) =>
      queryRows<{ storage_name: string }>(
        tx,
        sql`select storage_name from documents where id = ${id}`,
      ),
    );
    const path = join(filesDir, ...row!.storage_name.split("/"));
    const blob = await readFile(path);
    blob[blob.length - 3]! ^= 0x01;
    await writeFile(path, blob);
    const res = await get("dsl", `/api/v1/documents/${id}/content`);
    expect(res.statusCode).toBe(500);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toMatch(/file-damaged$/);
    expect(res.json().detail).toMatch(/integrity check/);
    expect(res.body).not.toContain("Tamper test");
  });

  it("removes the location from photos (EXIF in JPEG, eXIf in PNG)", async () => {
    for (const [name, data] of [
      ["photo.jpg", jpegWithGps()],
      ["photo.png", pngWithGps()],
    ] as const) {
      const res = await upload("dsl", { name, data }, { documentType: "Other" });
      expect(res.statusCode, name).toBe(201);
      const back = (await get("dsl", `/api/v1/documents/${res.json().id}/content`)).rawPayload;
      expect(back.includes(Buffer.from("GPSLatitude")), name).toBe(false);
      expect(back.length).toBeLessThan(data.length);
    }
  });

  it("marks a document uploaded in error (DSL only): it leaves the list and stays in the audit", async () => {
    const { id } = (
      await upload("sendco", { name: "wrong.txt", data: Buffer.from("wrong child") })
    ).json();
    const send = (who: string) =>
      app.inject({
        method: "POST",
        url: `/api/v1/documents/${id}/uploaded-in-error`,
        headers: { cookie: as[who]!.cookie, "x-csrf-token": as[who]!.csrfToken },
        payload: { reason: "Uploaded to the wrong child" },
      });
    expect((await send("sendco")).statusCode).toBe(403);
    expect((await send("dsl")).statusCode).toBe(204);
    expect((await send("dsl")).statusCode).toBe(409);
    const list = await get("sendco", `/api/v1/pupils/${pupilId}/documents`);
    expect(list.json().items.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await get("sendco", `/api/v1/documents/${id}/content`)).statusCode).toBe(404);
    const audit = await get(
      "dsl",
      `/api/v1/pupils/${pupilId}/documents?includeUploadedInError=true`,
    );
    const item = audit.json().items.find((d: { id: string }) => d.id === id);
    expect(item.uploadedInError).toMatchObject({ reason: "Uploaded to the wrong child" });
  });

  it("restores from a backup with every file identical", async () => {
    const data = await pdfWith(`Restore me ${randomBytes(8).toString("hex")}`);
    const { id } = (await upload("sendco", { name: "r.pdf", data })).json();
    const work = await mkdtemp(join(tmpdir(), "tessera-vault-backup-"));
    await writeBackup(db, filesDir, join(work, "backup.gz"));
    const target = await freshDatabase(driver);
    const restoredFiles = join(work, "files");
    await restoreBackup(target, restoredFiles, join(work, "backup.gz"));
    const restored = await buildApp({
      db: target,
      webRoot: "/nonexistent",
      vault: createVault({ storage: new LocalDiskStorage(restoredFiles), masterKey }),
    });
    try {
      const client = await signIn(restored, "sendco@vault.example");
      await restored.inject({
        method: "POST",
        url: "/api/v1/session/second-factor",
        headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
        payload: { code: currentTotp(TOTP_SECRET, Date.now() + 30_000) },
      });
      const res = await restored.inject({
        method: "GET",
        url: `/api/v1/documents/${id}/content`,
        headers: { cookie: client.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(data)).toBe(true);
    } finally {
      await restored.close();
      await target.close();
    }
  });
});

describe("stripping photo location", () => {
  it("keeps everything of a JPEG but its EXIF block", () => {
    const jpeg = jpegWithGps();
    const stripped = stripJpegMetadata(jpeg);
    expect(stripped.includes(Buffer.from("Exif"))).toBe(false);
    expect(stripped.includes(Buffer.from("JFIF"))).toBe(true);
    expect(stripped.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
  });

  it("keeps everything of a PNG but its eXIf chunk", () => {
    const stripped = stripPngMetadata(pngWithGps());
    expect(stripped.includes(Buffer.from("eXIf"))).toBe(false);
    expect(stripped.includes(Buffer.from("IDAT"))).toBe(true);
    expect(stripped.includes(Buffer.from("IEND"))).toBe(true);
  });

  it("leaves a JPEG without metadata unchanged", () => {
    const plain = stripJpegMetadata(jpegWithGps());
    expect(stripJpegMetadata(plain).equals(plain)).toBe(true);
  });
});

describe("the master key", () => {
  it("is made beside the data directory, not inside it, and read back on the next start", async () => {
    const root = await mkdtemp(join(tmpdir(), "tessera-key-"));
    const dataDir = join(root, "data");
    const first = loadMasterKey({ dataDir });
    expect(first.created).toBe(true);
    expect(first.source).toBe(`${dataDir}.master-key`);
    expect((await stat(first.source)).mode & 0o077).toBe(0);
    const second = loadMasterKey({ dataDir });
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it("refuses a key file inside DATA_DIR, and a key of the wrong length", async () => {
    const root = await mkdtemp(join(tmpdir(), "tessera-key-"));
    expect(() =>
      loadMasterKey({ dataDir: root, masterKeyFile: join(root, "files", "master.key") }),
    ).toThrow(/inside DATA_DIR/);
    expect(() => loadMasterKey({ dataDir: root, masterKey: "c2hvcnQ=" })).toThrow(/32 bytes/);
    const hex = randomBytes(32).toString("hex");
    expect(loadMasterKey({ dataDir: root, masterKey: hex }).key.toString("hex")).toBe(hex);
  });
});
