import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { Problem } from "../http/problem.ts";

export const healthRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/healthz",
      {
        schema: {
          summary: "Whether Tessera and its database answer",
          response: { 200: z.object({ status: z.literal("ok") }) },
        },
        config: { public: true },
      },
      async () => {
        try {
          await db.global((tx) => tx.execute(sql`select 1`));
        } catch {
          throw new Problem(503, "unavailable", "The database is not answering");
        }
        return { status: "ok" as const };
      },
    );
  };
