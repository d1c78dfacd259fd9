// The rows the generators produce: the schema's insert types with the ids filled in, so
// related rows (siblings, contacts, class teachers) can refer to one another before
// anything reaches the database.
import type { classes, contacts, pupilSiblings, pupils, yearGroups } from "../db/schema/index.ts";

type WithId<T> = T & { id: string };

export type YearGroupRow = WithId<typeof yearGroups.$inferInsert>;
export type ClassRow = WithId<typeof classes.$inferInsert>;
export type PupilRow = WithId<typeof pupils.$inferInsert>;
export type ContactRow = WithId<typeof contacts.$inferInsert>;
export type SiblingRow = typeof pupilSiblings.$inferInsert;
