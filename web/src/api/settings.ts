// School settings the administrator and the DSL team keep (issue #6: the review deadline).
import { api } from "./client";

export interface Holiday {
  name: string;
  from: string;
  to: string;
}

export interface ReviewSettings {
  reviewWithinHours: number;
  unreadAlertHours: number;
  counting: "clock" | "school-days";
  holidays: Holiday[];
}

/** The school's settings page (GET /api/v1/settings/school). */
export interface SchoolSettings {
  idleLockMinutes: number;
  secondFactorRoles: string[];
  /** Roles that always need a second factor (the DSL team): shown ticked, fixed. */
  alwaysSecondFactorRoles: string[];
  bodyMapPhotos: boolean;
  retentionYears: number;
  emailSender: { displayName: string | null; replyTo: string | null };
  agreement: { version: string; text: string; changedAt: string | null };
}

/** A change: only the fields sent are changed. Empty sender fields mean "none". */
export interface SchoolSettingsChange {
  idleLockMinutes?: number;
  secondFactorRoles?: string[];
  bodyMapPhotos?: boolean;
  retentionYears?: number;
  emailSender?: { displayName: string; replyTo: string };
  agreementText?: string;
}

export const settingsApi = {
  review: (signal?: AbortSignal) => api.get<ReviewSettings>("/api/v1/settings/review", { signal }),
  saveReview: (body: ReviewSettings) => api.put<ReviewSettings>("/api/v1/settings/review", body),
  school: (signal?: AbortSignal) => api.get<SchoolSettings>("/api/v1/settings/school", { signal }),
  saveSchool: (body: SchoolSettingsChange) =>
    api.patch<SchoolSettings>("/api/v1/settings/school", body),
};

export interface UndeliveredEmail {
  id: string;
  kind: string;
  label: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  state: "failed" | "retrying";
  nextAttemptAt: string | null;
}

export const deliveryApi = {
  list: (signal?: AbortSignal) =>
    api.get<{ items: UndeliveredEmail[] }>("/api/v1/email-delivery", { signal }),
  retry: (jobId: string) =>
    api.post<void>(`/api/v1/email-delivery/${encodeURIComponent(jobId)}/retry`),
};
