// Audit events: changes to who may do what. A closed, typed list, one payload each
// (documenso's habit); rows are append-only (audit_events).
import type { Tx } from "../db/database.ts";
import { auditEvents } from "../db/schema/index.ts";

export interface AuditPayloads {
  /** An administrator or DSL ended every session of a person. */
  "sessions.revoked": { accountId: string; sessions: number };
  /** A DSL recorded that a person completed safeguarding and Tessera training. */
  "training.recorded": { accountId: string; completedOn: string };
  /** A DSL gave a member of staff access to pupil records beyond their roles. */
  "grant.given": {
    grantId: string;
    accountId: string;
    scope: string;
    scopeIds: string[];
    areas: string[];
    reason: string;
  };
  /** A DSL took a grant away. */
  "grant.revoked": { grantId: string };
  /** An administrator or DSL asked for a failed email to be tried again. */
  "email.retried": { jobId: string };
  /** The review deadline or the school calendar it counts by was changed. */
  "settings.review-changed": {
    reviewWithinHours: number;
    unreadAlertHours: number;
    counting: "clock" | "school-days";
    holidays: number;
  };
}

export type AuditType = keyof AuditPayloads;

export async function audit<T extends AuditType>(
  tx: Tx,
  schoolId: string,
  actorId: string,
  type: T,
  payload: AuditPayloads[T],
): Promise<void> {
  await tx.insert(auditEvents).values({ schoolId, accountId: actorId, type, payload });
}
