// The DSL's desk (issue #7): triage, thresholds, pupil flags and chronology review marks.
import { api } from "./client";
import type { Person } from "./incidents";

export interface Threshold {
  id: string;
  name: string;
  area: string;
}

export interface TriageInput {
  categoryIds: string[];
  recategoriseReason?: string;
  thresholdId: string;
  rationale: string;
  disagreement?: string;
}

export interface TriageResult {
  reviewedAt: string;
  recategorised: boolean;
  thresholdDecisionId: string;
  alertsToReview: {
    alertId: string;
    recipientId: string;
    name: string;
    wouldReadWithoutAlert: boolean;
  }[];
}

export interface FlagType {
  id: string;
  key: string | null;
  name: string;
  area: string;
  dslOnly: boolean;
}

export interface PupilFlag {
  id: string;
  typeId: string;
  key: string | null;
  name: string;
  /** Its name when it was set, when renamed since. */
  filedAs?: string;
  area: string;
  startsOn: string;
  note: string;
  setBy: Person;
  setAt: string;
  ended: { endsOn: string; reason: string; by: Person; at: string } | null;
  current: boolean;
}

export interface ChronologyReview {
  id: string;
  reviewedOn: string;
  note: string;
  by: Person;
  recordedAt: string;
}

const id = (value: string) => encodeURIComponent(value);

export const deskApi = {
  thresholds: (signal?: AbortSignal) =>
    api.get<{ items: Threshold[] }>("/api/v1/thresholds", { signal }),
  triage: (incidentId: string, body: TriageInput) =>
    api.post<TriageResult>(`/api/v1/incidents/${id(incidentId)}/triage`, body),
  withdrawAlert: (alertId: string, reason: string) =>
    api.post<void>(`/api/v1/alerts/${id(alertId)}/withdraw`, { reason }),
  flagTypes: (signal?: AbortSignal) =>
    api.get<{ items: FlagType[] }>("/api/v1/flag-types", { signal }),
  flags: (pupilId: string, signal?: AbortSignal) =>
    api.get<{ items: PupilFlag[]; mayAdd: string[] }>(`/api/v1/pupils/${id(pupilId)}/flags`, {
      signal,
    }),
  setFlag: (pupilId: string, body: { flagTypeId: string; startsOn: string; note: string }) =>
    api.post<{ id: string }>(`/api/v1/pupils/${id(pupilId)}/flags`, body),
  endFlag: (flagId: string, body: { endsOn: string; reason: string }) =>
    api.post<void>(`/api/v1/flags/${id(flagId)}/end`, body),
  chronologyReviews: (pupilId: string, signal?: AbortSignal) =>
    api.get<{ items: ChronologyReview[] }>(`/api/v1/pupils/${id(pupilId)}/chronology-reviews`, {
      signal,
    }),
  markChronologyReviewed: (pupilId: string, body: { reviewedOn: string; note: string }) =>
    api.post<{ id: string }>(`/api/v1/pupils/${id(pupilId)}/chronology-reviews`, body),
};
