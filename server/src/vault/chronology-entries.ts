// Each upload is an entry in the pupil's chronology (seed 003: an upload needs a
// chronology entry): when it was uploaded, by whom, the document type and description —
// only for readers the document's area allows, by the same rule as every record.
import { type SQL, sql } from "drizzle-orm";
import { readableCondition } from "../access/readable-condition.ts";
import type { PupilPlace } from "../access/record.ts";
import type { AccessSubject } from "../access/subject.ts";
import { queryRows, type Tx } from "../db/database.ts";
import { documentColumns } from "./record-facts.ts";

export interface DocumentEntryFilters {
  from?: string | undefined;
  to?: string | undefined;
  includeUploadedInError?: boolean | undefined;
}

export interface DocumentEntry {
  id: string;
  uploadedAt: Date;
  documentType: string;
  documentDate: string;
  description: string;
  area: string;
  fileName: string;
  author: { id: string; name: string };
  uploadedInError: boolean;
}

export async function documentEntries(
  tx: Tx,
  subject: AccessSubject,
  pupil: PupilPlace,
  f: DocumentEntryFilters,
): Promise<DocumentEntry[]> {
  const conditions: SQL[] = [
    sql`d.school_id = ${subject.schoolId}`,
    sql`d.pupil_id = ${pupil.id}`,
    readableCondition(subject, documentColumns(), pupil.id),
  ];
  if (!f.includeUploadedInError) conditions.push(sql`e.id is null`);
  if (f.from) conditions.push(sql`d.uploaded_at >= ${f.from}::date`);
  if (f.to) conditions.push(sql`d.uploaded_at < ${f.to}::date + 1`);
  const rows = await queryRows<{
    id: string;
    uploaded_at: string;
    document_type: string;
    document_date: string;
    description: string;
    area: string;
    file_name: string;
    uploaded_by: string;
    uploader: string;
    in_error: boolean;
  }>(
    tx,
    sql`select d.id, d.uploaded_at, d.document_type, d.document_date::text as document_date,
          d.description, d.area, d.file_name, d.uploaded_by, a.name as uploader,
          e.id is not null as in_error
        from documents d
        join accounts a on a.id = d.uploaded_by
        left join document_events e on e.school_id = d.school_id and e.document_id = d.id
          and e.type = 'uploaded_in_error'
        where ${sql.join(conditions, sql` and `)}`,
  );
  return rows.map((r) => ({
    id: r.id,
    uploadedAt: new Date(r.uploaded_at),
    documentType: r.document_type,
    documentDate: r.document_date,
    description: r.description,
    area: r.area,
    fileName: r.file_name,
    author: { id: r.uploaded_by, name: r.uploader },
    uploadedInError: r.in_error,
  }));
}
