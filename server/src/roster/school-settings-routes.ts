// The school's settings page (issue 9): idle lock, who must use a second factor, body-map
// photos, the retention default, the email sender and the acceptable-use text. The review
// deadline keeps its own page (review-settings-routes.ts). Changing anything needs a
// second factor, and every change is audited with the old and the new value.
import { eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can, DSL_TEAM_ROLES } from "../access/permissions.ts";
import { ROLE_LABELS, SCHOOL_ROLES } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { schools } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { RETENTION_YEARS, readSchoolSettings, SchoolSettings } from "./school-settings.ts";

const SchoolSettingsBody = z.object({
  idleLockMinutes: z.number(),
  secondFactorRoles: z.array(z.enum(SCHOOL_ROLES)),
  // The roles that always need a second factor: the page shows them ticked and fixed.
  alwaysSecondFactorRoles: z.array(z.enum(SCHOOL_ROLES)),
  bodyMapPhotos: z.boolean(),
  retentionYears: z.number(),
  emailSender: z.object({ displayName: z.string().nullable(), replyTo: z.string().nullable() }),
  agreement: z.object({ version: z.string(), text: z.string(), changedAt: z.string().nullable() }),
});
type SchoolSettingsBody = z.infer<typeof SchoolSettingsBody>;

