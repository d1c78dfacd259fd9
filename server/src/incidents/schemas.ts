import { z } from "zod";
import { BodyMapInput } from "./body-map.ts";

export const ToldDsl = z.object({
  told: z.boolean(),
  who: z.string().trim().max(200).optional(),
  when: z.iso.datetime({ offset: true }).optional(),
});

// The fields an author writes, with no defaults: an edit changes only what it names.
const fields = {
  account: z.string().trim().min(1, "Write what happened.").max(20_000),
  location: z.string().trim().max(200).nullable(),
  categoryIds: z.array(z.uuid()).min(1, "Choose at least one category.").max(20),
  linkedPupilIds: z.array(z.uuid()).max(30),
  occurredAt: z.iso.datetime({ offset: true }),
  agencyIds: z.array(z.uuid()).max(30),
  status: z.enum(["open", "closed"]),
  bodyMap: BodyMapInput.nullable(),
  toldDsl: ToldDsl.nullable(),
};

export const CreateIncident = z.object({
  pupilId: z.uuid(),
  account: fields.account,
  location: fields.location.optional(),
  categoryIds: fields.categoryIds,
  linkedPupilIds: fields.linkedPupilIds.default([]),
  occurredAt: fields.occurredAt,
  agencyIds: fields.agencyIds.default([]),
  status: fields.status.default("open"),
  bodyMap: fields.bodyMap.optional(),
  toldDsl: fields.toldDsl.optional(),
  alertUserIds: z.array(z.uuid()).max(100).default([]),
  alertGroupIds: z.array(z.uuid()).max(20).default([]),
  // A DSL recording a concern raised by someone else (e.g. from handwritten notes).
  onBehalfOf: z.uuid().optional(),
  // The server-side draft this came from: discarded when the incident is saved.
  draftId: z.uuid().optional(),
});
export type CreateIncident = z.infer<typeof CreateIncident>;

export const EditIncident = z.object({
  baseRevisionId: z.uuid(),
  changes: z.object(fields).partial().strict(),
  reason: z.string().trim().min(1, "Say why you are changing it.").max(2000),
});
export type EditIncident = z.infer<typeof EditIncident>;
