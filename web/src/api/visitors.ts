// Visitor concern links (API.md "visitor-links"): the DSL team's links and concerns, and
// the visitor's own page, which needs no account.
import { api } from "./client";

export interface NewVisitorLink {
  id: string;
  url: string;
  expiresAt: string;
  qrSvg: string;
}

export interface VisitorLink {
  id: string;
  name: string;
  singleUse: boolean;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  usedAt: string | null;
  state: "open" | "used" | "expired";
  concerns: number;
}

export interface VisitorConcern {
  id: string;
  linkName: string;
  visitorName: string;
  visitorRole: string;
  visitorContact: string;
  childName: string;
  account: string;
  happenedWhen: string;
  submittedAt: string;
  match: { incidentId: string; pupilId: string; matchedAt: string; matchedBy: string } | null;
}

export interface VisitorConcernInput {
  visitorName: string;
  visitorRole: string;
  visitorContact: string;
  childName: string;
  account: string;
  happenedWhen: string;
}

export const visitorsApi = {
  createLink: (body: { name: string; singleUse: boolean; expiresInHours: number }) =>
    api.post<NewVisitorLink>("/api/v1/visitor-links", body),
  links: (signal?: AbortSignal) =>
    api.get<{ items: VisitorLink[] }>("/api/v1/visitor-links", { signal }),
  concerns: (signal?: AbortSignal) =>
    api.get<{ items: VisitorConcern[] }>("/api/v1/visitor-concerns?limit=100", { signal }),
  match: (id: string, body: { pupilId: string; categoryIds: string[] }) =>
    api.post<{ incidentId: string; number: number }>(
      `/api/v1/visitor-concerns/${encodeURIComponent(id)}/match`,
      body,
    ),
  // The visitor has no session: an error here is this page's business, not the app's.
  openLink: (token: string, signal?: AbortSignal) =>
    api.get<{ school: string; expiresAt: string }>(
      `/api/v1/visitor-links/${encodeURIComponent(token)}`,
      { signal, notify: false },
    ),
  sendConcern: (token: string, body: VisitorConcernInput) =>
    api.post<{ message: string }>(
      `/api/v1/visitor-links/${encodeURIComponent(token)}/concerns`,
      body,
      { notify: false },
    ),
};
