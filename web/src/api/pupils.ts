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

export type Area = "general" | "medical" | "send" | "safeguarding" | "child_protection";

export interface ChronologyFilters {
  type?: ChronologyEntryType;
  area?: Area;
  q?: string;
  from?: string;
  to?: string;
}

export type ExportPurpose = "internal" | "case_conference" | "court" | "another_school" | "other";

export const PURPOSE_LABELS: Record<ExportPurpose, string> = {
  internal: "Internal use in school",
  case_conference: "Case conference",
  court: "Court",
  another_school: "Another school",
  other: "Other",
};

/** A word or phrase and the label it becomes in the export. */
export interface Replacement {
  text: string;
  label: string;
}

export interface ProposedReplacement extends Replacement {
  /** Who the label stands for: the redaction key, never in the file. */
  child: Person | null;
  kind: "full-name" | "first-name" | "surname" | "initials" | "added";
  review: "ordinary-word" | "initials" | "surname-only" | null;
  apply: boolean;
  foundIn: { entryId: string; type: ChronologyEntryType; occurredAt: string; count: number }[];
}

export interface ExportChoice {
  format: "pdf" | "csv";
  purpose: ExportPurpose;
  purposeDetail?: string;
  redact: boolean;
  /** Replacements confirmed or added in the preview, on top of the server's proposal. */
  replacements?: Replacement[];
  /** Proposed words the DSL undid. */
  undone?: string[];
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
  exportUrl: (pupilId: string, filters: ChronologyFilters, choice: ExportChoice) =>
    `/api/v1/pupils/${id(pupilId)}/chronology.${choice.format}${query({
      ...filters,
      purpose: choice.purpose,
      purposeDetail: choice.purpose === "other" ? choice.purposeDetail : undefined,
      redact: choice.redact ? "true" : "false",
      replacements:
        choice.redact && choice.replacements ? JSON.stringify(choice.replacements) : undefined,
      undone: choice.redact && choice.undone?.length ? JSON.stringify(choice.undone) : undefined,
    })}`,
  redactionPreview: (
    pupilId: string,
    filters: ChronologyFilters,
    purpose: ExportPurpose,
    signal?: AbortSignal,
  ) =>
    api.post<{ redactByDefault: boolean; replacements: ProposedReplacement[] }>(
      `/api/v1/pupils/${id(pupilId)}/chronology/redaction-preview`,
      { ...filters, purpose },
      { signal },
    ),
};
