// Pupils, categories, incidents, alerts and drafts (API.md "Incidents").
import { api } from "./client";

export interface PupilSummary {
  id: string;
  name: string;
  legalName: string;
  year: string | null;
  class: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  initials: string;
  photoUrl: string | null;
}

export interface PupilContact {
  name: string;
  relationship: string;
  parentalResponsibility: boolean;
  phone: string | null;
  email: string | null;
  priority: number;
}

export interface PupilProfile {
  id: string;
  name: string;
  legalName: string;
  dateOfBirth: string;
  sex: string | null;
  upn: string | null;
  year: string | null;
  class: string | null;
  onRoll: boolean;
  /** When the pupil left, once marked as left. */
  leftOn: string | null;
  initials: string;
  flags: {
    id: string;
    key: string | null;
    name: string;
    filedAs?: string;
    area: string;
    startsOn: string;
  }[];
  siblings: { id: string; name: string }[];
  contacts: PupilContact[] | null;
  abilities: {
    addIncident: boolean;
    viewAccessLog: boolean;
    markChronologyReviewed: boolean;
    exportChronology: boolean;
    markLeft: boolean;
  };
}

export interface AccessLogEntry {
  at: string;
  who: { id: string; name: string } | null;
  action: string;
  outcome: "allowed" | "refused";
  reason: string | null;
  ip: string | null;
  /** What an export was for ("court"…); null for reads. */
  purpose: string | null;
  purposeDetail: string | null;
}

export interface Subcategory {
  id: string;
  name: string;
  area: string;
  dslOnly: boolean;
  transfers: boolean;
}

export interface Category extends Subcategory {
  subcategories: Subcategory[];
}

export interface StaffMember {
  id: string;
  name: string;
  jobTitle: string | null;
}

export interface Group {
  id: string;
  name: string;
  members: number;
}

export interface Agency {
  id: string;
  name: string;
  /** On a record: the name it had then, when renamed since. */
  filedAs?: string;
}

export interface IncidentForm {
  writingHelp: { opinionWords: string[]; sweepingWords: string[]; vagueTimeWords: string[] };
  bodyRegions: { front: string[]; back: string[] };
  markTypes: string[];
  /** What this person may do on the form (decided by the server). */
  abilities: { assignDslOnly: boolean; recordOnBehalf: boolean };
}

export type BodyView = "front" | "back";

export interface BodyMark {
  view: BodyView;
  region: string;
  x?: number;
  y?: number;
  type: string;
  size: string;
  note: string;
}

export interface AlertRecipient {
  id: string;
  name: string;
  via: "direct" | "group" | "preset";
  /** For a pre-set: the rule in words ("DSL team on every incident"). */
  rule: string | null;
  wouldOtherwiseRead: boolean;
}

export interface ToldDsl {
  told: boolean;
  who?: string;
  when?: string;
}

export interface NewIncident {
  pupilId: string;
  account: string;
  location?: string;
  categoryIds: string[];
  linkedPupilIds: string[];
  occurredAt: string;
  alertUserIds: string[];
  alertGroupIds: string[];
  agencyIds: string[];
  status: "open" | "closed";
  bodyMap?: { marks: BodyMark[] };
  toldDsl?: ToldDsl;
  draftId?: string;
  onBehalfOf?: string;
}

export interface Person {
  id: string;
  name: string;
}

export interface IncidentCategory {
  id: string;
  /** The category's name now. */
  name: string;
  area: string;
  /** The name it had when the incident was recorded, if the school has renamed it since. */
  filedAs?: string;
}

export interface IncidentAlert {
  id: string;
  recipient: Person;
  via: string;
  sentAt: string;
  readAt: string | null;
}

export interface Incident {
  id: string;
  number: number;
  revisionId: string;
  revisionNo: number;
  edited: boolean;
  pupil: Person;
  linkedPupils: Person[];
  account: string;
  location: string | null;
  categories: IncidentCategory[];
  agencies: Agency[];
  occurredAt: string;
  recordedAt: string;
  late: boolean;
  status: "open" | "closed";
  bodyMap: { marks: BodyMark[] } | null;
  toldDsl: ToldDsl | null;
  author: Person;
  recordedBy: Person | null;
  enteredInError: { reason?: string; at?: string; by?: Person } | boolean | null;
  reviewedAt: string | null;
  actions: IncidentAction[];
  alerts: IncidentAlert[];
  abilities: {
    edit: boolean;
    markEnteredInError: boolean;
    refile: boolean;
    review: boolean;
    triage: boolean;
    addAction: boolean;
    restrictAction: boolean;
  };
}

