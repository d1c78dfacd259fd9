// Every read of a pupil's records, every export and download, and every refused
// attempt, is written to the access log in the same transaction as the read.
import type { Tx } from "../db/database.ts";
import { accessLog } from "../db/schema/index.ts";
import type { ReadDecision } from "./record.ts";

export const ACCESS_ACTIONS = [
  "pupil.read",
  "pupil.access-log.read",
  "incident.read",
  "incident.revisions.read",
  "incidents.list",
  "action.read",
  "action.revisions.read",
  "alerts.list",
  "chronology.read",
  "chronology.export.pdf",
  "chronology.export.csv",
  "chronology.redaction-preview",
  "pupil.flags.read",
  "visitor-concerns.list",
  "documents.list",
  "document.read",
  "document.download",
  "document.preview",
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessLogEntry {
  schoolId: string;
  accountId: string;
  action: AccessAction;
  decision: ReadDecision;
  pupilId?: string | null;
  recordType?: string;
  recordId?: string | null;
  ip: string;
  /** What else an auditor needs, e.g. an export's purpose. Covered by the hash chain. */
  detail?: Record<string, unknown> | null;
}

export async function logAccess(tx: Tx, entry: AccessLogEntry): Promise<void> {
  await tx.insert(accessLog).values({
    schoolId: entry.schoolId,
    accountId: entry.accountId,
    action: entry.action,
    outcome: entry.decision.allowed ? "allowed" : "refused",
    reason: entry.decision.allowed ? entry.decision.reason : entry.decision.refusal,
    pupilId: entry.pupilId ?? null,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    ip: entry.ip,
    detail: entry.detail ?? null,
  });
}
