// Who may read an action. An action has its own audience: by default whoever may read its
// incident (so the reporter sees what was done), narrowed to its own pupil's chronology;
// a DSL can restrict it to those with child-protection access (the DSL team, and the head
// where the school gives it) — then the reporter is not told the outcome (seed 001).
// Its author and anyone alerted to it may always read it; exclusion beats everything.
import { areasOpenFor } from "./can-read.ts";
import type { PupilPlace, ReadDecision } from "./record.ts";
import type { AccessSubject } from "./subject.ts";

export interface ActionFacts {
  authorId: string;
  pupil: PupilPlace;
  restricted: boolean;
  alertedIds: readonly string[];
  excludedIds: readonly string[];
}

export function decideActionRead(
  subject: AccessSubject,
  action: ActionFacts,
  incidentDecision: ReadDecision,
): ReadDecision {
  if (action.excludedIds.includes(subject.accountId))
    return { allowed: false, refusal: "excluded" };
  if (action.authorId === subject.accountId) return { allowed: true, reason: "authorship" };
  if (action.alertedIds.includes(subject.accountId)) return { allowed: true, reason: "alert" };
  if (!action.restricted) return incidentDecision;
  if (!areasOpenFor(subject.grants, action.pupil).has("child_protection")) {
    return { allowed: false, refusal: "no-reason" };
  }
  if (!subject.secondFactor) return { allowed: false, refusal: "second-factor-required" };
  return { allowed: true, reason: "grant" };
}
