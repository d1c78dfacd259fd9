// A pupil's page: the chronology, its exports and the access log (API.md "Pupils").
import { api } from "./client";
import type { AccessLogEntry, Person } from "./incidents";

export type ChronologyEntryType =
  | "incident"
  | "action"
  | "category_change"
  | "threshold"
  | "flag"
  | "document";

export const ENTRY_LABELS: Record<ChronologyEntryType, string> = {
  incident: "Incident",
  action: "Action",
  category_change: "Category change",
  threshold: "Threshold decision",
  flag: "Flag",
  document: "Document uploaded",
};

export interface ChronologyItem {
  type: ChronologyEntryType;
  id: string;
  /** None for a flag, or a decision about the child alone. */
  incidentId: string | null;
  number: number | null;
  occurredAt: string;
  recordedAt: string;
  late: boolean;
  /** Category names. */
  categories: string[];
  areas: string[];
  author: Person | null;
  summary: string;
  account: string;
  outcome: string | null;
  status: string | null;
  edited: boolean;
  enteredInError: boolean;
  restricted: boolean;
  otherPupils: Person[];
}

export interface ChronologyFilters {
  type?: ChronologyEntryType;
  q?: string;
  from?: string;
  to?: string;
}

export interface AccessLogFilters {
  from?: string;
  to?: string;
}

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
};
const id = (value: string) => encodeURIComponent(value);

export const pupilsApi = {
  chronology: (pupilId: string, filters: ChronologyFilters, signal?: AbortSignal) =>
    api.get<{ pupil: Person; items: ChronologyItem[]; nextCursor: string | null }>(
      `/api/v1/pupils/${id(pupilId)}/chronology${query({ ...filters })}`,
      { signal },
    ),
  accessLog: (pupilId: string, filters: AccessLogFilters, signal?: AbortSignal) =>
    api.get<{ items: AccessLogEntry[]; nextCursor: string | null }>(
      `/api/v1/pupils/${id(pupilId)}/access-log${query({ ...filters })}`,
      { signal },
    ),
  exportUrl: (pupilId: string, format: "pdf" | "csv", redact: boolean) =>
    `/api/v1/pupils/${id(pupilId)}/chronology.${format}${redact ? "?redact=true" : ""}`,
};
