// The kinds of action (seed 004 §14), in plain words.
import type { ActionKind } from "../../api/incidents";

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  follow_up: "Follow-up",
  consent_to_share: "Consent to share recorded",
  information_shared: "Information shared with an agency",
  decision_not_to_share: "Decision not to share",
};

/** What the "what was done" box asks, by kind. */
export const ACTION_ACCOUNT_LABELS: Record<ActionKind, string> = {
  follow_up: "What was done",
  consent_to_share: "Whose consent, for what, and how it was given",
  information_shared: "What was shared, with whom, and how",
  decision_not_to_share: "What was decided, and why",
};
