// The school's own categories, agencies, flag types, thresholds and document types, as the
// DSL team keeps them (hidden ones too).
import { api } from "./client";

export const AREAS = ["general", "medical", "send", "safeguarding", "child_protection"] as const;
export type Area = (typeof AREAS)[number];

export const AREA_LABELS: Record<Area, string> = {
  general: "General",
  medical: "Medical",
  send: "SEND",
  safeguarding: "Safeguarding",
  child_protection: "Child protection",
};

export interface ManagedCategory {
  id: string;
  name: string;
  area: Area;
  dslOnly: boolean;
  /** A "notifiable incidents" alert rule alerts its audience to incidents in it. */
  notifiable: boolean;
  hidden: boolean;
  sortOrder: number;
}

export interface ManagedAgency {
  id: string;
  name: string;
  hidden: boolean;
  sortOrder: number;
}

/** A flag type, threshold or document type; `used`: something is filed under it, so its area is fixed. */
export interface ManagedItem {
  id: string;
  name: string;
  area: Area;
  hidden: boolean;
  sortOrder: number;
  used: boolean;
  dslOnly?: boolean;
}

export interface Taxonomy {
  categories: (ManagedCategory & { subcategories: ManagedCategory[] })[];
  agencies: ManagedAgency[];
  flagTypes: ManagedItem[];
  thresholds: ManagedItem[];
  documentTypes: ManagedItem[];
}

/** The lists kept like agencies, by their path in the API. */
export type ListKind = "agencies" | "flag-types" | "thresholds" | "document-types";

export interface Change {
  name?: string;
  hidden?: boolean;
  notifiable?: boolean;
  sortOrder?: number;
  area?: Area;
}

export const taxonomyApi = {
  load: (signal?: AbortSignal) => api.get<Taxonomy>("/api/v1/taxonomy", { signal }),
  addCategory: (body: { name: string; parentId?: string; area?: Area; dslOnly?: boolean }) =>
    api.post<{ id: string }>("/api/v1/categories", body),
  changeCategory: (id: string, body: Change) =>
    api.patch<void>(`/api/v1/categories/${encodeURIComponent(id)}`, body),
  addItem: (kind: ListKind, body: { name: string; area?: Area; dslOnly?: boolean }) =>
    api.post<{ id: string }>(`/api/v1/${kind}`, body),
  changeItem: (kind: ListKind, id: string, body: Change) =>
    api.patch<void>(`/api/v1/${kind}/${encodeURIComponent(id)}`, body),
  addAgency: (name: string) => api.post<{ id: string }>("/api/v1/agencies", { name }),
  changeAgency: (id: string, body: Change) =>
    api.patch<void>(`/api/v1/agencies/${encodeURIComponent(id)}`, body),
};
