// What the Add incident form needs besides the pickers: the writing-help word lists and,
// before sending, who will be alerted and whether each would otherwise be allowed to read
// a record in those areas (the form warns when not: the alert itself is then the reason).
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { decideRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import type { SchoolRole } from "../access/roles.ts";
import { loadSubject } from "../access/subject.ts";
import { alertRecipients } from "../alerts/recipients.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { accounts, memberships, pupils } from "../db/schema/index.ts";
import { listRules } from "../groups/rule-routes.ts";
import { problems } from "../http/problem.ts";
import { BODY_REGIONS, MARK_TYPES } from "./body-map.ts";
import { loadCategories } from "./references.ts";
import { writingHelpFor } from "./writing-help.ts";

export const incidentFormRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/incident-form",
      {
        schema: {
          summary: "Lists the Add incident form uses: writing-help words, body regions, mark types",
          tags: ["incidents"],
          response: {
            200: z.object({
              writingHelp: z.object({
                opinionWords: z.array(z.string()),
                sweepingWords: z.array(z.string()),
                vagueTimeWords: z.array(z.string()),
              }),
              bodyRegions: z.object({ front: z.array(z.string()), back: z.array(z.string()) }),
              markTypes: z.array(z.string()),
              // What this person may do on the form: the UI never works it out itself.
              abilities: z.object({ assignDslOnly: z.boolean(), recordOnBehalf: z.boolean() }),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        return {
          writingHelp: writingHelpFor(who.settings.writingHelp),
          bodyRegions: { front: [...BODY_REGIONS.front], back: [...BODY_REGIONS.back] },
          markTypes: [...MARK_TYPES],
          abilities: {
            assignDslOnly: can(who.roles, "incident.assignDslOnly"),
            recordOnBehalf: can(who.roles, "incident.recordOnBehalf"),
          },
        };
      },
    );

    app.post(
      "/api/v1/incidents/alert-preview",
      {
        schema: {
          summary: "Who an incident would alert, and whether each could read it without the alert",
          tags: ["incidents"],
          body: z.object({
            pupilId: z.uuid(),
            categoryIds: z.array(z.uuid()).max(20).default([]),
            linkedPupilIds: z.array(z.uuid()).max(30).default([]),
            alertUserIds: z.array(z.uuid()).max(100).default([]),
            alertGroupIds: z.array(z.uuid()).max(20).default([]),
          }),
          response: {
            200: z.object({
              recipients: z.array(
                z.object({
                  id: z.uuid(),
                  name: z.string(),
                  via: z.enum(["direct", "group", "preset"]),
                  // For a pre-set: the rule in words ("DSL team on every incident").
                  rule: z.string().nullable(),
                  wouldOtherwiseRead: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const body = request.body;
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const places = await tx
              .select({ id: pupils.id, yearGroupId: pupils.yearGroupId, classId: pupils.classId })
              .from(pupils)
              .where(
                and(
                  eq(pupils.schoolId, who.schoolId),
                  inArray(pupils.id, [body.pupilId, ...body.linkedPupilIds]),
                ),
              );
            if (!places.some((p) => p.id === body.pupilId)) return null;
            const cats = await loadCategories(tx, who.schoolId, body.categoryIds);
            const recipients = await alertRecipients(tx, who.schoolId, {
              userIds: body.alertUserIds,
              groupIds: body.alertGroupIds,
              authorId: who.accountId,
              excludedIds: [],
              presetsFor: { pupils: places, categories: cats },
            });
            if (recipients.length === 0) return [];
            const rules = recipients.some((r) => r.ruleId)
              ? new Map((await listRules(tx, who.schoolId)).map((r) => [r.id, r.description]))
              : new Map<string, string>();
            const people = await tx
              .select({ accountId: accounts.id, name: accounts.name, roles: memberships.roles })
              .from(memberships)
              .innerJoin(accounts, eq(accounts.id, memberships.accountId))
              .where(
                and(
                  eq(memberships.schoolId, who.schoolId),
                  isNull(memberships.deactivatedAt),
                  inArray(
                    memberships.accountId,
                    recipients.map((r) => r.accountId),
                  ),
                ),
              );
            const areas = [...new Set(cats.map((c) => c.area))];
            const out = [];
            for (const r of recipients) {
              const person = people.find((p) => p.accountId === r.accountId);
              if (!person) continue;
              // As if they had their second factor and no alert: would a grant let them in?
              const subject = await loadSubject(tx, {
                accountId: r.accountId,
                schoolId: who.schoolId,
                roles: person.roles as SchoolRole[],
                secondFactor: "satisfied",
              });
              const decision = decideRead(subject, {
                schoolId: who.schoolId,
                pupils: places,
                areas: areas.length ? areas : ["general"],
                authorId: who.accountId,
                alertedIds: [],
                excludedIds: [],
              });
              out.push({
                id: r.accountId,
                name: person.name,
                via: r.via,
                rule: r.ruleId ? (rules.get(r.ruleId) ?? null) : null,
                wouldOtherwiseRead: decision.allowed,
              });
            }
            return out.sort((a, b) => a.name.localeCompare(b.name));
          },
        );
        if (result === null)
          throw problems.unprocessable("Choose a pupil of this school.", [
            { path: "pupilId", message: "Choose a pupil of this school." },
          ]);
        return { recipients: result };
      },
    );
  };
