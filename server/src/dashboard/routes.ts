// The DSL's dashboard (seed 004 §5: every new incident reviewed within 24 hours): what
// is unreviewed, oldest — overdue — first, and alerts left unread too long. Counts and
// lists of numbers and ages; the records themselves open through their own checks.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { problems } from "../http/problem.ts";
import { loadOverdue } from "./overdue.ts";

export const dashboardRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/dashboard",
      {
        schema: {
          summary:
            "The DSL dashboard: unreviewed incidents (overdue first) and unread alerts overdue",
          tags: ["dashboard"],
          response: {
            200: z.object({
              reviewWithinHours: z.number(),
              counting: z.enum(["clock", "school-days"]),
              unreviewed: z.object({
                total: z.number(),
                overdue: z.number(),
                items: z.array(
                  z.object({
                    id: z.uuid(),
                    number: z.number(),
                    recordedAt: z.date(),
                    dueAt: z.date(),
                    ageHours: z.number(),
                    overdue: z.boolean(),
                    author: z.string(),
                  }),
                ),
              }),
              unreadAlertsOverdue: z.object({
                total: z.number(),
                items: z.array(
                  z.object({
                    alertId: z.uuid(),
                    recipient: z.string(),
                    incidentId: z.uuid(),
                    incidentNumber: z.number(),
                    actionId: z.uuid().nullable(),
                    sentAt: z.date(),
                  }),
                ),
              }),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "dashboard.view")) {
          throw problems.forbidden("The dashboard is for the designated safeguarding leads.");
        }
        const overdue = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          loadOverdue(tx, who.schoolId, who.settings),
        );
        return {
          reviewWithinHours: who.settings.reviewWithinHours,
          counting: who.settings.reviewCalendar.counting,
          ...overdue,
        };
      },
    );
  };
