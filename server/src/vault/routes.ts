// The document vault over HTTP: upload to a pupil, list what the reader may see, a
// document's details, its content (download or a same-origin preview), and the DSL's
// "uploaded in error". Every read and every refused read is in the access log.

import fastifyMultipart from "@fastify/multipart";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { areasOpenFor, decideRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import { readableCondition } from "../access/readable-condition.ts";
import type { ReadDecision } from "../access/record.ts";
import { type AccessSubject, loadSubject } from "../access/subject.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import { type Database, queryRows, type Tx } from "../db/database.ts";
import { AREAS, documentEvents } from "../db/schema/index.ts";
import { Problem, problems } from "../http/problem.ts";
import { pupilPlace } from "../pupils/queries.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import { offeredDocumentTypes } from "./document-types.ts";
import { DamagedFile } from "./envelope.ts";
import { documentColumns, documentFacts, loadDocument } from "./record-facts.ts";
import { readUploadForm, saveUpload } from "./upload.ts";
import { openFile, type Vault } from "./vault.ts";

type Who = SignedIn & { schoolId: string };
const IdParams = z.object({ id: z.uuid() });

const PREVIEWABLE = new Set(["application/pdf", "image/png", "image/jpeg"]);

// The preview is framed by Tessera's own page and nothing else; it runs nothing.
export const PREVIEW_CSP = [
  "default-src 'none'",
  "img-src 'self'",
  "object-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const DocumentView = z.object({
  id: z.uuid(),
  pupilId: z.uuid(),
  /** The type's name when it was uploaded. */
  documentType: z.string(),
  /** What that type is called now, when it has been renamed since. */
  documentTypeNow: z.string().optional(),
  documentDate: z.string(),
  description: z.string(),
  area: z.enum(AREAS),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  previewable: z.boolean(),
  incidentId: z.uuid().nullable(),
  actionId: z.uuid().nullable(),
  uploadedBy: z.object({ id: z.uuid(), name: z.string() }),
  uploadedAt: z.date(),
  uploadedInError: z.object({ reason: z.string(), by: z.string(), at: z.date() }).nullable(),
});

interface DocumentListRow {
  id: string;
  pupil_id: string;
  document_type: string;
  type_now: string | null;
  document_date: string;
  description: string;
  area: (typeof AREAS)[number];
  file_name: string;
  content_type: string;
  size: number;
  incident_id: string | null;
  action_id: string | null;
  uploaded_by: string;
  uploader: string;
  uploaded_at: string;
  error_reason: string | null;
  error_by: string | null;
  error_at: string | null;
}

function view(r: DocumentListRow): z.infer<typeof DocumentView> {
  return {
    id: r.id,
    pupilId: r.pupil_id,
    documentType: r.document_type,
    ...(r.type_now && r.type_now !== r.document_type ? { documentTypeNow: r.type_now } : {}),
    documentDate: r.document_date,
    description: r.description,
    area: r.area,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    previewable: PREVIEWABLE.has(r.content_type),
    incidentId: r.incident_id,
    actionId: r.action_id,
    uploadedBy: { id: r.uploaded_by, name: r.uploader },
    uploadedAt: new Date(r.uploaded_at),
    uploadedInError:
      r.error_reason !== null
        ? { reason: r.error_reason, by: r.error_by ?? "", at: new Date(r.error_at ?? 0) }
        : null,
  };
}

// type_now: the type that bore this name when the document was uploaded, as named today.
const LIST_SELECT = sql`select d.id, d.pupil_id, d.document_type, tn.name as type_now, d.document_date::text as document_date,
    d.description, d.area, d.file_name, d.content_type, d.size, d.incident_id, d.action_id, d.uploaded_by, a.name as uploader,
    d.uploaded_at, e.payload->>'reason' as error_reason, ea.name as error_by, e.at as error_at
  from documents d
  join accounts a on a.id = d.uploaded_by
  left join document_events e on e.school_id = d.school_id and e.document_id = d.id
    and e.type = 'uploaded_in_error'
  left join accounts ea on ea.id = e.by_id
  left join lateral (
    select t.name from document_type_names n
    join document_types t on t.school_id = n.school_id and t.id = n.document_type_id
    where n.school_id = d.school_id and n.name = d.document_type
    order by (n.from_at <= d.uploaded_at) desc, n.from_at desc limit 1
  ) tn on true`;

