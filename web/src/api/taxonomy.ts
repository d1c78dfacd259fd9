// The school's own categories and agencies, as the DSL team keeps them (hidden ones too).
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
  hidden: boolean;
  sortOrder: number;
}

export interface ManagedAgency {
  id: string;
  name: string;
  hidden: boolean;
  sortOrder: number;
}

export interface Taxonomy {
  categories: (ManagedCategory & { subcategories: ManagedCategory[] })[];
  agencies: ManagedAgency[];
}

export interface Change {
  name?: string;
  hidden?: boolean;
  sortOrder?: number;
}

export const taxonomyApi = {
  load: (signal?: AbortSignal) => api.get<Taxonomy>("/api/v1/taxonomy", { signal }),
  addCategory: (body: { name: string; parentId?: string; area?: Area; dslOnly?: boolean }) =>
    api.post<{ id: string }>("/api/v1/categories", body),
  changeCategory: (id: string, body: Change) =>
    api.patch<void>(`/api/v1/categories/${encodeURIComponent(id)}`, body),
  addAgency: (name: string) => api.post<{ id: string }>("/api/v1/agencies", { name }),
  changeAgency: (id: string, body: Change) =>
    api.patch<void>(`/api/v1/agencies/${encodeURIComponent(id)}`, body),
};
