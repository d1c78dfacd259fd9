// The incident account made from a visitor's concern: the visitor's own words, kept
// whole, under a heading that says who sent it, how and when.
export interface VisitorConcernFacts {
  linkName: string;
  visitorName: string;
  visitorRole: string;
  visitorContact: string;
  childName: string;
  happenedWhen: string;
  account: string;
  submittedAt: Date;
}

export function visitorConcernAccount(c: VisitorConcernFacts): string {
  return [
    `Visitor concern sent through the visitor link "${c.linkName}" on ${c.submittedAt.toISOString()}.`,
    `From: ${c.visitorName} (${c.visitorRole}); contact: ${c.visitorContact}.`,
    `Child named by the visitor: ${c.childName}.`,
    `When, in the visitor's words: ${c.happenedWhen}.`,
    "",
    c.account,
  ].join("\n");
}
