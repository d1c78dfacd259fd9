// The review deadline's settings (seed 004 §5): how many hours the DSL team has to review
// a new incident, how long an alert may stay unread, and whether weekends and the
// school's holidays count. The administrator keeps the calendar; the DSL team may too.
import { eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { schools } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { readSchoolSettings, SchoolSettings } from "./school-settings.ts";

const ReviewSettings = z.object({
  reviewWithinHours: SchoolSettings.shape.reviewWithinHours.unwrap(),
  unreadAlertHours: SchoolSettings.shape.unreadAlertHours.unwrap(),
  counting: z.enum(["clock", "school-days"]),
  holidays: z
    .array(
      z
        .object({
          name: z.string().trim().max(80).default(""),
          from: z.iso.date(),
          to: z.iso.date(),
        })
        .refine((h) => h.from <= h.to, {
          message: "The holiday must end on or after the day it starts.",
          path: ["to"],
        }),
    )
    .max(100),
});

export const reviewSettingsRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/settings/review",
      {
        schema: {
          summary: "The review deadline: hours, unread-alert hours, and the school calendar",
          tags: ["settings"],
          response: { 200: ReviewSettings },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "roster.manage") && !can(who.roles, "dashboard.view")) {
          throw problems.forbidden("Only the administrator and the DSL team can see this.");
        }
        const s = who.settings;
        return {
          reviewWithinHours: s.reviewWithinHours,
          unreadAlertHours: s.unreadAlertHours,
          counting: s.reviewCalendar.counting,
          holidays: s.reviewCalendar.holidays,
        };
      },
    );

    app.put(
      "/api/v1/settings/review",
      {
        schema: {
          summary: "Change the review deadline and the school calendar",
          tags: ["settings"],
          body: ReviewSettings,
          response: { 200: ReviewSettings },
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
        const { reviewWithinHours, unreadAlertHours, counting, holidays } = request.body;
        await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const [row] = await tx
            .select({ settings: schools.settings })
            .from(schools)
            .where(eq(schools.id, who.schoolId))
            .for("update");
          const next = {
            ...(row?.settings as object),
            reviewWithinHours,
            unreadAlertHours,
            reviewCalendar: { counting, holidays },
          };
          // Checked whole before it is stored: a school never holds settings it cannot read.
          SchoolSettings.parse(next);
          await tx
            .update(schools)
            .set({ settings: sql`${JSON.stringify(next)}::jsonb` })
            .where(eq(schools.id, who.schoolId));
          await audit(tx, who.schoolId, who.accountId, "settings.review-changed", {
            reviewWithinHours,
            unreadAlertHours,
            counting,
            holidays: holidays.length,
          });
        });
        const saved = readSchoolSettings({
          ...who.settings,
          reviewWithinHours,
          unreadAlertHours,
          reviewCalendar: { counting, holidays },
        });
        return {
          reviewWithinHours: saved.reviewWithinHours,
          unreadAlertHours: saved.unreadAlertHours,
          counting: saved.reviewCalendar.counting,
          holidays: saved.reviewCalendar.holidays,
        };
      },
    );
  };
