// The record contract (ARCHITECTURE.md): every kind of pupil record answers the same
// questions, and they are all the access engine looks at.
import type { Area } from "../db/schema/index.ts";

/** Where a pupil sits in the school: what grant scopes match on. */
export interface PupilPlace {
  id: string;
  yearGroupId: string | null;
  classId: string | null;
}

export interface RecordFacts {
  schoolId: string;
  /** The subject and any linked pupils: the record is in each one's chronology. */
  pupils: readonly PupilPlace[];
  /** From its categories (or its own, for an action, note or flag). Never empty. */
  areas: readonly Area[];
  authorId: string | null;
  /** Recipients of alerts about it that have not been withdrawn. */
  alertedIds: readonly string[];
  /** People it must never reach, whatever their role, grant or alert. */
  excludedIds: readonly string[];
}

export type ReadReason =
  | "authorship"
  | "alert"
  | "grant"
  /** A list (a chronology) showing only what the reader wrote or was alerted to. */
  | "authorship-or-alert";
export type ReadRefusal = "excluded" | "no-reason" | "second-factor-required" | "other-school";

export type ReadDecision =
  | { allowed: true; reason: ReadReason }
  | { allowed: false; refusal: ReadRefusal };
