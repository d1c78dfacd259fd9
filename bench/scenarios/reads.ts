// The read scenarios of a DSL and of staff: the chronology (and its redacted PDF), the
// pupil picker, the alerts inbox and the overdue dashboard.
import type { FastifyInstance } from "fastify";
import { DASHBOARD_SQL, INBOX_SQL, type Raw, rawChronology, rawPicker } from "../raw-sql.ts";
import type { Session } from "../session.ts";
import type { Figure } from "../stats.ts";
import { measure } from "./measure.ts";

export interface ReadContext {
  app: FastifyInstance;
  raw: Raw;
  runs: number;
  schoolId: string;
}

export function chronology(
  ctx: ReadContext,
  dsl: Session,
  pupilId: string,
  label: string,
): Promise<Figure> {
  return measure(ctx.app, {
    name: `chronology as a DSL, ${label}`,
    runs: ctx.runs,
    request: () => ({
      method: "GET",
      url: `/api/v1/pupils/${pupilId}/chronology`,
      headers: { cookie: dsl.cookie },
    }),
    raw: () => rawChronology(ctx.raw, ctx.schoolId, pupilId),
    targetP95: 50,
  });
}

export async function chronologyLength(app: FastifyInstance, dsl: Session, pupilId: string) {
  const res = await app.inject({
    method: "GET",
    url: `/api/v1/pupils/${pupilId}/chronology`,
    headers: { cookie: dsl.cookie },
  });
  const body = res.json() as { items?: { occurredAt: string }[] };
  const items = body.items ?? [];
  const times = items.map((e) => Date.parse(e.occurredAt)).sort((a, b) => a - b);
  const years = times.length ? ((times.at(-1) ?? 0) - (times[0] ?? 0)) / (365.25 * 86_400_000) : 0;
  return { entries: items.length, years };
}

export function redactedPdf(ctx: ReadContext, dsl: Session, pupilId: string): Promise<Figure> {
  return measure(ctx.app, {
    name: "redacted chronology PDF",
    runs: Math.max(5, Math.round(ctx.runs / 15)),
    request: () => ({
      method: "GET",
      url: `/api/v1/pupils/${pupilId}/chronology.pdf?redact=true`,
      headers: { cookie: dsl.cookie },
    }),
    targetP95: 1000,
  });
}

// What people type into the picker: a first letter, two, a surname's start, a full name.
const TYPED = ["a", "ha", "mo", "sa", "j", "li", "kh", "smi", "em", "o", "ali k", "w"];

export function picker(
  ctx: ReadContext,
  staff: Session,
  label: string,
  rawSchools: string[],
  note?: string,
): Promise<Figure> {
  return measure(ctx.app, {
    name: `pupil picker as-you-type, ${label}`,
    runs: ctx.runs,
    request: (i) => ({
      method: "GET",
      url: `/api/v1/pupils?q=${encodeURIComponent(TYPED[i % TYPED.length] as string)}`,
      headers: { cookie: staff.cookie },
    }),
    raw: (i) =>
      rawPicker(ctx.raw, rawSchools, (TYPED[i % TYPED.length] as string).split(" ")[0] as string),
    targetP95: 20,
    ...(note ? { note } : {}),
  });
}

export function inbox(ctx: ReadContext, dsl: Session, dslAccountId: string): Promise<Figure> {
  return measure(ctx.app, {
    name: "alerts inbox as the DSL",
    runs: ctx.runs,
    request: () => ({ method: "GET", url: "/api/v1/alerts", headers: { cookie: dsl.cookie } }),
    raw: () => ctx.raw(INBOX_SQL, [ctx.schoolId, dslAccountId]),
    targetP95: 30,
  });
}

export function dashboard(ctx: ReadContext, dsl: Session): Promise<Figure> {
  return measure(ctx.app, {
    name: "DSL overdue dashboard",
    runs: ctx.runs,
    request: () => ({ method: "GET", url: "/api/v1/dashboard", headers: { cookie: dsl.cookie } }),
    raw: async () => {
      for (const q of DASHBOARD_SQL) await ctx.raw(q, [ctx.schoolId]);
    },
    targetP95: 30,
  });
}
