// "Browsers you have signed in from" on the account page: the list, and forgetting one
// (the next sign-in from it is then treated as new and emails again).
import { and, desc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { knownDevices } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { DEVICE_COOKIE } from "./known-devices.ts";
import { signedIn } from "./signed-in.ts";
import { hashToken } from "./tokens.ts";

const Device = z.object({
  id: z.uuid(),
  userAgent: z.string(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  current: z.boolean(),
});

export const knownDeviceRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/session/devices",
      {
        schema: {
          summary: "Browsers I have signed in from (a new one emails me)",
          tags: ["session"],
          response: { 200: z.object({ items: z.array(Device) }) },
        },
      },
      async (request) => {
        const who = signedIn(request);
        const mine = request.cookies[DEVICE_COOKIE];
        const here = mine ? hashToken(mine) : null;
        const rows = await db.global((tx) =>
          tx
            .select()
            .from(knownDevices)
            .where(eq(knownDevices.accountId, who.accountId))
            .orderBy(desc(knownDevices.lastSeenAt))
            .limit(100),
        );
        return {
          items: rows.map((r) => ({
            id: r.id,
            userAgent: r.userAgent,
            firstSeenAt: r.firstSeenAt,
            lastSeenAt: r.lastSeenAt,
            current: r.deviceHash === here,
          })),
        };
      },
    );

    app.delete(
      "/api/v1/session/devices/:id",
      {
        schema: {
          summary: "Forget a browser: signing in from it again emails me as a new one",
          tags: ["session"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const gone = await db.global((tx) =>
          tx
            .delete(knownDevices)
            .where(
              and(
                eq(knownDevices.id, request.params.id),
                eq(knownDevices.accountId, who.accountId),
              ),
            )
            .returning({ id: knownDevices.id }),
        );
        if (gone.length === 0) throw problems.notFound();
        return reply.status(204).send(null);
      },
    );
  };