export type ActionKind =
  | "follow_up"
  | "consent_to_share"
  | "information_shared"
  | "decision_not_to_share";

/** An action as it reads now (its current revision). */
export interface IncidentAction {
  id: string;
  pupil: Person;
  kind: ActionKind;
  account: string;
  outcome: string | null;
  agency: Agency | null;
  restricted: boolean;
  occurredAt: string;
  recordedAt: string;
  author: Person;
  revisionId: string;
  edited: boolean;
  canEdit: boolean;
}

/** One action alone (an alert about an action opens it only). */
export interface ActionDetail extends IncidentAction {
  incident: { id: string; number: number; readable: boolean };
  /** The DSL team may restrict it or open it again (ActionAudience). */
  canRestrict: boolean;
  restrictionChanges: {
    restricted: boolean;
    reason: string;
    at: string;
    by: Person;
  }[];
}

export interface NewAction {
  pupilIds?: string[];
  allLinked?: boolean;
  kind: ActionKind;
  account: string;
  outcome?: string;
  agencyId?: string;
  occurredAt: string;
  restricted: boolean;
  alertUserIds: string[];
  alertGroupIds: string[];
}

export interface ActionRevision {
  id: string;
  revisionNo: number;
  kind: ActionKind;
  account: string;
  outcome: string | null;
  agency: Agency | null;
  occurredAt: string;
  editedBy: Person;
  editedAt: string;
  reason: string | null;
}

export interface Dashboard {
  reviewWithinHours: number;
  unreviewed: {
    total: number;
    overdue: number;
    items: {
      id: string;
      number: number;
      recordedAt: string;
      ageHours: number;
      overdue: boolean;
      author: string;
    }[];
  };
  unreadAlertsOverdue: {
    total: number;
    items: {
      alertId: string;
      recipient: string;
      incidentId: string;
      incidentNumber: number;
      actionId: string | null;
      sentAt: string;
    }[];
  };
}

export interface Revision {
  id: string;
  revisionNo: number;
  account: string;
  location: string | null;
  editedBy: { name: string } | null;
  editedAt: string;
  reason: string | null;
}

export interface IncidentListItem {
  id: string;
  number: number;
  pupil: Person;
  occurredAt: string;
  recordedAt: string;
  status: string;
  categories: string[];
  author: string;
}

export interface AlertItem {
  id: string;
  incident: { id: string; number: number };
  /** Set when the alert is about one action: it opens that action only. */
  action: { id: string } | null;
  pupil: Person;
  raisedBy: string;
  categories: string[];
  via: string;
  sentAt: string;
  readAt: string | null;
}

export interface Draft<T> {
  id: string;
  kind: string;
  content: T;
  updatedAt: string;
}

const q = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
};
const id = (value: string) => encodeURIComponent(value);