/** Content-Disposition with a plain fallback name and the real one (RFC 6266). */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function refusal(decision: ReadDecision) {
  return !decision.allowed && decision.refusal === "second-factor-required"
    ? secondFactorRequired()
    : problems.notFound();
}

/** Opens a document for reading: decides, logs (refusals too), and says no rightly. */
async function openDocument(
  tx: Tx,
  who: Who,
  id: string,
  ip: string,
  action: "document.read" | "document.download" | "document.preview",
) {
  const found = await loadDocument(tx, who.schoolId, id);
  const place = found ? await pupilPlace(tx, who.schoolId, found.doc.pupilId) : null;
  const subject = await loadSubject(tx, who);
  let decision: ReadDecision = { allowed: false, refusal: "no-reason" };
  if (found && place) decision = decideRead(subject, documentFacts(found.doc, place));
  // Uploaded in error: out of normal views; the DSL team still sees it.
  if (
    decision.allowed &&
    found?.uploadedInError &&
    !can(who.roles, "document.markUploadedInError")
  ) {
    decision = { allowed: false, refusal: "no-reason" };
  }
  await logAccess(tx, {
    schoolId: who.schoolId,
    accountId: who.accountId,
    action,
    decision,
    pupilId: found?.doc.pupilId ?? null,
    recordType: "document",
    recordId: id,
    ip,
  });
  return { found, decision };
}

function damaged(): Problem {
  return new Problem(
    500,
    "file-damaged",
    "The stored file is damaged",
    "This file failed its integrity check: it was changed or damaged after it was uploaded, so none of it was sent. Tell your administrator, who can restore it from a backup.",
  );
}

