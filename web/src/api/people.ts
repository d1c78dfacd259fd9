// Staff, invitations, pupil imports and the access review (API.md "People and roster").
import { api } from "./client";

export interface StaffMember {
  accountId: string;
  name: string;
  email: string;
  roles: string[];
  jobTitle: string | null;
  classes: string[];
  active: boolean;
  deactivatedAt: string | null;
  lastSignInAt: string | null;
  /** The server's rule: only the DSL team resets a DSL's, and nobody their own. */
  canResetSecondFactor: boolean;
}

export interface Invitation {
  id: string;
  email: string;
  name: string;
  roles: string[];
  status: "pending" | "accepted" | "revoked" | "expired" | "added";
  createdAt: string;
  sentAt: string | null;
  expiresAt: string | null;
  invitedBy: string | null;
}

export interface InvitationDetails {
  school: string;
  name: string;
  email: string;
  expiresAt: string;
  minPasswordLength: number;
}

export interface PlannedChange {
  line: number;
  upn: string;
  name: string;
  changes: string[];
}

export interface ImportResult {
  format: "csv" | "ctf";
  dryRun: boolean;
  applied: boolean;
  rows: number;
  adds: number;
  updates: number;
  leavers: { pupilId: string; upn: string | null; name: string; className: string | null }[];
  errors: { line: number; message: string }[];
  added: PlannedChange[];
  updated: PlannedChange[];
}

export const IMPORT_FIELDS = [
  "upn",
  "legalLastName",
  "legalFirstName",
  "preferredFirstName",
  "preferredLastName",
  "dateOfBirth",
  "sex",
  "year",
  "className",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportMapping = Partial<Record<ImportField, number | null>>;

export interface AccessReviewRow {
  accountId: string;
  name: string;
  email: string;
  roles: string[];
  grants: {
    source: "role" | "class" | "grant";
    role: string | null;
    scope: string;
    areas: string[];
    reason: string | null;
    grantedBy: string | null;
    grantedAt: string | null;
  }[];
  trustRights: string[];
  openAlerts: number;
  lastSignInAt: string | null;
}

export interface AccessReview {
  items: AccessReviewRow[];
  reviews: { at: string; by: string }[];
}

const id = (value: string) => encodeURIComponent(value);

export const peopleApi = {
  /** Marks pupils as left on a date (an import's proposed leavers): all or none. */
  markLeft: (pupilIds: string[], leftOn: string) =>
    api.post<{ marked: number }>("/api/v1/pupils/leaving", { pupilIds, leftOn }),
  markOneLeft: (pupilId: string, leftOn: string) =>
    api.post<{ id: string; leftOn: string }>(
      `/api/v1/pupils/${encodeURIComponent(pupilId)}/leaving`,
      { leftOn },
    ),
  /** Undoes a leaving: back on roll. */
  rejoin: (pupilId: string) =>
    api.delete<void>(`/api/v1/pupils/${encodeURIComponent(pupilId)}/leaving`),
  members: () => api.get<{ items: StaffMember[] }>("/api/v1/staff/members"),
  deactivate: (accountId: string) =>
    api.post<{ ended: number }>(`/api/v1/staff/${id(accountId)}/deactivate`),
  resetSecondFactor: (accountId: string, reason: string) =>
    api.post<{ keysRemoved: number; authenticatorAppRemoved: boolean; sessionsEnded: number }>(
      `/api/v1/staff/${id(accountId)}/second-factor-reset`,
      { reason },
    ),
  classes: () =>
    api.get<{ items: { id: string; name: string; yearGroup: string | null }[] }>("/api/v1/classes"),
  setRoles: (accountId: string, roles: string[]) =>
    api.put<{ roles: string[] }>(`/api/v1/staff/${id(accountId)}/roles`, { roles }),
  setClasses: (accountId: string, classIds: string[]) =>
    api.put<undefined>(`/api/v1/staff/${id(accountId)}/classes`, { classIds }),
  invitations: () => api.get<{ items: Invitation[] }>("/api/v1/staff/invitations"),
  invite: (body: { email: string; name: string; roles: string[] }) =>
    api.post<Invitation>("/api/v1/staff/invitations", body),
  resend: (invitationId: string) =>
    api.post<undefined>(`/api/v1/staff/invitations/${id(invitationId)}/resend`),
  revoke: (invitationId: string) =>
    api.delete<undefined>(`/api/v1/staff/invitations/${id(invitationId)}`),
  invitation: (token: string) =>
    api.get<InvitationDetails>(`/api/v1/invitations/${id(token)}`, { notify: false }),
  acceptInvitation: (token: string, password: string) =>
    api.post<{ email: string; school: string }>(
      `/api/v1/invitations/${id(token)}`,
      { password },
      { notify: false },
    ),
  importPupils: (file: File, options: { mapping?: ImportMapping; dryRun: boolean }) => {
    const form = new FormData();
    if (options.mapping) form.append("mapping", JSON.stringify(options.mapping));
    form.append("dryRun", String(options.dryRun));
    // The file goes last: the server reads the fields before it.
    form.append("file", file);
    return api.upload<ImportResult>("/api/v1/imports/pupils", form);
  },
  accessReview: () => api.get<AccessReview>("/api/v1/access-review"),
  accessReviewCsvUrl: "/api/v1/access-review.csv",
  markReviewed: () => api.post<{ at: string; by: string }>("/api/v1/access-review/reviewed"),
};
