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

export const settingsApi = {
  review: (signal?: AbortSignal) => api.get<ReviewSettings>("/api/v1/settings/review", { signal }),
  saveReview: (body: ReviewSettings) => api.put<ReviewSettings>("/api/v1/settings/review", body),
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