export const vaultRoutes =
  (db: Database, vault: Vault): FastifyPluginAsyncZod =>
  async (app) => {
    const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });
    // Multipart only for this plugin's routes: the rest of the API stays JSON.
    await app.register(fastifyMultipart, {
      limits: { fileSize: vault.maxUploadBytes, files: 1, fields: 20 },
    });

    app.post(
      "/api/v1/pupils/:id/documents",
      {
        // Files go through multipart, beyond the JSON body limit.
        bodyLimit: vault.maxUploadBytes + 1024 * 1024,
        schema: {
          summary:
            "Upload a document for a pupil (multipart: file, documentType, documentDate, description, area; optional incidentId or actionId; bodyMapPhoto=true for a photo of a body-map mark, with incidentId, when the school allows them)",
          tags: ["documents"],
          consumes: ["multipart/form-data"],
          params: IdParams,
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const form = await readUploadForm(request, vault);
        const result = await db.tx(acting(who), (tx) =>
          saveUpload(tx, vault, who, request.params.id, form),
        );
        return reply.status(201).send(result);
      },
    );

    app.get(
      "/api/v1/pupils/:id/documents",
      {
        schema: {
          summary:
            "A pupil's documents the reader may see, the school's document types, and where the reader may upload",
          tags: ["documents"],
          params: IdParams,
          querystring: z.object({ includeUploadedInError: z.enum(["true", "false"]).optional() }),
          response: {
            200: z.object({
              items: z.array(DocumentView),
              types: z.array(z.object({ name: z.string(), area: z.enum(AREAS) })),
              uploadAreas: z.array(z.enum(AREAS)),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const pupilId = request.params.id;
        const showErrors =
          request.query.includeUploadedInError === "true" &&
          can(who.roles, "document.markUploadedInError");
        const result = await db.tx(acting(who), async (tx) => {
          const place = await pupilPlace(tx, who.schoolId, pupilId);
          const subject: AccessSubject = await loadSubject(tx, who);
          await logAccess(tx, {
            schoolId: who.schoolId,
            accountId: who.accountId,
            action: "documents.list",
            decision: place
              ? {
                  allowed: true,
                  reason:
                    subject.secondFactor && subject.grants.length ? "grant" : "authorship-or-alert",
                }
              : { allowed: false, refusal: "no-reason" },
            pupilId: place ? pupilId : null,
            recordType: "document",
            recordId: place ? null : pupilId,
            ip: request.ip,
          });
          if (!place) return null;
          const rows = await queryRows<DocumentListRow>(
            tx,
            sql`${LIST_SELECT}
              where d.school_id = ${who.schoolId} and d.pupil_id = ${pupilId}
                and ${readableCondition(subject, documentColumns(), pupilId)}
                ${showErrors ? sql`` : sql`and e.id is null`}
              order by d.uploaded_at desc`,
          );
          const uploadAreas = subject.secondFactor
            ? AREAS.filter((a) => areasOpenFor(subject.grants, place).has(a))
            : [];
          return { rows, uploadAreas, types: await offeredDocumentTypes(tx, who.schoolId) };
        });
        if (!result) throw problems.notFound();
        return {
          items: result.rows.map(view),
          types: result.types,
          uploadAreas: result.uploadAreas,
        };
      },
    );

    app.get(
      "/api/v1/documents/:id",
      {
        schema: {
          summary: "A document's details (not its content)",
          tags: ["documents"],
          params: IdParams,
          response: { 200: DocumentView },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), async (tx) => {
          const { found, decision } = await openDocument(
            tx,
            who,
            request.params.id,
            request.ip,
            "document.read",
          );
          if (!found || !decision.allowed) return { decision };
          const [row] = await queryRows<DocumentListRow>(
            tx,
            sql`${LIST_SELECT} where d.school_id = ${who.schoolId} and d.id = ${request.params.id}`,
          );
          return { decision, row };
        });
        if (!result.row) throw refusal(result.decision);
        return view(result.row);
      },
    );

    app.get(
      "/api/v1/documents/:id/content",
      {
        schema: {
          summary:
            "The file itself, for those allowed (?inline=1 previews a PDF or image in Tessera's own frame)",
          tags: ["documents"],
          params: IdParams,
          querystring: z.object({ inline: z.enum(["1", "0"]).optional() }),
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const inline = request.query.inline === "1";
        const result = await db.tx(acting(who), async (tx) => {
          const { found, decision } = await openDocument(
            tx,
            who,
            request.params.id,
            request.ip,
            inline ? "document.preview" : "document.download",
          );
          if (!found || !decision.allowed) return { decision };
          try {
            const bytes = await openFile(
              vault,
              tx,
              who.schoolId,
              found.doc.storageName,
              found.doc.keyVersion,
            );
            return { decision, doc: found.doc, bytes };
          } catch (error) {
            if (error instanceof DamagedFile) return { decision, doc: found.doc, damaged: true };
            throw error;
          }
        });
        if (!result.doc) throw refusal(result.decision);
        if ("damaged" in result) {
          request.log.error({ documentId: request.params.id }, "stored file failed its check");
          throw damaged();
        }
        if (!result.bytes) {
          request.log.error({ documentId: request.params.id }, "stored file is missing");
          throw damaged();
        }
        const preview = inline && PREVIEWABLE.has(result.doc.contentType);
        reply
          .type(result.doc.contentType)
          .header("x-content-type-options", "nosniff")
          .header(
            "content-disposition",
            contentDisposition(preview ? "inline" : "attachment", result.doc.fileName),
          );
        if (preview) {
          reply.header("content-security-policy", PREVIEW_CSP);
          reply.header("x-frame-options", "SAMEORIGIN");
        }
        return reply.send(result.bytes);
      },
    );

    app.post(
      "/api/v1/documents/:id/uploaded-in-error",
      {
        schema: {
          summary:
            "Mark a document uploaded in error (DSL): it leaves normal views and stays in the audit",
          tags: ["documents"],
          params: IdParams,
          body: z.object({ reason: z.string().trim().min(1, "Give a reason.").max(2000) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (!can(who.roles, "document.markUploadedInError")) {
          throw problems.forbidden("Only the designated safeguarding leads can do this.");
        }
        await db.tx(acting(who), async (tx) => {
          const found = await loadDocument(tx, who.schoolId, request.params.id);
          if (!found) throw problems.notFound();
          if (found.uploadedInError) {
            throw problems.conflict("It is already marked as uploaded in error.");
          }
          await tx.insert(documentEvents).values({
            schoolId: who.schoolId,
            documentId: request.params.id,
            type: "uploaded_in_error",
            payload: { reason: request.body.reason },
            byId: who.accountId,
          });
        });
        return reply.status(204).send(null);
      },
    );
  };
