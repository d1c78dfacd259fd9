// Pre-set alert rules, kept by the DSL team: who (a group, a role, the pupils' class
// teachers) is alerted to which new incidents (every one, those in some areas, those in
// areas that are not restricted, notifiable ones). Rules are switched off, never deleted,
// so the alerts they sent keep naming them. Every change is an audit event.
import { and, asc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ALL_AREAS, NON_RESTRICTED_AREAS, ROLE_GRANTS } from "../access/grants.ts";
import { ROLE_LABELS, type SchoolRole } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import { type Database, onlyRow, type Tx } from "../db/database.ts";
import { type AlertCondition, type Area, alertRules, groups } from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";
import { AREA_LABELS, audienceLabel, conditionLabel } from "./describe-rule.ts";
import { acting, mayChange, mayRead } from "./may-configure.ts";
import { AlertRule, AlertRuleChange, NewAlertRule } from "./schemas.ts";

const IdParams = z.object({ id: z.uuid() });

/** The areas a rule's incidents may be in: what its audience must be able to read. */
function areasNeeded(condition: AlertCondition, areas: readonly Area[]): readonly Area[] {
  switch (condition) {
    case "every_incident":
      return ALL_AREAS;
    case "areas":
      return areas;
    case "non_restricted":
      return [];
    case "notifiable":
      // Notifiable categories are child protection records.
      return ["child_protection"];
  }
}

/**
 * A rule never opens records its audience could not read (the sending filter makes sure);
 * here the DSL is told at once when a rule for a role or for class teachers could never
 * alert anyone to the incidents it names.
 */
function checkReach(
  rule: { audience: string; role: SchoolRole | null; condition: AlertCondition; areas: Area[] },
  errors: FieldError[],
) {
  if (rule.condition === "areas" && rule.areas.length === 0) {
    errors.push({ path: "areas", message: "Choose at least one area." });
    return;
  }
  if (rule.audience === "group") return;
  const readable: readonly Area[] =
    rule.audience === "class_teachers"
      ? NON_RESTRICTED_AREAS
      : ROLE_GRANTS[rule.role as SchoolRole].flatMap((g) => g.areas);
  const who =
    rule.audience === "class_teachers" ? "Class teachers" : ROLE_LABELS[rule.role as SchoolRole];
  if (readable.length === 0) {
    errors.push({
      path: "role",
      message: `${who} cannot read pupil records, so a rule could never alert them. Choose a group or a role that reads records.`,
    });
    return;
  }
  const missing = areasNeeded(rule.condition, rule.areas).filter((a) => !readable.includes(a));
  if (missing.length > 0) {
    errors.push({
      path: rule.condition === "areas" ? "areas" : "condition",
      message: `${who} cannot read ${missing.map((a) => AREA_LABELS[a]).join(", ")} records: choose incidents they can read.`,
    });
  }
}

export async function listRules(tx: Tx, schoolId: string) {
  const rows = await tx
    .select({
      id: alertRules.id,
      audience: alertRules.audience,
      groupId: alertRules.groupId,
      role: alertRules.role,
      condition: alertRules.condition,
      areas: alertRules.areas,
      active: alertRules.active,
      groupName: groups.name,
    })
    .from(alertRules)
    .leftJoin(
      groups,
      and(eq(groups.schoolId, alertRules.schoolId), eq(groups.id, alertRules.groupId)),
    )
    .where(eq(alertRules.schoolId, schoolId))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
  return rows.map(({ groupName, ...r }) => ({
    ...r,
    role: r.role as SchoolRole | null,
    description: `${audienceLabel(r, groupName)} on ${conditionLabel(r)}`,
  }));
}

export const alertRuleRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/alert-rules",
      {
        schema: {
          summary: "The school's pre-set alert rules, switched-off ones too (DSL team)",
          tags: ["groups"],
          response: { 200: z.object({ items: z.array(AlertRule) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        mayRead(who);
        return { items: await db.tx(acting(who), (tx) => listRules(tx, who.schoolId)) };
      },
    );

    app.post(
      "/api/v1/alert-rules",
      {
        schema: {
          summary: "Add a pre-set alert rule (DSL team, second factor)",
          tags: ["groups"],
          body: NewAlertRule,
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const body = request.body;
        const errors: FieldError[] = [];
        const groupId = body.audience === "group" ? (body.groupId ?? null) : null;
        const role = body.audience === "role" ? (body.role ?? null) : null;
        const areas = body.condition === "areas" ? [...new Set(body.areas)] : [];
        if (body.audience === "group" && !groupId)
          errors.push({ path: "groupId", message: "Choose a group." });
        if (body.audience === "role" && !role)
          errors.push({ path: "role", message: "Choose a role." });
        if (errors.length === 0)
          checkReach({ audience: body.audience, role, condition: body.condition, areas }, errors);
        const id = await db.tx(acting(who), async (tx) => {
          if (groupId) {
            const [group] = await tx
              .select({ active: groups.active })
              .from(groups)
              .where(and(eq(groups.schoolId, who.schoolId), eq(groups.id, groupId)));
            if (!group?.active)
              errors.push({ path: "groupId", message: "Choose an active group of this school." });
          }
          if (errors.length > 0)
            throw problems.unprocessable("Some of the rule needs changing.", errors);
          const row = onlyRow(
            await tx
              .insert(alertRules)
              .values({
                schoolId: who.schoolId,
                audience: body.audience,
                groupId,
                role,
                condition: body.condition,
                areas,
              })
              .returning({ id: alertRules.id }),
            "the new rule",
          );
          await audit(tx, who.schoolId, who.accountId, "alert-rule.added", {
            ruleId: row.id,
            audience: body.audience,
            groupId,
            role,
            condition: body.condition,
            areas,
          });
          return row.id;
        });
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      "/api/v1/alert-rules/:id",
      {
        schema: {
          summary:
            "Change which incidents a pre-set alert rule fires on, or switch it off or on (DSL team, second factor)",
          tags: ["groups"],
          params: IdParams,
          body: AlertRuleChange,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const body = request.body;
        await db.tx(acting(who), async (tx) => {
          const [rule] = await tx
            .select()
            .from(alertRules)
            .where(
              and(eq(alertRules.schoolId, who.schoolId), eq(alertRules.id, request.params.id)),
            );
          if (!rule) throw problems.notFound("There is no such rule.");
          const condition = body.condition ?? rule.condition;
          const areas =
            condition === "areas" ? [...new Set(body.areas ?? (rule.areas as Area[]))] : [];
          const errors: FieldError[] = [];
          checkReach(
            { audience: rule.audience, role: rule.role as SchoolRole | null, condition, areas },
            errors,
          );
          if (errors.length > 0)
            throw problems.unprocessable("Some of the rule needs changing.", errors);
          const change: { condition?: AlertCondition; areas?: Area[]; active?: boolean } = {};
          if (condition !== rule.condition) change.condition = condition;
          if (areas.join() !== rule.areas.join()) change.areas = areas;
          if (body.active !== undefined && body.active !== rule.active) change.active = body.active;
          if (Object.keys(change).length === 0) return;
          await tx
            .update(alertRules)
            .set(change)
            .where(and(eq(alertRules.schoolId, who.schoolId), eq(alertRules.id, rule.id)));
          await audit(tx, who.schoolId, who.accountId, "alert-rule.changed", {
            ruleId: rule.id,
            ...change,
          });
        });
        return reply.status(204).send(null);
      },
    );
  };