export const incidentsApi = {
  pupils: (query: string, signal?: AbortSignal) =>
    api.get<{ items: PupilSummary[] }>(`/api/v1/pupils${q({ q: query, limit: 10 })}`, { signal }),
  pupil: (pupilId: string, signal?: AbortSignal) =>
    api.get<PupilProfile>(`/api/v1/pupils/${id(pupilId)}`, { signal }),
  accessLog: (pupilId: string, signal?: AbortSignal) =>
    api.get<{ items: AccessLogEntry[] }>(`/api/v1/pupils/${id(pupilId)}/access-log`, { signal }),
  categories: (signal?: AbortSignal) =>
    api.get<{ items: Category[] }>("/api/v1/categories", { signal }),
  staff: (query: string, signal?: AbortSignal) =>
    api.get<{ items: StaffMember[] }>(`/api/v1/staff${q({ q: query, limit: 10 })}`, { signal }),
  groups: (signal?: AbortSignal) => api.get<{ items: Group[] }>("/api/v1/groups", { signal }),
  agencies: (signal?: AbortSignal) => api.get<{ items: Agency[] }>("/api/v1/agencies", { signal }),
  form: (signal?: AbortSignal) => api.get<IncidentForm>("/api/v1/incident-form", { signal }),
  alertPreview: (
    body: {
      pupilId: string;
      categoryIds: string[];
      linkedPupilIds: string[];
      alertUserIds: string[];
      alertGroupIds: string[];
    },
    signal?: AbortSignal,
  ) =>
    api.post<{ recipients: AlertRecipient[] }>("/api/v1/incidents/alert-preview", body, {
      signal,
    }),
  add: (body: NewIncident, idempotencyKey: string) =>
    api.post<{ id: string; number: number; revisionId: string }>("/api/v1/incidents", body, {
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  incident: (incidentId: string, signal?: AbortSignal) =>
    api.get<Incident>(`/api/v1/incidents/${id(incidentId)}`, { signal }),
  revisions: (incidentId: string, signal?: AbortSignal) =>
    api.get<{ items: Revision[] }>(`/api/v1/incidents/${id(incidentId)}/revisions`, { signal }),
  edit: (
    incidentId: string,
    body: { baseRevisionId: string; changes: Record<string, unknown>; reason: string },
  ) => api.post<{ id: string }>(`/api/v1/incidents/${id(incidentId)}/revisions`, body),
  review: (incidentId: string) => api.post<void>(`/api/v1/incidents/${id(incidentId)}/review`),
  enteredInError: (incidentId: string, reason: string) =>
    api.post<void>(`/api/v1/incidents/${id(incidentId)}/entered-in-error`, { reason }),
  refile: (incidentId: string, pupilId: string, reason: string) =>
    api.post<void>(`/api/v1/incidents/${id(incidentId)}/refile`, { pupilId, reason }),
  list: (
    params: { pupilId?: string; mine?: boolean; reviewed?: boolean; limit?: number },
    signal?: AbortSignal,
  ) => api.get<{ items: IncidentListItem[] }>(`/api/v1/incidents${q(params)}`, { signal }),
  alerts: (signal?: AbortSignal, notify = true) =>
    api.get<{ unread: number; items: AlertItem[] }>("/api/v1/alerts", { signal, notify }),
  markRead: (alertId: string) => api.post<void>(`/api/v1/alerts/${id(alertId)}/read`),
  saveDraft: <T>(draftId: string, content: T, kind: "incident" | "action" = "incident") =>
    api.put<{ id: string; updatedAt: string }>(`/api/v1/drafts/${id(draftId)}`, {
      kind,
      content,
    }),
  drafts: <T>(signal?: AbortSignal, kind: "incident" | "action" = "incident") =>
    api.get<{ items: Draft<T>[] }>(`/api/v1/drafts?kind=${kind}`, { signal }),
  addAction: (incidentId: string, body: NewAction, idempotencyKey: string) =>
    api.post<{ id: string; ids: string[] }>(`/api/v1/incidents/${id(incidentId)}/actions`, body, {
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  action: (actionId: string, signal?: AbortSignal) =>
    api.get<ActionDetail>(`/api/v1/actions/${id(actionId)}`, { signal }),
  actionRevisions: (actionId: string, signal?: AbortSignal) =>
    api.get<{ items: ActionRevision[] }>(`/api/v1/actions/${id(actionId)}/revisions`, { signal }),
  reviseAction: (
    actionId: string,
    body: { baseRevisionId: string; changes: Record<string, unknown>; reason: string },
  ) => api.post<{ revisionId: string }>(`/api/v1/actions/${id(actionId)}/revisions`, body),
  restrictAction: (actionId: string, body: { restricted: boolean; reason: string }) =>
    api.post<{ id: string }>(`/api/v1/actions/${id(actionId)}/restriction`, body),
  dashboard: (signal?: AbortSignal) =>
    api.get<Dashboard>("/api/v1/dashboard", { signal, notify: false }),
  allDrafts: (signal?: AbortSignal) =>
    api.get<{ items: Draft<Record<string, unknown>>[] }>("/api/v1/drafts", { signal }),
  deleteDraft: (draftId: string) => api.delete<void>(`/api/v1/drafts/${id(draftId)}`),
};
