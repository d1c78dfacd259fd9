// Documents answer the record contract (access/record.ts): one pupil, one area, the
// uploader as author. No alerts or exclusions yet.
import { and, eq, sql } from "drizzle-orm";
import type { RecordColumns } from "../access/readable-condition.ts";
import type { PupilPlace, RecordFacts } from "../access/record.ts";
import type { Tx } from "../db/database.ts";
import { type Area, documentEvents, documents } from "../db/schema/index.ts";

export type DocumentRow = typeof documents.$inferSelect;

/** The record contract's columns, for lists: `d` is documents. */
export function documentColumns(d = sql.raw("d")): RecordColumns {
  return {
    schoolId: sql`${d}.school_id`,
    pupilIds: sql`array[${d}.pupil_id]`,
    areas: sql`array[${d}.area]::text[]`,
    authorId: sql`${d}.uploaded_by`,
    alertedIds: sql`'{}'::uuid[]`,
    excludedIds: sql`'{}'::uuid[]`,
  };
}

export function documentFacts(doc: DocumentRow, pupil: PupilPlace): RecordFacts {
  return {
    schoolId: doc.schoolId,
    pupils: [pupil],
    areas: [doc.area as Area],
    authorId: doc.uploadedBy,
    alertedIds: [],
    excludedIds: [],
  };
}

/** What an upload needs: a grant for the pupil covering the area, like reading there. */
export function uploadFacts(schoolId: string, pupil: PupilPlace, area: Area): RecordFacts {
  return {
    schoolId,
    pupils: [pupil],
    areas: [area],
    authorId: null,
    alertedIds: [],
    excludedIds: [],
  };
}

export async function loadDocument(tx: Tx, schoolId: string, id: string) {
  const [doc] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.schoolId, schoolId), eq(documents.id, id)));
  if (!doc) return null;
  const [error] = await tx
    .select()
    .from(documentEvents)
    .where(
      and(
        eq(documentEvents.schoolId, schoolId),
        eq(documentEvents.documentId, id),
        eq(documentEvents.type, "uploaded_in_error"),
      ),
    );
  return { doc, uploadedInError: error ?? null };
}
