// Adding a pupil by hand on enrolment (seed 003), before the MIS export catches up. The
// same checks as an import; a later import matches the pupil by UPN.
import { and, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import { type Database, onlyRow } from "../db/database.ts";
import { pupils } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { requireRosterManager } from "../staff/roster-manager.ts";
import { planAndApply } from "./apply-import.ts";
import { checkPupil } from "./pupil-row.ts";
import { refuseSameUpnRace } from "./same-upn-race.ts";

const text = (max: number) => z.string().max(max);

export const addPupilRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/v1/pupils",
      {
        schema: {
          summary: "Add a pupil by hand on enrolment (DSL or administrator)",
          tags: ["roster"],
          body: z.object({
            upn: text(20),
            legalFirstName: text(100),
            legalLastName: text(100),
            preferredFirstName: text(100).optional(),
            preferredLastName: text(100).optional(),
            dateOfBirth: text(30),
            sex: text(20),
            /** "R", "Year 3", "3", "N1"… */
            year: text(20).optional(),
            /** A class or registration group by name; made if the school has none by it. */
            className: text(100).optional(),
          }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const checked = checkPupil(request.body, 1);
        if ("error" in checked) {
          const message = checked.error.message;
          const path = /UPN/.test(message)
            ? "upn"
            : /surname/.test(message)
              ? "legalLastName"
              : /forename/.test(message)
                ? "legalFirstName"
                : /birth/.test(message)
                  ? "dateOfBirth"
                  : /gender|sex/.test(message)
                    ? "sex"
                    : /year/.test(message)
                      ? "year"
                      : "className";
          throw problems.badRequest(message, [{ path, message }]);
        }
        const row = checked.row;
        const id = await refuseSameUpnRace(() =>
          db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
            const [taken] = await tx
              .select({ id: pupils.id })
              .from(pupils)
              .where(
                and(eq(pupils.schoolId, who.schoolId), sql`upper(${pupils.upn}) = ${row.upn}`),
              );
            if (taken) {
              throw problems.conflict(`A pupil with the UPN ${row.upn} is already on Tessera.`);
            }
            await planAndApply(tx, who.schoolId, [row], { apply: true, full: false });
            const made = onlyRow(
              await tx
                .select({ id: pupils.id })
                .from(pupils)
                .where(and(eq(pupils.schoolId, who.schoolId), eq(pupils.upn, row.upn))),
              "pupil",
            );
            await audit(tx, who.schoolId, who.accountId, "pupil.added", {
              pupilId: made.id,
              upn: row.upn,
            });
            return made.id;
          }),
        );
        return reply.status(201).send({ id });
      },
    );
  };
