// A pupil's document vault (API.md "Pupils": documents).
import { api } from "./client";

export type Area = "general" | "medical" | "send" | "safeguarding" | "child_protection";

export const AREA_LABELS: Record<Area, string> = {
  general: "General",
  medical: "Medical",
  send: "SEND",
  safeguarding: "Safeguarding",
  child_protection: "Child protection",
};

export interface VaultDocument {
  id: string;
  pupilId: string;
  /** The type's name when it was uploaded. */
  documentType: string;
  /** What that type is called now, when renamed since. */
  documentTypeNow?: string;
  documentDate: string;
  description: string;
  area: Area;
  fileName: string;
  contentType: string;
  size: number;
  previewable: boolean;
  uploadedBy: { id: string; name: string };
  uploadedAt: string;
  uploadedInError: { reason: string; by: string; at: string } | null;
}

export interface DocumentType {
  name: string;
  area: Area;
}

export interface DocumentList {
  items: VaultDocument[];
  types: DocumentType[];
  /** The areas this reader may file documents in for this pupil (empty: none). */
  uploadAreas: Area[];
}

const id = (value: string) => encodeURIComponent(value);

export const documentsApi = {
  list: (pupilId: string, signal?: AbortSignal) =>
    api.get<DocumentList>(`/api/v1/pupils/${id(pupilId)}/documents`, { signal }),
  upload: (pupilId: string, form: FormData) =>
    api.postForm<{ id: string }>(`/api/v1/pupils/${id(pupilId)}/documents`, form),
  downloadUrl: (documentId: string) => `/api/v1/documents/${id(documentId)}/content`,
  previewUrl: (documentId: string) => `/api/v1/documents/${id(documentId)}/content?inline=1`,
};
