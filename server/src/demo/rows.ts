// The rows the generators produce: the schema's insert types with the ids filled in, so
// related rows (siblings, contacts, class teachers, an incident's revisions and alerts)
// can refer to one another before anything reaches the database.
import type {
  alertReads,
  alerts,
  classes,
  contacts,
  incidentCurrent,
  incidentEvents,
  incidentRevisions,
  incidents,
  pupilSiblings,
  pupils,
  yearGroups,
} from "../db/schema/index.ts";

type WithId<T> = T & { id: string };

export type YearGroupRow = WithId<typeof yearGroups.$inferInsert>;
export type ClassRow = WithId<typeof classes.$inferInsert>;
export type PupilRow = WithId<typeof pupils.$inferInsert>;
export type ContactRow = WithId<typeof contacts.$inferInsert>;
export type SiblingRow = typeof pupilSiblings.$inferInsert;

// Incident rows have every column given: the demo sets the clocks itself.
export type IncidentRow = Required<typeof incidents.$inferInsert>;
export type IncidentRevisionRow = Required<typeof incidentRevisions.$inferInsert>;
export type IncidentCurrentRow = Required<typeof incidentCurrent.$inferInsert>;
export type IncidentEventRow = Required<typeof incidentEvents.$inferInsert>;
export type AlertRow = Required<typeof alerts.$inferInsert>;
export type AlertReadRow = Required<typeof alertReads.$inferInsert>;
