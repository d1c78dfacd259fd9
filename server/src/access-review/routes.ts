// The access review (seed 004 §4.4, access "routinely reviewed"): who can read what and
// why — roles, grants, trust rights and open alerts — and when they last signed in, as a
// page and a CSV, with the DSL's "reviewed on" marks kept as audit events.
import { stringify } from "csv-stringify/sync";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ROLE_GRANTS } from "../access/grants.ts";
import { can } from "../access/permissions.ts";
import { ROLE_LABELS, SCHOOL_ROLES, type SchoolRole } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import { type Database, queryRows, type Tx } from "../db/database.ts";
import { problems } from "../http/problem.ts";

const AccessGrant = z.object({
  /** Why the person holds it: a role's default, the classes they teach, or a DSL's grant. */
  source: z.enum(["role", "class", "grant"]),
  role: z.enum(SCHOOL_ROLES).nullable(),
  scope: z.string(),
  areas: z.array(z.string()),
  reason: z.string().nullable(),
  grantedBy: z.string().nullable(),
  grantedAt: z.date().nullable(),
});

const ReviewRow = z.object({
  accountId: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(SCHOOL_ROLES)),
  grants: z.array(AccessGrant),
  trustRights: z.array(z.string()),
  openAlerts: z.number(),
  lastSignInAt: z.date().nullable(),
});

const Review = z.object({
  items: z.array(ReviewRow),
  reviews: z.array(z.object({ at: z.date(), by: z.string() })),
});
type Review = z.infer<typeof Review>;

