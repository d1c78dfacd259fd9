// The DSL team keeps the school's own taxonomy: rename, add, hide and reorder categories,
// subcategories, and the simpler lists (agencies, flag types, thresholds, document types:
// ./school-lists.ts). Nothing is ever deleted, and a category's area never
// changes: records keep the ids they were filed under, and their areas were fixed then.
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import type { Database, Tx } from "../db/database.ts";
import {
  AREAS,
  type Area,
  agencies,
  categories,
  categoryNames,
  flagTypes,
} from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import {
  addListItem,
  changeListItem,
  LISTS,
  type ListItem,
  type ListKind,
  listItems,
  renumber,
} from "./school-lists.ts";

/** Every list with an area has one on each item. */
function withArea(item: ListItem) {
  if (item.area === null) throw new Error(`List item ${item.id} has no area`);
  return { ...item, area: item.area };
}

type Who = SignedIn & { schoolId: string };

const Name = z.string().trim().min(1, "Enter a name.").max(80, "Keep the name to 80 characters.");
const Position = z.int().min(1).max(1000);
const IdParams = z.object({ id: z.uuid() });

const ManagedCategory = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.enum(AREAS),
  dslOnly: z.boolean(),
  transfers: z.boolean(),
  // Incidents in it reach whoever a "notifiable incidents" alert rule names (the head).
  notifiable: z.boolean(),
  hidden: z.boolean(),
  sortOrder: z.number(),
});
// `used`: something is filed under it, so its area is fixed.
const ManagedItem = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.enum(AREAS),
  hidden: z.boolean(),
  sortOrder: z.number(),
  used: z.boolean(),
});
const ManagedAgency = z.object({
  id: z.uuid(),
  name: z.string(),
  hidden: z.boolean(),
  sortOrder: z.number(),
});

function mayRead(who: Who) {
  if (!can(who.roles, "taxonomy.manage")) {
    throw problems.forbidden("Only the designated safeguarding leads can change the categories.");
  }
}

function mayChange(who: Who) {
  mayRead(who);
  if (who.secondFactor !== "satisfied") {
    throw problems.secondFactorRequired(
      "Changing the school's categories and lists needs the code from your authenticator app in this session.",
    );
  }
}

const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });

