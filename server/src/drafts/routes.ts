// Server-side drafts: what someone is typing is saved as they type, so a dropped phone
// connection or a closed tab loses nothing. Readable by their author alone (the
// database's policy says so too); discarded on submit or after 30 days.
import { and, desc, eq, lt } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { drafts } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

export const DRAFT_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const DRAFT_KINDS = ["incident", "action"] as const;

const Draft = z.object({
  id: z.uuid(),
  kind: z.enum(DRAFT_KINDS),
  content: z.record(z.string(), z.unknown()),
  updatedAt: z.date(),
});

/** Removes drafts nobody has touched for 30 days (the background job calls this). */
export async function purgeOldDrafts(db: Database, now = new Date()): Promise<number> {
  const gone = await db.owner((tx) =>
    tx
      .delete(drafts)
      .where(lt(drafts.updatedAt, new Date(now.getTime() - DRAFT_LIFETIME_MS)))
      .returning({ id: drafts.id }),
  );
  return gone.length;
}

export const draftRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/drafts",
      {
        schema: {
          summary: "My drafts",
          tags: ["drafts"],
          querystring: z.object({ kind: z.enum(DRAFT_KINDS).optional() }),
          response: { 200: z.object({ items: z.array(Draft) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select()
            .from(drafts)
            .where(
              and(
                eq(drafts.schoolId, who.schoolId),
                eq(drafts.accountId, who.accountId),
                request.query.kind ? eq(drafts.kind, request.query.kind) : undefined,
              ),
            )
            .orderBy(desc(drafts.updatedAt)),
        );
        return {
          items: rows.map((d) => ({
            id: d.id,
            kind: d.kind as (typeof DRAFT_KINDS)[number],
            content: d.content as Record<string, unknown>,
            updatedAt: d.updatedAt,
          })),
        };
      },
    );

    app.put(
      "/api/v1/drafts/:id",
      {
        // Drafts can hold a long account of what happened.
        bodyLimit: 256 * 1024,
        schema: {
          summary: "Save a draft as I type (the client chooses the id)",
          tags: ["drafts"],
          params: z.object({ id: z.uuid() }),
          body: z.object({ kind: z.enum(DRAFT_KINDS), content: z.record(z.string(), z.unknown()) }),
          response: { 200: z.object({ id: z.uuid(), updatedAt: z.date() }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const now = new Date();
        const saved = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [row] = await tx
              .insert(drafts)
              .values({
                schoolId: who.schoolId,
                id: request.params.id,
                accountId: who.accountId,
                kind: request.body.kind,
                content: request.body.content,
                updatedAt: now,
              })
              .onConflictDoUpdate({
                target: [drafts.schoolId, drafts.id],
                set: { content: request.body.content, kind: request.body.kind, updatedAt: now },
                // Someone else's draft id: the update matches nothing (and RLS agrees).
                setWhere: eq(drafts.accountId, who.accountId),
              })
              .returning({ id: drafts.id, updatedAt: drafts.updatedAt });
            return row;
          },
        );
        if (!saved) throw problems.notFound();
        return saved;
      },
    );

    app.delete(
      "/api/v1/drafts/:id",
      {
        schema: {
          summary: "Discard one of my drafts",
          tags: ["drafts"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const gone = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .delete(drafts)
            .where(
              and(
                eq(drafts.schoolId, who.schoolId),
                eq(drafts.id, request.params.id),
                eq(drafts.accountId, who.accountId),
              ),
            )
            .returning({ id: drafts.id }),
        );
        if (gone.length === 0) throw problems.notFound();
        return reply.status(204).send(null);
      },
    );
  };
