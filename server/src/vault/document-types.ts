// The school's list of document types, and the area each one is filed in unless the
// uploader chooses another. The area decides who may read it, exactly as for records.
import { z } from "zod";
import { AREAS, type Area } from "../db/schema/index.ts";

export const DocumentType = z.object({
  name: z.string().trim().min(1).max(80),
  area: z.enum(AREAS),
});
export type DocumentType = z.infer<typeof DocumentType>;

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
