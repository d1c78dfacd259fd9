// The school's own category tree and agency list (its copy of the taxonomy).
import { and, asc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { AREAS, agencies, categories } from "../db/schema/index.ts";

const Category = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.enum(AREAS),
  dslOnly: z.boolean(),
  transfers: z.boolean(),
});

export const taxonomyRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/categories",
      {
        schema: {
          summary: "The school's category tree: categories with their subcategories",
          tags: ["taxonomy"],
          response: {
            200: z.object({
              items: z.array(Category.extend({ subcategories: z.array(Category) })),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select()
            .from(categories)
            .where(and(eq(categories.schoolId, who.schoolId), eq(categories.hidden, false)))
            .orderBy(asc(categories.sortOrder)),
        );
        const pick = (c: (typeof rows)[number]) => ({
          id: c.id,
          name: c.name,
          area: c.area,
          dslOnly: c.dslOnly,
          transfers: c.transfers,
        });
        return {
          items: rows
            .filter((c) => c.parentId === null)
            .map((c) => ({
              ...pick(c),
              subcategories: rows.filter((s) => s.parentId === c.id).map(pick),
            })),
        };
      },
    );

    app.get(
      "/api/v1/agencies",
      {
        schema: {
          summary: "The school's list of agencies",
          tags: ["taxonomy"],
          response: {
            200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select({ id: agencies.id, name: agencies.name })
            .from(agencies)
            .where(and(eq(agencies.schoolId, who.schoolId), eq(agencies.hidden, false)))
            .orderBy(asc(agencies.sortOrder)),
        );
        return { items: rows };
      },
    );
  };