// No control characters, and none of the characters that shape an address, in a name
// shown in a From header.
const SENDER_NAME = /^[^\p{Cc}<>"@]*$/u;

const SchoolSettingsChange = z
  .object({
    idleLockMinutes: z
      .number({ error: "Enter a whole number of minutes from 1 to 60." })
      .int("Enter a whole number of minutes from 1 to 60.")
      .min(1, "Enter a whole number of minutes from 1 to 60.")
      .max(60, "Enter a whole number of minutes from 1 to 60."),
    secondFactorRoles: z
      .array(z.enum(SCHOOL_ROLES, { error: "Choose roles from the list." }))
      .max(SCHOOL_ROLES.length),
    bodyMapPhotos: z.boolean(),
    retentionYears: z
      .number({ error: `Enter a whole number of years from ${RETENTION_YEARS.min} to 100.` })
      .int(`Enter a whole number of years from ${RETENTION_YEARS.min} to 100.`)
      .min(RETENTION_YEARS.min, `Enter a whole number of years from ${RETENTION_YEARS.min} to 100.`)
      .max(
        RETENTION_YEARS.max,
        `Enter a whole number of years from ${RETENTION_YEARS.min} to 100.`,
      ),
    emailSender: z.object({
      // Empty means "none": Tessera's own name, and no Reply-To.
      displayName: z
        .string()
        .trim()
        .max(80, "Keep the sender's name to 80 characters or fewer.")
        .regex(SENDER_NAME, 'Use letters, numbers and ordinary punctuation, without < > " or @.'),
      replyTo: z
        .string()
        .trim()
        .max(254, "Enter an email address of 254 characters or fewer.")
        .refine((v) => v === "" || z.email().safeParse(v).success, {
          message: "Enter an email address like office@school.example.org, or leave it empty.",
        }),
    }),
    agreementText: z
      .string()
      .trim()
      .min(1, "Enter the text everyone accepts.")
      .max(20_000, "Keep the text to 20,000 characters or fewer."),
  })
  .partial()
  .strict();

function bodyOf(s: SchoolSettings): SchoolSettingsBody {
  return {
    idleLockMinutes: s.idleLockMinutes,
    secondFactorRoles: s.secondFactorRoles,
    alwaysSecondFactorRoles: [...DSL_TEAM_ROLES],
    bodyMapPhotos: s.bodyMapPhotos,
    retentionYears: s.retentionYears,
    emailSender: {
      displayName: s.emailSender.displayName ?? null,
      replyTo: s.emailSender.replyTo ?? null,
    },
    agreement: {
      version: s.agreement.version,
      text: s.agreement.text,
      changedAt: s.agreement.changedAt ?? null,
    },
  };
}

/** A new agreement version: the moment it changed, so it sorts and reads as a date. */
function nextVersion(previous: string, now: Date): string {
  const version = now.toISOString();
  return version === previous ? `${version}.2` : version;
}

export const schoolSettingsRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/settings/school",
      {
        schema: {
          summary: "The school's settings: idle lock, second factor, photos, retention, sender",
          tags: ["settings"],
          response: { 200: SchoolSettingsBody },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "roster.manage")) {
          throw problems.forbidden("Only the administrator and the DSL team can see this.");
        }
        return bodyOf(who.settings);
      },
    );

    app.patch(
      "/api/v1/settings/school",
      {
        schema: {
          summary: "Change some of the school's settings (only the fields sent)",
          tags: ["settings"],
          body: SchoolSettingsChange,
          response: { 200: SchoolSettingsBody },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "roster.manage")) {
          throw problems.forbidden("Only the administrator and the DSL team can change this.");
        }
        if (who.secondFactor !== "satisfied") {
          throw problems.secondFactorRequired(
            "Confirm it is you with your second factor (authenticator code or security key) first, then save again.",
          );
        }
        const change = request.body;
        if (change.secondFactorRoles) {
          const missing = DSL_TEAM_ROLES.filter((r) => !change.secondFactorRoles?.includes(r));
          if (missing.length > 0) {
            throw problems.unprocessable(
              "The DSL team always needs a second factor: their access to records depends on it.",
              [
                {
                  path: "secondFactorRoles",
                  message: `${missing.map((r) => ROLE_LABELS[r]).join(" and ")} must always use a second factor.`,
                },
              ],
            );
          }
        }

        const saved = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [row] = await tx
              .select({ settings: schools.settings })
              .from(schools)
              .where(eq(schools.id, who.schoolId))
              .for("update");
            const raw = (row?.settings ?? {}) as Record<string, unknown>;
            const before = readSchoolSettings(raw);
            const next: Record<string, unknown> = { ...raw };
            const changes: { field: string; from: unknown; to: unknown }[] = [];
            const set = <K extends keyof SchoolSettings>(field: K, value: SchoolSettings[K]) => {
              if (JSON.stringify(before[field]) === JSON.stringify(value)) return;
              next[field] = value;
              changes.push({ field, from: before[field], to: value });
            };

            if (change.idleLockMinutes !== undefined)
              set("idleLockMinutes", change.idleLockMinutes);
            // The same roles in another order are no change.
            const roles = SCHOOL_ROLES.filter((r) => change.secondFactorRoles?.includes(r));
            const sameRoles =
              roles.length === before.secondFactorRoles.length &&
              roles.every((r) => before.secondFactorRoles.includes(r));
            if (change.secondFactorRoles && !sameRoles) set("secondFactorRoles", roles);
            if (change.bodyMapPhotos !== undefined) set("bodyMapPhotos", change.bodyMapPhotos);
            if (change.retentionYears !== undefined) set("retentionYears", change.retentionYears);
            if (change.emailSender) {
              const { displayName, replyTo } = change.emailSender;
              set("emailSender", {
                ...(displayName ? { displayName } : {}),
                ...(replyTo ? { replyTo } : {}),
              });
            }
            if (
              change.agreementText !== undefined &&
              change.agreementText !== before.agreement.text
            ) {
              // A new version: everyone accepts it again at their next page load.
              const now = new Date();
              set("agreement", {
                version: nextVersion(before.agreement.version, now),
                text: change.agreementText,
                changedAt: now.toISOString(),
              });
            }
            if (changes.length === 0) return before;
            // Checked whole before it is stored: a school never holds settings it cannot read.
            const parsed = SchoolSettings.parse(next);
            await tx
              .update(schools)
              .set({ settings: sql`${JSON.stringify(next)}::jsonb` })
              .where(eq(schools.id, who.schoolId));
            await audit(tx, who.schoolId, who.accountId, "settings.school-changed", { changes });
            return parsed;
          },
        );
        return bodyOf(saved);
      },
    );
  };
