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
