// Pupil-level records on the DSL's desk (flags, threshold decisions) answer the record
// contract like any other record: one pupil, one area, the person who wrote it. The same
// need-to-know rule (access/can-read.ts) then decides who may read each one.
import { decideRead } from "../access/can-read.ts";
import type { PupilPlace, ReadDecision } from "../access/record.ts";
import type { AccessSubject } from "../access/subject.ts";
import type { Area } from "../db/schema/index.ts";

export function decideDeskRead(
  subject: AccessSubject,
  pupil: PupilPlace,
  area: Area,
  authorId: string,
): ReadDecision {
  return decideRead(
    subject,
    {
      schoolId: subject.schoolId,
      pupils: [pupil],
      areas: [area],
      authorId,
      alertedIds: [],
      excludedIds: [],
    },
    pupil.id,
  );
}
