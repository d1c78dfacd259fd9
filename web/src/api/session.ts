// The session endpoints (API.md "Sign in").
import { api } from "./client";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** Role names in the current school (the server sends them; the UI does not rely on them yet). */
  roles?: string[];
  trustRoles?: string[];
}

export interface SchoolSummary {
  id: string;
  name: string;
}

export type SecondFactorState = "none" | "required" | "satisfied";

/** The body of POST /api/v1/session and GET /api/v1/session. */
export interface Session {
  user: SessionUser;
  csrfToken: string;
  secondFactor: SecondFactorState;
  schools: SchoolSummary[];
  currentSchoolId: string | null;
}

const SESSION = "/api/v1/session";

export const sessionApi = {
  current: (signal?: AbortSignal) => api.get<Session>(SESSION, { signal }),
  signIn: (email: string, password: string) => api.post<Session>(SESSION, { email, password }),
  signOut: () => api.delete<void>(SESSION),
  switchSchool: (schoolId: string) => api.put<Session>(`${SESSION}/school`, { schoolId }),
};
