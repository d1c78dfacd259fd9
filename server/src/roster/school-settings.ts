// A school's settings, kept in schools.settings (jsonb) and read through this schema so
// every missing value has its default.
import { z } from "zod";
import { SCHOOL_ROLES } from "../access/roles.ts";

export const DEFAULT_AGREEMENT = {
  version: "2026-09",
  text: [
    "Tessera holds sensitive and confidential information about children. By using it you agree that:",
    "I will record concerns about a child promptly, factually and in my own words, and alert the designated safeguarding lead (DSL) team. Urgent concerns I will also tell a DSL in person, at once.",
    "I will read only what I need for my work, and I understand that every record I open is logged.",
    "I will not share my password or authenticator, not leave Tessera open where others can see it, and use Hide screen if I am interrupted.",
    "I will not discuss what I read with anyone who does not need to know, and I will not copy records out of Tessera.",
    "I will tell the DSL at once if I think someone else has used my account or seen records they should not.",
  ].join("\n\n"),
};

export const RETENTION_YEARS = { min: 18, max: 100 } as const;

export const SchoolSettings = z.object({
  idleLockMinutes: z.number().int().min(1).max(60).default(10),
  pupilNoun: z.enum(["pupil", "student", "learner"]).default("pupil"),
  hideScreenReturn: z.enum(["click", "password"]).default("click"),
  minPasswordLength: z.number().int().min(12).max(64).default(12),
  requireTraining: z.boolean().default(false),
  // Seed 004 §5: the DSL team reviews every new incident within this many hours.
  reviewWithinHours: z.number().int().min(1).max(168).default(24),
  // Whether the review deadline counts every clock hour (the default) or leaves out
  // weekends and the school's holidays, which the administrator sets.
  reviewCalendar: z
    .object({
      counting: z.enum(["clock", "school-days"]).default("clock"),
      holidays: z
        .array(
          z.object({ name: z.string().max(80).default(""), from: z.iso.date(), to: z.iso.date() }),
        )
        .max(100)
        .default([]),
    })
    .default({ counting: "clock", holidays: [] }),
  // An alert still unread after this many hours is chased on the DSL dashboard.
  unreadAlertHours: z.number().int().min(1).max(336).default(48),
  // Who must set up an authenticator. Elevated access needs a second factor whatever
  // this says; this makes the people who will need it enrol at first sign-in.
  secondFactorRoles: z
    .array(z.enum(SCHOOL_ROLES))
    .default([
      "dsl",
      "deputy_dsl",
      "head",
      "slt",
      "sendco",
      "pastoral",
      "attendance",
      "administrator",
    ]),
  // Words a school adds to the writing-help lists (incidents/writing-help.ts).
  writingHelp: z
    .object({
      opinionWords: z.array(z.string().max(60)).max(200).optional(),
      sweepingWords: z.array(z.string().max(60)).max(200).optional(),
      vagueTimeWords: z.array(z.string().max(60)).max(200).optional(),
    })
    .default({}),
  // changedAt is absent for the agreement every school starts with.
  agreement: z
    .object({
      version: z.string().min(1),
      text: z.string().min(1),
      changedAt: z.iso.datetime().optional(),
    })
    .default(DEFAULT_AGREEMENT),
  // PRODUCT.md: "no photographs unless a school enables them" — of marks on the body map.
  bodyMapPhotos: z.boolean().default(false),
  // How long records are kept: this many years after the pupil's date of birth (PRODUCT.md:
  // "default: the pupil's 25th birthday"). Stored and shown; the job that acts on it is a
  // later issue.
  retentionYears: z.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max).default(25),
  // How this school's emails are signed. Only the display name and Reply-To: the sending
  // address stays the instance's (mail/mailer.ts says why).
  emailSender: z
    .object({
      displayName: z.string().trim().min(1).max(80).optional(),
      replyTo: z.email().max(254).optional(),
    })
    .default({}),
});
export type SchoolSettings = z.infer<typeof SchoolSettings>;

/** The settings with defaults filled in; a damaged value falls back to the default. */
export function readSchoolSettings(raw: unknown): SchoolSettings {
  const parsed = SchoolSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : SchoolSettings.parse({});
}
