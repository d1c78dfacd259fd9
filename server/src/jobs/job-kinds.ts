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
}

export type JobKind = keyof JobPayloads;
