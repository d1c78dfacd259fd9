// The document vault: a document row per upload (never changed), its events (uploaded in
// error), and each school's data key wrapped by the instance master key. All append-only:
// a file is never deleted or replaced, only marked.
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { pupils } from "./pupils.ts";
import { schools } from "./schools.ts";
import { AREAS } from "./taxonomy.ts";

export const fileKeys = pgTable(
  "file_keys",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    // One key per school today; a rotation adds the next version.
    version: integer("version").notNull(),
    // AES-256-GCM of the school's data key under the master key: "v1.<iv>.<ct>.<tag>".
    wrappedKey: text("wrapped_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.version] })],
);

export const documents = pgTable(
  "documents",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    pupilId: uuid("pupil_id").notNull(),
    documentType: text("document_type").notNull(),
    // The document's own date (e.g. when the plan was agreed), not the upload's.
    documentDate: date("document_date", { mode: "string" }).notNull(),
    description: text("description").notNull(),
    area: text("area", { enum: AREAS }).notNull(),
    // The name it was uploaded under: shown, never trusted for its type.
    fileName: text("file_name").notNull(),
    // What the content was found to be.
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    // Where the storage keeps the ciphertext (a per-school keyed hash), and under which
    // version of the school's data key.
    storageName: text("storage_name").notNull(),
    keyVersion: integer("key_version").notNull(),
    incidentId: uuid("incident_id"),
    actionId: uuid("action_id"),
    uploadedBy: uuid("uploaded_by").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    foreignKey({
      columns: [t.schoolId, t.keyVersion],
      foreignColumns: [fileKeys.schoolId, fileKeys.version],
    }),
    index("documents_pupil").on(t.schoolId, t.pupilId, t.uploadedAt),
  ],
);

export const DOCUMENT_EVENTS = ["uploaded_in_error"] as const;

export const documentEvents = pgTable(
  "document_events",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    documentId: uuid("document_id").notNull(),
    type: text("type", { enum: DOCUMENT_EVENTS }).notNull(),
    // uploaded_in_error: {reason}.
    payload: jsonb("payload").notNull(),
    byId: uuid("by_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.documentId],
      foreignColumns: [documents.schoolId, documents.id],
    }),
    index("document_events_document").on(t.schoolId, t.documentId),
  ],
);
