// Every kind of background job, with its payload: a closed, typed list.
export interface JobPayloads {
  /** Tell a person that several sign-in attempts to their account did not work. */
  "sign-in.failures": { accountId: string; failures: number; address: string };
  /** Email someone alerted to an incident: who raised it, the category, a link. */
  "incident.alert": { schoolId: string; alertId: string };
  /** Tell a member of the DSL team how many incidents and alerts are overdue (counts only). */
  "review.overdue-digest": { schoolId: string; accountId: string };
  /** Tell a DSL that access to pupil records was given or taken away. */
  "access.changed": {
    schoolId: string;
    recipientId: string;
    grantId: string;
    change: "given" | "revoked";
  };
  /** Email an invited member of staff a link to set a password (made at sending). */
  "staff.invitation": { schoolId: string; invitationId: string };
  /** Tell someone with an account that they were added to another school. */
  "staff.added": { schoolId: string; accountId: string; addedBy: string };
  /** Send a password reset link (the only place its secret is, until the email goes). */
  "password-reset.link": { accountId: string; url: string };
  /** Tell a person their password was reset and every session ended. */
  "password-reset.done": { accountId: string; address: string };
  /** Tell a person their account was fully signed in from a browser not seen before. */
  "sign-in.new-device": { accountId: string; device: string; address: string; at: string };
  /**
   * Tell the school's DSL team, and the person, that an administrator or DSL reset the
   * person's second factor (who, whose, when; never the reason, which may name a child).
   */
  "second-factor.reset": { schoolId: string; accountId: string; resetBy: string; at: string };
  /** Tell the DSL team a visitor sent a concern (no content: a link to Tessera). */
  "visitor-concern.received": { schoolId: string; concernId: string };
}

export type JobKind = keyof JobPayloads;

/** Payloads that carry a secret (a reset link): blanked once the job is done or given up. */
export const SECRET_PAYLOAD_KINDS: ReadonlySet<JobKind> = new Set(["password-reset.link"]);
