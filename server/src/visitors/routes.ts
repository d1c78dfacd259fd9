// Visitor concern links over HTTP. The DSL team makes links and reads and matches the
// concerns; the visitor, with no account, opens a link and sends one concern through it
// and is told nothing back but "thank you".
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { can } from "../access/permissions.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import { clearFailures, pairKey, recordFailure, waitBeforeAttempt } from "../auth/throttle.ts";
import { hashToken } from "../auth/tokens.ts";
import { tooManyAttempts } from "../auth/too-many-attempts.ts";
import type { Database } from "../db/database.ts";
import { onlyRow } from "../db/database.ts";
import {
  accounts,
  schools,
  visitorConcernMatches,
  visitorConcerns,
  visitorLinks,
} from "../db/schema/index.ts";
import { Problem, problems } from "../http/problem.ts";
import { createIncident } from "../incidents/create-incident.ts";
import { enqueue } from "../jobs/outbox.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import { visitorConcernAccount } from "./visitor-concern-text.ts";
import { newVisitorToken, schoolOfToken } from "./visitor-token.ts";

type Who = SignedIn & { schoolId: string };

/** A multi-use link takes this many concerns an hour; one address this many a school. */
export const PER_LINK_PER_HOUR = 5;
export const PER_ADDRESS_PER_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;
export const THANK_YOU = "Thank you — sent to the safeguarding team";

const TokenParams = z.object({ token: z.string().min(1).max(200) });
const line = (max: number, message: string) => z.string().trim().min(1, message).max(max);

export const VisitorConcernInput = z.object({
  visitorName: line(200, "Enter your name."),
  visitorRole: line(200, "Say what you are doing in school, for example supply teacher."),
  visitorContact: line(320, "Give a phone number or email address so we can reach you."),
  childName: line(200, "Enter the child's name, or describe them if you do not know it."),
  account: line(20_000, "Write what you saw or heard."),
  happenedWhen: line(200, "Say when it happened, for example today at lunchtime."),
});

function requireDslTeam(who: Who) {
  // The DSL team's own permission: recording on behalf is theirs alone.
  if (!can(who.roles, "visitor.manage")) {
    throw problems.forbidden("Only the designated safeguarding leads can do this.");
  }
}

function gone(detail: string): Problem {
  return new Problem(410, "link-gone", "This link no longer works", detail);
}

/** The link a token opens, or a plain answer why not. */
async function openLink(db: Database, request: FastifyRequest, reply: FastifyReply, token: string) {
  // Guessing tokens is throttled like guessing passwords, per address.
  const pair = pairKey("visitor-link", request.ip);
  const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
  if (wait > 0) throw tooManyAttempts(reply, wait);
  const schoolId = schoolOfToken(token);
  const link = schoolId
    ? await db.tx({ schoolId, accountId: null }, async (tx) => {
        const [row] = await tx
          .select({
            id: visitorLinks.id,
            name: visitorLinks.name,
            singleUse: visitorLinks.singleUse,
            expiresAt: visitorLinks.expiresAt,
            usedAt: visitorLinks.usedAt,
            school: schools.name,
          })
          .from(visitorLinks)
          .innerJoin(schools, eq(schools.id, visitorLinks.schoolId))
          .where(
            and(eq(visitorLinks.schoolId, schoolId), eq(visitorLinks.tokenHash, hashToken(token))),
          );
        return row;
      })
    : undefined;
  if (!schoolId || !link) {
    await db.global((tx) => recordFailure(tx, pair));
    throw problems.notFound(
      "This link is not one of ours. Check it, or tell a member of staff what you saw or heard.",
    );
  }
  if (link.singleUse && link.usedAt) {
    throw gone(
      "This link has already been used once, and works only once. If you have something more to tell, speak to a member of staff or ask the school for a new link.",
    );
  }
  if (link.expiresAt.getTime() <= Date.now()) {
    throw gone(
      "This link has expired. Speak to a member of staff, or ask the school for a new link.",
    );
  }
  await db.global((tx) => clearFailures(tx, pair));
  return { ...link, schoolId };
}

const LinkState = z.enum(["open", "used", "expired"]);

