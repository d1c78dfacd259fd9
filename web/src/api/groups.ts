// Alert groups and pre-set alert rules, as the DSL team keeps them.

import { api } from "./client";
import type { Area } from "./taxonomy";

export const GROUP_ROLES = [
  "staff",
  "class_teacher",
  "sendco",
  "pastoral",
  "attendance",
  "dsl",
  "deputy_dsl",
  "head",
  "slt",
  "administrator",
] as const;
export type Role = (typeof GROUP_ROLES)[number];

/** Roles whose holders read pupil records: the only ones a rule for a role may name. */
export const RULE_ROLES = [
  "sendco",
  "pastoral",
  "attendance",
  "dsl",
  "deputy_dsl",
  "head",
  "slt",
] as const satisfies readonly Role[];

export interface ManagedGroup {
  id: string;
  name: string;
  roles: Role[];
  active: boolean;
  members: { accountId: string; name: string; byName: boolean; byRole: boolean }[];
}

export type Audience = "group" | "role" | "class_teachers";
export type Condition = "every_incident" | "areas" | "non_restricted" | "notifiable";

export interface AlertRule {
  id: string;
  audience: Audience;
  groupId: string | null;
  role: Role | null;
  condition: Condition;
  areas: Area[];
  active: boolean;
  description: string;
}

export interface NewRule {
  audience: Audience;
  groupId?: string;
  role?: Role;
  condition: Condition;
  areas: Area[];
}

const at = (id: string) => `/api/v1/groups/${encodeURIComponent(id)}`;

export const groupsApi = {
  groups: (signal?: AbortSignal) =>
    api.get<{ items: ManagedGroup[] }>("/api/v1/groups/manage", { signal }),
  rules: (signal?: AbortSignal) =>
    api.get<{ items: AlertRule[] }>("/api/v1/alert-rules", { signal }),
  addGroup: (body: { name: string; roles: Role[] }) =>
    api.post<{ id: string }>("/api/v1/groups", body),
  changeGroup: (id: string, body: { name?: string; roles?: Role[]; active?: boolean }) =>
    api.patch<void>(at(id), body),
  addMember: (id: string, accountId: string) =>
    api.put<void>(`${at(id)}/members/${encodeURIComponent(accountId)}`),
  removeMember: (id: string, accountId: string) =>
    api.delete<void>(`${at(id)}/members/${encodeURIComponent(accountId)}`),
  addRule: (body: NewRule) => api.post<{ id: string }>("/api/v1/alert-rules", body),
  changeRule: (id: string, body: { condition?: Condition; areas?: Area[]; active?: boolean }) =>
    api.patch<void>(`/api/v1/alert-rules/${encodeURIComponent(id)}`, body),
};
