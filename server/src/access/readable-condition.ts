// The need-to-know rule as an SQL condition, for lists, search, counts and exports: the
// same rule as can-read.ts, so a list never shows what a single read would refuse.
import { type SQL, sql } from "drizzle-orm";
import { AREAS } from "../db/schema/index.ts";
import type { Grant } from "./grants.ts";
import type { AccessSubject } from "./subject.ts";

/** Where a record kind keeps the record contract's answers. */
export interface RecordColumns {
  schoolId: SQL;
  /** uuid[] of the record's pupils. */
  pupilIds: SQL;
  /** text[] of its areas. */
  areas: SQL;
  authorId: SQL;
  /** uuid[] of current (not withdrawn) alert recipients. */
  alertedIds: SQL;
  /** uuid[] of excluded people. */
  excludedIds: SQL;
}

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** Whether one grant covers pupil row `p` (columns id, year_group_id, class_id). */
function coversPupil(grant: Grant): SQL {
  switch (grant.scope) {
    case "all":
      return sql`true`;
    case "year_groups":
      return sql`p.year_group_id = any(${uuidArray(grant.scopeIds)})`;
    case "classes":
      return sql`p.class_id = any(${uuidArray(grant.scopeIds)})`;
    case "pupils":
      return sql`p.id = any(${uuidArray(grant.scopeIds)})`;
  }
}

/** text[] of the areas the subject's grants open for pupil row `p`. */
function areasOpenSql(grants: readonly Grant[]): SQL {
  const perArea = AREAS.map((area) => {
    const covering = grants.filter((g) => g.areas.includes(area)).map(coversPupil);
    const when = covering.length ? sql.join(covering, sql` or `) : sql`false`;
    return sql`case when ${when} then ${area}::text end`;
  });
  return sql`array_remove(array[${sql.join(perArea, sql`, `)}], null)`;
}

export function readableCondition(
  subject: AccessSubject,
  cols: RecordColumns,
  inChronologyOf?: string,
): SQL {
  const me = sql`${subject.accountId}::uuid`;
  const grantReason =
    subject.secondFactor && subject.grants.length > 0
      ? sql`exists (
          select 1 from pupils p
          where p.school_id = ${cols.schoolId} and p.id = any(${cols.pupilIds})
            ${inChronologyOf ? sql`and p.id = ${inChronologyOf}::uuid` : sql``}
            and ${cols.areas} <@ ${areasOpenSql(subject.grants)})`
      : sql`false`;
  return sql`(${cols.schoolId} = ${subject.schoolId}::uuid
    and not (${me} = any(${cols.excludedIds}))
    and (${cols.authorId} = ${me}
      or ${me} = any(${cols.alertedIds})
      or ${grantReason}))`;
}
