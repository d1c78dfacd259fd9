// THE need-to-know rule, for one record. Its twin for lists, search, counts and exports
// is readable-condition.ts; a property test (server/test/access-agreement.test.ts) holds
// the two to the same answers.
import type { Area } from "../db/schema/index.ts";
import type { Grant } from "./grants.ts";
import type { PupilPlace, ReadDecision, RecordFacts } from "./record.ts";
import type { AccessSubject } from "./subject.ts";

export function grantCoversPupil(grant: Grant, pupil: PupilPlace): boolean {
  switch (grant.scope) {
    case "all":
      return true;
    case "year_groups":
      return pupil.yearGroupId !== null && grant.scopeIds.includes(pupil.yearGroupId);
    case "classes":
      return pupil.classId !== null && grant.scopeIds.includes(pupil.classId);
    case "pupils":
      return grant.scopeIds.includes(pupil.id);
  }
}

/** The areas a person's grants open for one pupil (the union of the grants covering them). */
export function areasOpenFor(grants: readonly Grant[], pupil: PupilPlace): Set<Area> {
  const open = new Set<Area>();
  for (const g of grants) if (grantCoversPupil(g, pupil)) for (const a of g.areas) open.add(a);
  return open;
}

/**
 * May this person read this record? Exclusion beats everything; then authorship, an
 * alert, or a grant for one of its pupils covering *every* area it is in. A grant-based
 * read is "elevated access" and needs a second factor in the session.
 * `inChronologyOf` narrows the grant reason to one pupil (reading it in that child's
 * chronology).
 */
export function decideRead(
  subject: AccessSubject,
  record: RecordFacts,
  inChronologyOf?: string,
): ReadDecision {
  if (record.schoolId !== subject.schoolId) return { allowed: false, refusal: "other-school" };
  if (record.excludedIds.includes(subject.accountId))
    return { allowed: false, refusal: "excluded" };
  if (record.authorId === subject.accountId) return { allowed: true, reason: "authorship" };
  if (record.alertedIds.includes(subject.accountId)) return { allowed: true, reason: "alert" };
  const pupils = inChronologyOf
    ? record.pupils.filter((p) => p.id === inChronologyOf)
    : record.pupils;
  const granted = pupils.some((p) => {
    const open = areasOpenFor(subject.grants, p);
    return record.areas.every((a) => open.has(a));
  });
  if (!granted) return { allowed: false, refusal: "no-reason" };
  if (!subject.secondFactor) return { allowed: false, refusal: "second-factor-required" };
  return { allowed: true, reason: "grant" };
}

/** May this person open what Tessera holds about a pupil (a grant for any area)? */
export function decidePupilRead(subject: AccessSubject, pupil: PupilPlace): ReadDecision {
  if (areasOpenFor(subject.grants, pupil).size === 0) {
    return { allowed: false, refusal: "no-reason" };
  }
  if (!subject.secondFactor) return { allowed: false, refusal: "second-factor-required" };
  return { allowed: true, reason: "grant" };
}