/** Puts `id` at `position` (1-based) among `siblings` and numbers them all again. */
function reorder(siblings: readonly string[], id: string, position: number): string[] {
  const rest = siblings.filter((s) => s !== id);
  const at = Math.min(Math.max(position - 1, 0), rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

function sameNameAmong(
  rows: readonly { id: string; name: string; hidden: boolean }[],
  name: string,
  self?: string,
) {
  return rows.find((r) => r.id !== self && r.name.toLowerCase() === name.toLowerCase());
}

function duplicate(kind: string, clash: { name: string; hidden: boolean }) {
  return problems.unprocessable("Choose another name.", [
    {
      path: "name",
      message: clash.hidden
        ? `There is already a hidden ${kind} called ${clash.name}: show it again instead.`
        : `There is already a ${kind} called ${clash.name}.`,
    },
  ]);
}

async function siblingsOf(tx: Tx, schoolId: string, parentId: string | null) {
  return tx
    .select({ id: categories.id, name: categories.name, hidden: categories.hidden })
    .from(categories)
    .where(
      and(
        eq(categories.schoolId, schoolId),
        parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId),
      ),
    )
    .orderBy(asc(categories.sortOrder), asc(categories.name));
}

export const taxonomyManageRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/taxonomy",
      {
        schema: {
          summary: "The school's categories and agencies, hidden ones too (DSL team)",
          tags: ["taxonomy"],
          response: {
            200: z.object({
              categories: z.array(
                ManagedCategory.extend({ subcategories: z.array(ManagedCategory) }),
              ),
              agencies: z.array(ManagedAgency),
              flagTypes: z.array(ManagedItem.extend({ dslOnly: z.boolean() })),
              thresholds: z.array(ManagedItem),
              documentTypes: z.array(ManagedItem),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        mayRead(who);
        return db.tx(acting(who), async (tx) => {
          const rows = await tx
            .select()
            .from(categories)
            .where(eq(categories.schoolId, who.schoolId))
            .orderBy(asc(categories.sortOrder), asc(categories.name));
          const agencyRows = await tx
            .select({
              id: agencies.id,
              name: agencies.name,
              hidden: agencies.hidden,
              sortOrder: agencies.sortOrder,
            })
            .from(agencies)
            .where(eq(agencies.schoolId, who.schoolId))
            .orderBy(asc(agencies.sortOrder), asc(agencies.name));
          const dslOnly = new Set(
            (
              await tx
                .select({ id: flagTypes.id })
                .from(flagTypes)
                .where(and(eq(flagTypes.schoolId, who.schoolId), eq(flagTypes.dslOnly, true)))
            ).map((f) => f.id),
          );
          const pick = (c: (typeof rows)[number]) => ({
            id: c.id,
            name: c.name,
            area: c.area,
            dslOnly: c.dslOnly,
            transfers: c.transfers,
            notifiable: c.notifiable,
            hidden: c.hidden,
            sortOrder: c.sortOrder,
          });
          return {
            categories: rows
              .filter((c) => c.parentId === null)
              .map((c) => ({
                ...pick(c),
                subcategories: rows.filter((s) => s.parentId === c.id).map(pick),
              })),
            agencies: agencyRows,
            flagTypes: (await listItems(tx, who.schoolId, "flag-types")).map((f) => ({
              ...withArea(f),
              dslOnly: dslOnly.has(f.id),
            })),
            thresholds: (await listItems(tx, who.schoolId, "thresholds")).map(withArea),
            documentTypes: (await listItems(tx, who.schoolId, "document-types")).map(withArea),
          };
        });
      },
    );

    app.post(
      "/api/v1/categories",
      {
        schema: {
          summary: "Add a category, or a subcategory under one (DSL team, second factor)",
          tags: ["taxonomy"],
          body: z.object({
            name: Name,
            parentId: z.uuid().nullable().optional(),
            area: z.enum(AREAS).optional(),
            dslOnly: z.boolean().optional(),
          }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const body = request.body;
        const id = await db.tx(acting(who), async (tx) => {
          const parentId = body.parentId ?? null;
          let area = body.area;
          let dslOnly = body.dslOnly ?? false;
          let transfers = true;
          if (parentId !== null) {
            const [parent] = await tx
              .select()
              .from(categories)
              .where(and(eq(categories.schoolId, who.schoolId), eq(categories.id, parentId)));
            if (!parent || parent.parentId !== null) {
              throw problems.unprocessable("Choose a category of this school.", [
                { path: "parentId", message: "Choose a category of this school's list." },
              ]);
            }
            if (area !== undefined && area !== parent.area) {
              throw problems.unprocessable("A subcategory has its category's area.", [
                {
                  path: "area",
                  message: `A subcategory has its category's area (${parent.area.replace("_", " ")}).`,
                },
              ]);
            }
            area = parent.area;
            dslOnly = body.dslOnly ?? parent.dslOnly;
            transfers = parent.transfers;
          }
          if (area === undefined) {
            throw problems.unprocessable("Choose the category's area.", [
              { path: "area", message: "Choose which area records in this category belong to." },
            ]);
          }
          const siblings = await siblingsOf(tx, who.schoolId, parentId);
          const clash = sameNameAmong(siblings, body.name);
          if (clash) throw duplicate(parentId ? "subcategory" : "category", clash);
          const newId = randomUUID();
          await tx.insert(categories).values({
            schoolId: who.schoolId,
            id: newId,
            parentId,
            name: body.name,
            area,
            dslOnly,
            transfers,
            sortOrder: siblings.length + 1,
          });
          await tx.insert(categoryNames).values({
            schoolId: who.schoolId,
            categoryId: newId,
            name: body.name,
            byId: who.accountId,
          });
          await audit(tx, who.schoolId, who.accountId, "category.added", {
            categoryId: newId,
            parentId,
            name: body.name,
            area,
            dslOnly,
          });
          return newId;
        });
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      "/api/v1/categories/:id",
      {
        schema: {
          summary:
            "Rename, hide or show, move, or mark notifiable a category or subcategory (DSL team, second factor); its area never changes",
          tags: ["taxonomy"],
          params: IdParams,
          body: z.object({
            name: Name.optional(),
            hidden: z.boolean().optional(),
            sortOrder: Position.optional(),
            // Changes who pre-set rules alert to new incidents only; records keep their alerts.
            notifiable: z.boolean().optional(),
            // Accepted only to refuse it clearly: see below.
            area: z.enum(AREAS).optional(),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const body = request.body;
        await db.tx(acting(who), async (tx) => {
          const [category] = await tx
            .select()
            .from(categories)
            .where(and(eq(categories.schoolId, who.schoolId), eq(categories.id, request.params.id)))
            .for("update");
          if (!category) throw problems.notFound("There is no such category in this school.");
          if (body.area !== undefined && body.area !== category.area) {
            throw problems.conflict(
              "A category's area cannot change: each record's area was fixed when it was filed, and it decides who may read it. Hide this category and add a new one in the right area.",
            );
          }
          const siblings = await siblingsOf(tx, who.schoolId, category.parentId);
          const kind = category.parentId ? "subcategory" : "category";
          const changed: {
            from?: string;
            to?: string;
            hidden?: boolean;
            sortOrder?: number;
            notifiable?: boolean;
          } = {};
          if (body.name !== undefined && body.name !== category.name) {
            const clash = sameNameAmong(siblings, body.name, category.id);
            if (clash) throw duplicate(kind, clash);
            await tx
              .update(categories)
              .set({ name: body.name })
              .where(and(eq(categories.schoolId, who.schoolId), eq(categories.id, category.id)));
            await tx.insert(categoryNames).values({
              schoolId: who.schoolId,
              categoryId: category.id,
              name: body.name,
              byId: who.accountId,
            });
            changed.from = category.name;
            changed.to = body.name;
          }
          if (body.hidden !== undefined && body.hidden !== category.hidden) {
            await tx
              .update(categories)
              .set({ hidden: body.hidden })
              .where(and(eq(categories.schoolId, who.schoolId), eq(categories.id, category.id)));
            changed.hidden = body.hidden;
          }
          if (body.notifiable !== undefined && body.notifiable !== category.notifiable) {
            await tx
              .update(categories)
              .set({ notifiable: body.notifiable })
              .where(and(eq(categories.schoolId, who.schoolId), eq(categories.id, category.id)));
            changed.notifiable = body.notifiable;
          }
          if (body.sortOrder !== undefined) {
            const order = reorder(
              siblings.map((s) => s.id),
              category.id,
              body.sortOrder,
            );
            await renumber(tx, who.schoolId, "categories", order);
            changed.sortOrder = order.indexOf(category.id) + 1;
          }
          if (Object.keys(changed).length > 0) {
            await audit(tx, who.schoolId, who.accountId, "category.changed", {
              categoryId: category.id,
              ...changed,
            });
          }
        });
        return reply.status(204).send(null);
      },
    );

    // Agencies, flag types, thresholds and document types: one shape, the same rules.
    for (const kind of Object.keys(LISTS) as ListKind[]) {
      const list = LISTS[kind];
      const extra =
        kind === "flag-types"
          ? {
              area: z.enum(AREAS).optional(),
              // Set and ended by the DSL team only (as a CP plan is).
              dslOnly: z.boolean().optional(),
            }
          : list.hasArea
            ? { area: z.enum(AREAS).optional() }
            : {};
      app.post(
        `/api/v1/${kind}`,
        {
          schema: {
            summary: `Add ${list.noun === "agency" ? "an" : "a"} ${list.noun} to the school's list (DSL team, second factor)`,
            tags: ["taxonomy"],
            body: z.object({ name: Name, ...extra }),
            response: { 201: z.object({ id: z.uuid() }) },
          },
        },
        async (request, reply) => {
          const who = inSchool(request);
          mayChange(who);
          const body = request.body as { name: string; area?: Area; dslOnly?: boolean };
          const id = await db.tx(acting(who), (tx) => addListItem(tx, acting(who), kind, body));
          return reply.status(201).send({ id });
        },
      );
      app.patch(
        `/api/v1/${kind}/:id`,
        {
          schema: {
            summary: list.hasArea
              ? `Rename, hide or show, or move ${list.noun === "agency" ? "an" : "a"} ${list.noun}; its area only until something is filed under it (DSL team, second factor)`
              : `Rename, hide or show, or move an ${list.noun} (DSL team, second factor)`,
            tags: ["taxonomy"],
            params: IdParams,
            body: z.object({
              name: Name.optional(),
              hidden: z.boolean().optional(),
              sortOrder: Position.optional(),
              ...(list.hasArea ? { area: z.enum(AREAS).optional() } : {}),
            }),
            response: { 204: z.null() },
          },
        },
        async (request, reply) => {
          const who = inSchool(request);
          mayChange(who);
          const body = request.body as {
            name?: string;
            hidden?: boolean;
            sortOrder?: number;
            area?: Area;
          };
          await db.tx(acting(who), (tx) =>
            changeListItem(tx, acting(who), kind, request.params.id, body),
          );
          return reply.status(204).send(null);
        },
      );
    }
  };
