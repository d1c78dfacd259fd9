// The school's acceptable-use agreement, read and accepted on first use and whenever the
// school changes it (seed 004 section 20).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { agreementAcceptances } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { signedIn } from "./signed-in.ts";

export const agreementRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/agreement",
      {
        schema: {
          summary: "My school's agreement for using Tessera, and whether I have accepted it",
          tags: ["session"],
          response: {
            200: z.object({ version: z.string(), text: z.string(), accepted: z.boolean() }),
          },
        },
      },
      async (request) => {
        const who = signedIn(request);
        if (!who.schoolId) throw problems.notFound("You do not work in a school on Tessera yet.");
        const { version, text } = who.settings.agreement;
        return { version, text, accepted: !who.agreementRequired };
      },
    );

    app.post(
      "/api/v1/agreement",
      {
        schema: {
          summary: "Accept my school's agreement (the version I read)",
          tags: ["session"],
          body: z.object({ version: z.string().min(1) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        if (!who.schoolId) throw problems.notFound("You do not work in a school on Tessera yet.");
        if (request.body.version !== who.settings.agreement.version) {
          throw problems.conflict(
            "The agreement has changed since you opened it. Read the new one.",
          );
        }
        if (who.agreementRequired) {
          await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
            tx.insert(agreementAcceptances).values({
              schoolId: who.schoolId as string,
              accountId: who.accountId,
              version: request.body.version,
            }),
          );
        }
        return reply.status(204).send(null);
      },
    );
  };
