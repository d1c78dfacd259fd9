// An upload: the form's fields checked, the uploader's right to file in that area for that
// pupil, the content checked (not the name), location stripped from photos, the file
// encrypted and stored, and the document row written — all in one transaction.

import type { MultipartFile } from "@fastify/multipart";
import { and, eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { decideActionRead } from "../access/action-read.ts";
import { decideRead } from "../access/can-read.ts";
import type { PupilPlace } from "../access/record.ts";
import { type AccessSubject, loadSubject } from "../access/subject.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import { AREAS, type Area, actions, documents } from "../db/schema/index.ts";
import { type FieldError, Problem, problems } from "../http/problem.ts";
import { incidentFacts, loadIncidentCurrent } from "../incidents/record-facts.ts";
import { pupilPlace } from "../pupils/queries.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import { checkContent } from "./content-check.ts";
import { offeredDocumentTypes } from "./document-types.ts";
import { uploadFacts } from "./record-facts.ts";
import { stripImageLocation } from "./strip-exif.ts";
import { sealFile, type Vault } from "./vault.ts";

type Who = SignedIn & { schoolId: string };

/**
 * A photo of a mark on an incident's body map is a document of this type, filed with the
 * incident. Only when the school has turned body-map photos on (PRODUCT.md: "no
 * photographs unless a school enables them"); the school's own type list never offers it.
 */
export const BODY_MAP_PHOTO_TYPE = { name: "Body map photo", area: "safeguarding" } as const;
const PHOTO_TYPES = ["image/jpeg", "image/png", "image/heic", "image/heif"];

function bodyMapPhotosOff(): Problem {
  return new Problem(
    403,
    "body-map-photos-off",
    "This school does not take photographs of marks",
    "Body-map photos are turned off in this school's settings. Describe the mark on the body map instead; the administrator or the DSL team can turn photos on in School settings.",
  );
}

const Fields = z.object({
  documentType: z
    .string({ error: "Choose a document type." })
    .trim()
    .min(1, "Choose a document type."),
  documentDate: z.iso.date({ error: "Give the document's date." }),
  description: z
    .string({ error: "Describe the document." })
    .trim()
    .min(1, "Describe the document.")
    .max(2000, "Keep the description under 2,000 characters."),
  area: z.enum(AREAS, { error: "Choose an area." }).optional(),
  // A document can belong to an incident, or to one action, about this pupil.
  incidentId: z.uuid({ error: "Choose an incident about this pupil." }).optional(),
  actionId: z.uuid({ error: "Choose an action for this pupil." }).optional(),
});

export interface UploadForm {
  fields: Record<string, string>;
  file: { name: string; data: Buffer } | null;
}

const MB = 1024 * 1024;

function tooLarge(vault: Vault): Problem {
  return new Problem(
    413,
    "too-large",
    "The file is too large",
    `Files can be up to ${Math.round(vault.maxUploadBytes / MB)} MB.`,
    [
      {
        path: "file",
        message: `Choose a file of ${Math.round(vault.maxUploadBytes / MB)} MB or less.`,
      },
    ],
  );
}

/** Reads the multipart body: one file, a few short fields. */
export async function readUploadForm(request: FastifyRequest, vault: Vault): Promise<UploadForm> {
  if (!request.isMultipart()) {
    throw new Problem(
      415,
      "unsupported-media-type",
      "Send the document as a form upload",
      "Upload the file as multipart/form-data with the fields file, documentType, documentDate, description and area.",
    );
  }
  const fields: Record<string, string> = {};
  let file: UploadForm["file"] = null;
  try {
    for await (const part of request.parts({
      limits: { fileSize: vault.maxUploadBytes, files: 1, fields: 20, fieldSize: 10_000 },
    })) {
      if (part.type === "file") {
        const data = await (part as MultipartFile).toBuffer();
        if (part.fieldname === "file") file = { name: part.filename || "document", data };
      } else if (typeof part.value === "string") {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(vault);
    if (code === "FST_FILES_LIMIT") {
      throw problems.badRequest("Send one file at a time.", [
        { path: "file", message: "Send one file at a time." },
      ]);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      throw problems.badRequest("The upload could not be read. Try again.");
    }
    throw error;
  }
  return { fields, file };
}

export async function saveUpload(
  tx: Tx,
  vault: Vault,
  who: Who,
  pupilId: string,
  form: UploadForm,
): Promise<{ id: string }> {
  // PostgreSQL refuses the NUL character in text: refuse it here, naming the field.
  for (const [name, value] of Object.entries(form.fields)) {
    if (value.includes("\u0000")) {
      throw problems.badRequest("Some of what was sent is not right.", [
        { path: name, message: "Remove the NUL character." },
      ]);
    }
  }
  const bodyMapPhoto = form.fields.bodyMapPhoto === "true";
  if (bodyMapPhoto && !who.settings.bodyMapPhotos) throw bodyMapPhotosOff();
  const parsed = Fields.safeParse(
    bodyMapPhoto ? { ...form.fields, documentType: BODY_MAP_PHOTO_TYPE.name } : form.fields,
  );
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const types = await offeredDocumentTypes(tx, who.schoolId);
  const type = !parsed.success
    ? undefined
    : bodyMapPhoto
      ? BODY_MAP_PHOTO_TYPE
      : types.find((t) => t.name === parsed.data.documentType);
  if (parsed.success && !type) {
    errors.push({ path: "documentType", message: "Choose a document type from the list." });
  }
  if (bodyMapPhoto && parsed.success && !parsed.data.incidentId) {
    errors.push({ path: "incidentId", message: "Choose the incident whose body map it shows." });
  }
  if (parsed.success && parsed.data.documentDate > new Date().toISOString().slice(0, 10)) {
    errors.push({ path: "documentDate", message: "The document's date cannot be in the future." });
  }
  if (!form.file) errors.push({ path: "file", message: "Choose a file to upload." });
  if (!parsed.success || !type || !form.file || errors.length) {
    throw problems.badRequest("Some of what was sent is not right.", errors);
  }
  const area: Area = parsed.data.area ?? type.area;

  const place = await pupilPlace(tx, who.schoolId, pupilId);
  if (!place) throw problems.notFound();
  const subject = await loadSubject(tx, who);
  const decision = decideRead(subject, uploadFacts(who.schoolId, place, area));
  if (!decision.allowed) {
    if (decision.refusal === "second-factor-required") throw secondFactorRequired();
    throw problems.forbidden(
      "You can add documents only in the areas of this pupil's records you may read.",
    );
  }

  const attached = await attachment(tx, subject, place, parsed.data);

  if (form.file.data.length > vault.maxUploadBytes) throw tooLarge(vault);
  const checked = await checkContent(form.file.data);
  if (bodyMapPhoto && !PHOTO_TYPES.includes(checked.contentType)) {
    throw problems.badRequest("A body-map photo must be a photograph.", [
      { path: "file", message: "Choose a photo (JPEG, PNG or HEIC)." },
    ]);
  }
  const plain = stripImageLocation(checked.contentType, form.file.data);
  const stored = await sealFile(vault, tx, who.schoolId, plain);
  const [row] = await tx
    .insert(documents)
    .values({
      schoolId: who.schoolId,
      pupilId,
      documentType: type.name,
      documentDate: parsed.data.documentDate,
      description: parsed.data.description,
      area,
      fileName: cleanFileName(form.file.name),
      contentType: checked.contentType,
      size: plain.length,
      storageName: stored.storageName,
      keyVersion: stored.keyVersion,
      incidentId: attached.incidentId,
      actionId: attached.actionId,
      uploadedBy: who.accountId,
    })
    .returning({ id: documents.id });
  if (!row) throw new Error("the document row was not written");
  return { id: row.id };
}

/**
 * The incident or action a document attaches to: one about this pupil that the uploader
 * may read. Anything else is the same answer as none at all, naming the field.
 */
async function attachment(
  tx: Tx,
  subject: AccessSubject,
  place: PupilPlace,
  f: { incidentId?: string | undefined; actionId?: string | undefined },
): Promise<{ incidentId: string | null; actionId: string | null }> {
  const pupilId = place.id;
  let incidentId = f.incidentId ?? null;
  if (f.actionId) {
    const [action] = await tx
      .select()
      .from(actions)
      .where(
        and(
          eq(actions.schoolId, subject.schoolId),
          eq(actions.id, f.actionId),
          eq(actions.pupilId, pupilId),
        ),
      );
    const current = action
      ? await loadIncidentCurrent(tx, subject.schoolId, action.incidentId)
      : null;
    const readable =
      action &&
      current &&
      (!incidentId || incidentId === action.incidentId) &&
      decideActionRead(
        subject,
        {
          authorId: action.authorId,
          pupil: place,
          restricted: action.restricted,
          alertedIds: [],
          excludedIds: current.excludedIds,
        },
        decideRead(subject, await incidentFacts(tx, current), pupilId),
      ).allowed;
    if (!readable) {
      throw problems.badRequest("Some of what was sent is not right.", [
        { path: "actionId", message: "Choose an action for this pupil." },
      ]);
    }
    incidentId = action.incidentId;
  } else if (incidentId) {
    const current = await loadIncidentCurrent(tx, subject.schoolId, incidentId);
    const readable =
      current &&
      !current.enteredInError &&
      current.pupilIds.includes(pupilId) &&
      decideRead(subject, await incidentFacts(tx, current), pupilId).allowed;
    if (!readable) {
      throw problems.badRequest("Some of what was sent is not right.", [
        { path: "incidentId", message: "Choose an incident about this pupil." },
      ]);
    }
  }
  return { incidentId, actionId: f.actionId ?? null };
}

/** The name as uploaded, without any path or control characters, and not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "document";
}
