// What the signed-in person may do, as the server says in the session body
// (server/src/access/permissions.ts). The page uses it only to offer links and buttons;
// the server checks every request all the same.
import type { SessionUser } from "../api/session";

/** The permissions the pages look at (names as the server sends them). */
export type Permission =
  | "access.grant"
  | "alerts.configure"
  | "chronology.export"
  | "dashboard.view"
  | "roster.manage"
  | "taxonomy.manage"
  | "visitor.manage";

export function may(user: SessionUser | null | undefined, permission: Permission): boolean {
  return user?.permissions.includes(permission) ?? false;
}