function requireDsl(who: SignedIn) {
  if (!can(who.roles, "access.grant")) {
    throw problems.forbidden("Only a designated safeguarding lead can review access.");
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

async function loadReview(tx: Tx, schoolId: string): Promise<Review> {
  const people = await queryRows<{
    account_id: string;
    membership_id: string | null;
    name: string;
    email: string;
    roles: string[] | null;
    classes: string[] | null;
    trust_roles: string[] | null;
    open_alerts: number;
    last_sign_in_at: string | null;
  }>(
    tx,
    sql`with people as (
          select m.account_id, m.id as membership_id, m.roles
          from memberships m join accounts a on a.id = m.account_id
          where m.school_id = ${schoolId} and m.deactivated_at is null and a.active
          union
          select tm.account_id, null, null
          from trust_memberships tm join schools s on s.trust_id = tm.trust_id
          join accounts a on a.id = tm.account_id
          where s.id = ${schoolId} and a.active
            and not exists (select 1 from memberships m where m.school_id = ${schoolId}
                            and m.account_id = tm.account_id and m.deactivated_at is null)
        )
        select p.account_id, p.membership_id, a.name, a.email, p.roles,
               array(select c.name from class_teachers ct
                     join classes c on c.school_id = ct.school_id and c.id = ct.class_id
                     where ct.school_id = ${schoolId} and ct.membership_id = p.membership_id
                     order by c.name) as classes,
               array(select distinct unnest(tm.roles) || ' of ' || t.name
                     from trust_memberships tm join trusts t on t.id = tm.trust_id
                     join schools s on s.trust_id = t.id
                     where tm.account_id = p.account_id and s.id = ${schoolId}) as trust_roles,
               (select count(*)::int from alerts al
                where al.school_id = ${schoolId} and al.recipient_id = p.account_id
                  and not exists (select 1 from alert_withdrawals w
                                  where w.school_id = al.school_id and w.alert_id = al.id)) as open_alerts,
               (select max(s.created_at) from sessions s where s.account_id = p.account_id) as last_sign_in_at
        from people p join accounts a on a.id = p.account_id
        order by a.name`,
  );
  const explicit = await queryRows<{
    membership_id: string;
    scope: string;
    scope_names: string[];
    scope_count: number;
    areas: string[];
    reason: string | null;
    granted_by: string | null;
    granted_at: string;
  }>(
    tx,
    sql`select g.membership_id, g.scope, g.areas, g.reason, b.name as granted_by, g.granted_at,
               cardinality(g.scope_ids) as scope_count,
               case g.scope
                 when 'year_groups' then array(select y.name from year_groups y
                   where y.school_id = g.school_id and y.id = any(g.scope_ids) order by y.ncy)
                 when 'classes' then array(select c.name from classes c
                   where c.school_id = g.school_id and c.id = any(g.scope_ids) order by c.name)
                 else '{}'::text[] end as scope_names
        from grants g left join accounts b on b.id = g.granted_by
        where g.school_id = ${schoolId} and g.revoked_at is null
        order by g.granted_at`,
  );
  const reviews = await queryRows<{ at: string; by: string | null }>(
    tx,
    sql`select e.at, a.name as by from audit_events e left join accounts a on a.id = e.account_id
        where e.school_id = ${schoolId} and e.type = 'access.reviewed' order by e.at desc limit 20`,
  );
  return {
    items: people.map((p) => {
      const roles = (p.roles ?? []).filter((r): r is SchoolRole =>
        (SCHOOL_ROLES as readonly string[]).includes(r),
      );
      const fromRoles = roles.flatMap((role) =>
        (ROLE_GRANTS[role] as readonly { scope: string; areas: readonly string[] }[]).flatMap(
          (g) => {
            if (g.scope === "own_classes" && (p.classes ?? []).length === 0) return [];
            return [
              {
                source: g.scope === "all" ? ("role" as const) : ("class" as const),
                role,
                scope:
                  g.scope === "all" ? "All pupils" : `Classes: ${(p.classes ?? []).join(", ")}`,
                areas: [...g.areas],
                reason: null,
                grantedBy: null,
                grantedAt: null,
              },
            ];
          },
        ),
      );
      const given = explicit
        .filter((g) => g.membership_id === p.membership_id)
        .map((g) => ({
          source: "grant" as const,
          role: null,
          scope:
            g.scope === "all"
              ? "All pupils"
              : g.scope === "pupils"
                ? plural(g.scope_count, "named pupil", "named pupils")
                : `${g.scope === "classes" ? "Classes" : "Year groups"}: ${g.scope_names.join(", ")}`,
          areas: g.areas,
          reason: g.reason,
          grantedBy: g.granted_by,
          grantedAt: new Date(g.granted_at),
        }));
      return {
        accountId: p.account_id,
        name: p.name,
        email: p.email,
        roles,
        grants: [...fromRoles, ...given],
        trustRights: p.trust_roles ?? [],
        openAlerts: p.open_alerts,
        lastSignInAt: p.last_sign_in_at ? new Date(p.last_sign_in_at) : null,
      };
    }),
    reviews: reviews.map((r) => ({ at: new Date(r.at), by: r.by ?? "Someone no longer here" })),
  };
}

const AREA_LABELS: Record<string, string> = {
  general: "General",
  medical: "Medical",
  send: "SEND",
  safeguarding: "Safeguarding",
  child_protection: "Child protection",
};

export function reviewCsv(review: Review): string {
  return stringify(
    review.items.map((p) => ({
      Name: p.name,
      Email: p.email,
      Roles: p.roles.map((r) => ROLE_LABELS[r]).join("; "),
      "Can read (pupils × areas, and why)": p.grants
        .map(
          (g) =>
            `${g.scope} × ${g.areas.map((a) => AREA_LABELS[a] ?? a).join(", ")} (${g.source === "grant" ? `grant${g.reason ? `: ${g.reason}` : ""}` : g.source === "class" ? "class teacher" : ROLE_LABELS[g.role as SchoolRole]})`,
        )
        .join("; "),
      "Trust rights": p.trustRights.join("; "),
      "Open alerts": p.openAlerts,
      "Last signed in (UTC)": p.lastSignInAt
        ? p.lastSignInAt.toISOString().replace("T", " ").slice(0, 16)
        : "never",
    })),
    // A cell starting with = + - @ would run as a formula in a spreadsheet.
    { header: true, bom: true, cast: { string: (s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s) } },
  );
}

export const accessReviewRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/access-review",
      {
        schema: {
          summary: "Who can read what and why, and when they last signed in (DSL)",
          tags: ["access"],
          response: { 200: Review },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireDsl(who);
        return db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          loadReview(tx, who.schoolId),
        );
      },
    );

    app.get(
      "/api/v1/access-review.csv",
      {
        schema: {
          summary: "The access review as CSV (DSL)",
          tags: ["access"],
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDsl(who);
        const review = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          loadReview(tx, who.schoolId),
        );
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="access-review.csv"`)
          .send(reviewCsv(review));
      },
    );

    app.post(
      "/api/v1/access-review/reviewed",
      {
        schema: {
          summary: "Record that the DSL reviewed who can read what today (DSL)",
          tags: ["access"],
          response: { 201: z.object({ at: z.date(), by: z.string() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDsl(who);
        await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const review = await loadReview(tx, who.schoolId);
          await audit(tx, who.schoolId, who.accountId, "access.reviewed", {
            staff: review.items.length,
          });
        });
        return reply.status(201).send({ at: new Date(), by: who.name });
      },
    );
  };
