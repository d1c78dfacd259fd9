// The school's list of document types (the document_types table, kept by the DSL team on
// the taxonomy page), and the area each one is filed in unless the uploader chooses
// another. The area decides who may read it, exactly as for records.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "../db/database.ts";
import { AREAS, type Area } from "../db/schema/index.ts";

export const DocumentType = z.object({
  name: z.string().trim().min(1).max(80),
  area: z.enum(AREAS),
});
export type DocumentType = z.infer<typeof DocumentType>;

/** The types offered for a new upload: the school's list, hidden ones left out, in order. */
export async function offeredDocumentTypes(tx: Tx, schoolId: string): Promise<DocumentType[]> {
  const rows = await queryRows<DocumentType & { hidden: boolean }>(
    tx,
    sql`select name, area, hidden from document_types
        where school_id = ${schoolId} order by sort_order, name`,
  );
  // A school made without the default taxonomy (some test schools) has no list at all:
  // it gets the defaults rather than no way to upload.
  if (rows.length === 0) return DEFAULT_DOCUMENT_TYPES;
  return rows.filter((r) => !r.hidden).map(({ name, area }) => ({ name, area }));
}

// What a new school starts with (the migration that made document_types gave existing
// schools these too, or what their settings said).
export const DEFAULT_DOCUMENT_TYPES: DocumentType[] = [
  // Child protection plans and police notifications: the DSL team (and the head) only.
  { name: "CP plan", area: "child_protection" },
  { name: "CIN plan", area: "safeguarding" },
  { name: "EHCP", area: "send" },
  { name: "Annual review", area: "send" },
  // Personal education plans are for looked-after children: a safeguarding matter.
  { name: "PEP", area: "safeguarding" },
  { name: "IHCP", area: "medical" },
  { name: "Risk assessment", area: "safeguarding" },
  { name: "Agency report", area: "safeguarding" },
  { name: "Meeting minutes", area: "safeguarding" },
  { name: "Police notice", area: "child_protection" },
  // When nobody says, the narrower audience: the uploader can choose a wider one.
  { name: "Other", area: "safeguarding" },
];

export const AREA_LABELS: Record<Area, string> = {
  general: "General",
  medical: "Medical",
  send: "SEND",
  safeguarding: "Safeguarding",
  child_protection: "Child protection",
};