export const visitorRoutes =
  (db: Database, publicUrl?: string): FastifyPluginAsyncZod =>
  async (app) => {
    const base = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`;

    app.post(
      "/api/v1/visitor-links",
      {
        schema: {
          summary:
            "Make a concern link for a visitor or supply agency (DSL team): single-use or for some hours",
          tags: ["visitors"],
          body: z.object({
            name: line(200, "Name the visitor or agency the link is for."),
            singleUse: z.boolean(),
            expiresInHours: z
              .number()
              .int()
              .min(1)
              .max(24 * 90),
          }),
          response: {
            201: z.object({
              id: z.uuid(),
              url: z.string(),
              expiresAt: z.date(),
              qrSvg: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDslTeam(who);
        const token = newVisitorToken(who.schoolId);
        const expiresAt = new Date(Date.now() + request.body.expiresInHours * HOUR_MS);
        const { id } = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) =>
            onlyRow(
              await tx
                .insert(visitorLinks)
                .values({
                  schoolId: who.schoolId,
                  tokenHash: hashToken(token),
                  name: request.body.name,
                  singleUse: request.body.singleUse,
                  expiresAt,
                  createdBy: who.accountId,
                })
                .returning({ id: visitorLinks.id }),
              "the new visitor link",
            ),
        );
        const url = `${base(request)}/visit/${token}`;
        const qrSvg = await QRCode.toString(url, { type: "svg", margin: 2 });
        return reply.status(201).send({ id, url, expiresAt, qrSvg });
      },
    );

    app.get(
      "/api/v1/visitor-links",
      {
        schema: {
          summary: "The school's visitor links, newest first (DSL team); never their secrets",
          tags: ["visitors"],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  name: z.string(),
                  singleUse: z.boolean(),
                  expiresAt: z.date(),
                  createdAt: z.date(),
                  createdBy: z.string(),
                  usedAt: z.date().nullable(),
                  state: LinkState,
                  concerns: z.number(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireDslTeam(who);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select({
              id: visitorLinks.id,
              name: visitorLinks.name,
              singleUse: visitorLinks.singleUse,
              expiresAt: visitorLinks.expiresAt,
              createdAt: visitorLinks.createdAt,
              createdBy: accounts.name,
              usedAt: visitorLinks.usedAt,
              concerns: sql<number>`(select count(*)::int from visitor_concerns c
                where c.school_id = ${visitorLinks.schoolId} and c.link_id = ${visitorLinks.id})`,
            })
            .from(visitorLinks)
            .innerJoin(accounts, eq(accounts.id, visitorLinks.createdBy))
            .where(eq(visitorLinks.schoolId, who.schoolId))
            .orderBy(desc(visitorLinks.createdAt))
            .limit(200),
        );
        const now = Date.now();
        return {
          items: rows.map((r) => ({
            ...r,
            state:
              r.singleUse && r.usedAt
                ? ("used" as const)
                : r.expiresAt.getTime() <= now
                  ? ("expired" as const)
                  : ("open" as const),
          })),
          nextCursor: null,
        };
      },
    );

    app.get(
      "/api/v1/visitor-links/:token",
      {
        config: { public: true },
        schema: {
          summary:
            "Open a visitor link (no account): says whether it still works and for which school",
          tags: ["visitors"],
          params: TokenParams,
          response: { 200: z.object({ school: z.string(), expiresAt: z.date() }) },
        },
      },
      async (request, reply) => {
        const link = await openLink(db, request, reply, request.params.token);
        return { school: link.school, expiresAt: link.expiresAt };
      },
    );

    app.post(
      "/api/v1/visitor-links/:token/concerns",
      {
        config: { public: true },
        schema: {
          summary:
            "Send a concern through a visitor link (no account); nothing is read back but thanks",
          tags: ["visitors"],
          params: TokenParams,
          body: VisitorConcernInput,
          response: { 202: z.object({ message: z.string() }) },
        },
      },
      async (request, reply) => {
        const link = await openLink(db, request, reply, request.params.token);
        const addressHash = pairKey("visitor-address", request.ip);
        const since = new Date(Date.now() - HOUR_MS);
        const outcome = await db.tx({ schoolId: link.schoolId, accountId: null }, async (tx) => {
          const count = async (where: ReturnType<typeof and>) => {
            const [row] = await tx
              .select({ n: sql<number>`count(*)::int` })
              .from(visitorConcerns)
              .where(where);
            return row?.n ?? 0;
          };
          const fromLink = await count(
            and(
              eq(visitorConcerns.schoolId, link.schoolId),
              eq(visitorConcerns.linkId, link.id),
              gte(visitorConcerns.submittedAt, since),
            ),
          );
          const fromAddress = await count(
            and(
              eq(visitorConcerns.schoolId, link.schoolId),
              eq(visitorConcerns.addressHash, addressHash),
              gte(visitorConcerns.submittedAt, since),
            ),
          );
          if (fromLink >= PER_LINK_PER_HOUR || fromAddress >= PER_ADDRESS_PER_HOUR) {
            return "rate-limited" as const;
          }
          if (link.singleUse) {
            // Two submits at once: only one finds the link unused.
            const used = await tx
              .update(visitorLinks)
              .set({ usedAt: new Date() })
              .where(
                and(
                  eq(visitorLinks.schoolId, link.schoolId),
                  eq(visitorLinks.id, link.id),
                  isNull(visitorLinks.usedAt),
                ),
              )
              .returning({ id: visitorLinks.id });
            if (used.length === 0) return "used" as const;
          }
          const concern = onlyRow(
            await tx
              .insert(visitorConcerns)
              .values({ schoolId: link.schoolId, linkId: link.id, addressHash, ...request.body })
              .returning({ id: visitorConcerns.id }),
            "the visitor concern",
          );
          await enqueue(
            tx,
            "visitor-concern.received",
            { schoolId: link.schoolId, concernId: concern.id },
            { schoolId: link.schoolId, dedupeKey: `visitor-concern:${concern.id}` },
          );
          return "sent" as const;
        });
        if (outcome === "rate-limited") {
          reply.header("retry-after", String(HOUR_MS / 1000));
          throw new Problem(
            429,
            "rate-limited",
            "Too many concerns sent",
            "Several concerns have been sent from here in the last hour. Please speak to a member of staff instead.",
          );
        }
        if (outcome === "used")
          throw gone("This link has already been used once, and works only once.");
        return reply.status(202).send({ message: THANK_YOU });
      },
    );

    app.get(
      "/api/v1/visitor-concerns",
      {
        schema: {
          summary: "Concerns sent by visitors, unmatched first, newest first (DSL team)",
          tags: ["visitors"],
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(50),
            cursor: z
              .string()
              .regex(/^\d{1,9}$/)
              .optional(),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  linkName: z.string(),
                  visitorName: z.string(),
                  visitorRole: z.string(),
                  visitorContact: z.string(),
                  childName: z.string(),
                  account: z.string(),
                  happenedWhen: z.string(),
                  submittedAt: z.date(),
                  match: z
                    .object({
                      incidentId: z.uuid(),
                      pupilId: z.uuid(),
                      matchedAt: z.date(),
                      matchedBy: z.string(),
                    })
                    .nullable(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireDslTeam(who);
        if (who.secondFactor !== "satisfied") throw secondFactorRequired();
        const offset = Number(request.query.cursor ?? 0);
        const limit = request.query.limit;
        const rows = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const found = await tx
              .select({
                id: visitorConcerns.id,
                linkName: visitorLinks.name,
                visitorName: visitorConcerns.visitorName,
                visitorRole: visitorConcerns.visitorRole,
                visitorContact: visitorConcerns.visitorContact,
                childName: visitorConcerns.childName,
                account: visitorConcerns.account,
                happenedWhen: visitorConcerns.happenedWhen,
                submittedAt: visitorConcerns.submittedAt,
                incidentId: visitorConcernMatches.incidentId,
                pupilId: visitorConcernMatches.pupilId,
                matchedAt: visitorConcernMatches.matchedAt,
                matchedBy: accounts.name,
              })
              .from(visitorConcerns)
              .innerJoin(
                visitorLinks,
                and(
                  eq(visitorLinks.schoolId, visitorConcerns.schoolId),
                  eq(visitorLinks.id, visitorConcerns.linkId),
                ),
              )
              .leftJoin(
                visitorConcernMatches,
                and(
                  eq(visitorConcernMatches.schoolId, visitorConcerns.schoolId),
                  eq(visitorConcernMatches.concernId, visitorConcerns.id),
                ),
              )
              .leftJoin(accounts, eq(accounts.id, visitorConcernMatches.matchedBy))
              .where(eq(visitorConcerns.schoolId, who.schoolId))
              .orderBy(
                sql`${visitorConcernMatches.concernId} is not null`,
                desc(visitorConcerns.submittedAt),
                visitorConcerns.id,
              )
              .limit(limit + 1)
              .offset(offset);
            // Concerns name children and say what happened: reading them is a read.
            await logAccess(tx, {
              schoolId: who.schoolId,
              accountId: who.accountId,
              action: "visitor-concerns.list",
              decision: { allowed: true, reason: "grant" },
              recordType: "visitor_concern",
              ip: request.ip,
            });
            return found;
          },
        );
        const page = rows.slice(0, limit);
        return {
          items: page.map(({ incidentId, pupilId, matchedAt, matchedBy, ...c }) => ({
            ...c,
            match:
              incidentId && pupilId && matchedAt
                ? { incidentId, pupilId, matchedAt, matchedBy: matchedBy ?? "" }
                : null,
          })),
          nextCursor: rows.length > limit ? String(offset + limit) : null,
        };
      },
    );

    app.post(
      "/api/v1/visitor-concerns/:id/match",
      {
        schema: {
          summary:
            "Match a visitor's concern to a pupil (DSL team): it becomes an incident on that pupil",
          tags: ["visitors"],
          params: z.object({ id: z.uuid() }),
          body: z.object({
            pupilId: z.uuid(),
            categoryIds: z.array(z.uuid()).min(1, "Choose at least one category.").max(20),
            // When it happened, if the DSL can tell from the visitor's words; else when sent.
            occurredAt: z.iso.datetime({ offset: true }).optional(),
          }),
          response: {
            201: z.object({ incidentId: z.uuid(), number: z.number() }),
          },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDslTeam(who);
        if (who.secondFactor !== "satisfied") throw secondFactorRequired();
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [concern] = await tx
              .select({
                id: visitorConcerns.id,
                linkName: visitorLinks.name,
                visitorName: visitorConcerns.visitorName,
                visitorRole: visitorConcerns.visitorRole,
                visitorContact: visitorConcerns.visitorContact,
                childName: visitorConcerns.childName,
                account: visitorConcerns.account,
                happenedWhen: visitorConcerns.happenedWhen,
                submittedAt: visitorConcerns.submittedAt,
                matched: visitorConcernMatches.concernId,
              })
              .from(visitorConcerns)
              .innerJoin(
                visitorLinks,
                and(
                  eq(visitorLinks.schoolId, visitorConcerns.schoolId),
                  eq(visitorLinks.id, visitorConcerns.linkId),
                ),
              )
              .leftJoin(
                visitorConcernMatches,
                and(
                  eq(visitorConcernMatches.schoolId, visitorConcerns.schoolId),
                  eq(visitorConcernMatches.concernId, visitorConcerns.id),
                ),
              )
              .where(
                and(
                  eq(visitorConcerns.schoolId, who.schoolId),
                  eq(visitorConcerns.id, request.params.id),
                ),
              );
            if (!concern) throw problems.notFound();
            if (concern.matched) {
              throw problems.conflict("This concern has already been matched to a pupil.");
            }
            // The DSL records it; the account is the visitor's, with who they are.
            const incident = await createIncident(tx, who, {
              pupilId: request.body.pupilId,
              account: visitorConcernAccount(concern),
              categoryIds: request.body.categoryIds,
              linkedPupilIds: [],
              occurredAt: request.body.occurredAt ?? concern.submittedAt.toISOString(),
              agencyIds: [],
              status: "open",
              alertUserIds: [],
              alertGroupIds: [],
            });
            // Two DSLs matching at once: the second waits on the key, finds it taken,
            // and its incident is rolled back with this answer.
            const match = await tx
              .insert(visitorConcernMatches)
              .values({
                schoolId: who.schoolId,
                concernId: concern.id,
                incidentId: incident.id,
                pupilId: request.body.pupilId,
                matchedBy: who.accountId,
              })
              .onConflictDoNothing()
              .returning({ id: visitorConcernMatches.concernId });
            if (match.length === 0) {
              throw problems.conflict("This concern has already been matched to a pupil.");
            }
            return { incidentId: incident.id, number: incident.number };
          },
        );
        return reply.status(201).send(result);
      },
    );
  };
