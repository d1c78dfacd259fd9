import { and, asc, eq, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { PupilPlace } from "../access/record.ts";
import type { Tx } from "../db/database.ts";
import { classes, contacts, pupilSiblings, pupils, yearGroups } from "../db/schema/index.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Identity only, for the picker: never records or flags. */
export async function searchPupils(
  tx: Tx,
  schoolId: string,
  query: string,
  limit: number,
  offset: number,
) {
  // Every word typed must start one of the child's names (legal or preferred), so
  // "ali kh" finds Alicia Khan and "Khan" finds every Khan.
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4);
  const matches: SQL[] = words.map((w) => {
    const prefix = `${escapeLike(w)}%`;
    return sql`(lower(${pupils.legalFirstName}) like ${prefix}
      or lower(${pupils.legalLastName}) like ${prefix}
      or lower(coalesce(${pupils.preferredFirstName}, '')) like ${prefix}
      or lower(coalesce(${pupils.preferredLastName}, '')) like ${prefix})`;
  });
  return tx
    .select({
      id: pupils.id,
      legalFirstName: pupils.legalFirstName,
      legalLastName: pupils.legalLastName,
      preferredFirstName: pupils.preferredFirstName,
      preferredLastName: pupils.preferredLastName,
      dateOfBirth: pupils.dateOfBirth,
      yearGroup: yearGroups.name,
      className: classes.name,
    })
    .from(pupils)
    .leftJoin(
      yearGroups,
      and(eq(yearGroups.schoolId, pupils.schoolId), eq(yearGroups.id, pupils.yearGroupId)),
    )
    .leftJoin(classes, and(eq(classes.schoolId, pupils.schoolId), eq(classes.id, pupils.classId)))
    .where(and(eq(pupils.schoolId, schoolId), eq(pupils.onRoll, true), ...matches))
    .orderBy(
      asc(sql`coalesce(${pupils.preferredLastName}, ${pupils.legalLastName})`),
      asc(sql`coalesce(${pupils.preferredFirstName}, ${pupils.legalFirstName})`),
      asc(pupils.id),
    )
    .limit(limit)
    .offset(offset);
}

/** Where a pupil sits (what grants match on), or null if not in this school. */
export async function pupilPlace(
  tx: Tx,
  schoolId: string,
  pupilId: string,
): Promise<PupilPlace | null> {
  const [row] = await tx
    .select({ id: pupils.id, yearGroupId: pupils.yearGroupId, classId: pupils.classId })
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), eq(pupils.id, pupilId)));
  return row ?? null;
}

export async function pupilProfile(tx: Tx, schoolId: string, pupilId: string) {
  const [pupil] = await tx
    .select({
      pupil: pupils,
      yearGroup: yearGroups.name,
      className: classes.name,
    })
    .from(pupils)
    .leftJoin(
      yearGroups,
      and(eq(yearGroups.schoolId, pupils.schoolId), eq(yearGroups.id, pupils.yearGroupId)),
    )
    .leftJoin(classes, and(eq(classes.schoolId, pupils.schoolId), eq(classes.id, pupils.classId)))
    .where(and(eq(pupils.schoolId, schoolId), eq(pupils.id, pupilId)));
  if (!pupil) return null;
  const sibling = alias(pupils, "sibling");
  const siblings = await tx
    .select({
      id: sibling.id,
      legalFirstName: sibling.legalFirstName,
      legalLastName: sibling.legalLastName,
      preferredFirstName: sibling.preferredFirstName,
      preferredLastName: sibling.preferredLastName,
    })
    .from(pupilSiblings)
    .innerJoin(
      sibling,
      and(
        eq(sibling.schoolId, pupilSiblings.schoolId),
        or(
          and(eq(pupilSiblings.pupilId, pupilId), eq(sibling.id, pupilSiblings.siblingId)),
          and(eq(pupilSiblings.siblingId, pupilId), eq(sibling.id, pupilSiblings.pupilId)),
        ),
      ),
    )
    .where(
      and(
        eq(pupilSiblings.schoolId, schoolId),
        or(eq(pupilSiblings.pupilId, pupilId), eq(pupilSiblings.siblingId, pupilId)),
      ),
    );
  const pupilContacts = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.schoolId, schoolId), eq(contacts.pupilId, pupilId)))
    .orderBy(asc(contacts.priority));
  return { ...pupil, siblings, contacts: pupilContacts };
}
