// npm run bench [-- --quick]: what staff, a DSL and a trust feel, on a real PostgreSQL
// with fsync on, against generated data at scale, each figure beside the same rows by
// plain SQL. Writes bench/results/<timestamp>.json and prints figure, target, met or
// short. --quick uses a fifth of the data and fewer runs (for development; its figures
// are not the product's). BENCH_SCHOOLS=n caps the trust's schools.
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { buildApp } from "../server/src/app.ts";
import { openPostgres, queryRows } from "../server/src/db/database.ts";
import { startPostgres } from "../server/test/postgres-server.ts";
import {
  busiestPupil,
  countRecords,
  createTrust,
  type LoadedSchool,
  loadSchool,
} from "./datasets.ts";
import { explainHotQueries } from "./explain.ts";
import { rawClient } from "./raw-sql.ts";
import { printSummary, writeReport } from "./report.ts";
import { ratio } from "./scenarios/measure.ts";
import { pgliteFigures } from "./scenarios/pglite.ts";
import {
  chronology,
  chronologyLength,
  dashboard,
  inbox,
  picker,
  type ReadContext,
  redactedPdf,
} from "./scenarios/reads.ts";
import { submitLoad } from "./scenarios/submit-load.ts";
import { webFirstLoad } from "./scenarios/web-bundle.ts";
import { signIn, switchSchool } from "./session.ts";
import type { Figure } from "./stats.ts";

const quick = process.argv.includes("--quick");
const scale = quick ? 0.2 : 1;
const size = { pupils: Math.round(2000 * scale), records: Math.round(20_000 * scale) };
const maxSchools = Number(process.env.BENCH_SCHOOLS ?? (quick ? 5 : 50));
// The chronology is compared at the "100k" point (5 schools of 20,000) and at the end.
const firstStep = Math.min(5, maxSchools);
const runs = quick ? 20 : 100;
// Loading stops between schools once this is spent, to keep the run under 15 minutes;
// the figures then say how many records were reached.
const loadBudgetMs = Number(process.env.BENCH_LOAD_BUDGET_S ?? (quick ? 60 : 420)) * 1000;
const started = performance.now();
const log = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const pg = await startPostgres({ fsync: true });
const db = await openPostgres(pg.url, 10);
const raw = rawClient(pg.url);
const figures: Figure[] = [];
// The machine is shared: its load average is kept beside the figures.
const data: Record<string, unknown> = {
  quick,
  size,
  maxSchools,
  cpus: cpus().length,
  node: process.version,
  loadAverageAtStart: loadavg(),
};
try {
  await db.migrate();
  const trust = await createTrust(db, "bench");
  let loadedMs = 0;
  const schools: LoadedSchool[] = [];
  const load = async (upTo: number) => {
    const t = performance.now();
    const from = schools.length;
    // Two schools at once: one generates rows in Node while the other is written.
    let next = from;
    const worker = async () => {
      for (let i = next++; i < upTo; i = next++) {
        if (i > 0 && loadedMs + (performance.now() - t) > loadBudgetMs) {
          if (data.loadBudgetSpentAt === undefined) log(`load budget spent at ${i} schools`);
          data.loadBudgetSpentAt ??= i;
          return;
        }
        schools.push(
          await loadSchool(db, {
            ...size,
            name: i === 0 ? "Large Academy" : `Trust School ${letters(i)}`,
            seed: i === 0 ? "bench-large" : `bench-trust-${i}`,
            trustId: trust.trustId,
            trustDslEmail: trust.trustDslEmail,
          }),
        );
        log(`school ${i + 1}/${upTo} loaded (${schools.at(-1)?.records} records)`);
      }
    };
    await Promise.all(upTo - from > 1 ? [worker(), worker()] : [worker()]);
    loadedMs += performance.now() - t;
    const records = await countRecords(db);
    const pupils = schools.reduce((n, s) => n + s.pupils, 0);
    figures.push({
      name: `load ${schools.length - from} school(s) by bulk insert (${records} records, ${pupils} pupils in all)`,
      measure: "time",
      value: (performance.now() - t) / 1000,
      unit: "s",
      note: `${Math.round(((schools.length - from) * size.records) / ((performance.now() - t) / 1000))} records/s`,
    });
    return { records, pupils };
  };

  await load(1);
  const large = schools[0] as LoadedSchool;
  const app = await buildApp({ db, webRoot: "/nonexistent" });
  const ctx: ReadContext = { app, raw: raw.query, runs, schoolId: large.schoolId };
  const dsl = await signIn(app, `dsl@${large.domain}`);
  const sendco = await signIn(app, `sendco@${large.domain}`);
  const pupil = await busiestPupil(db, large.schoolId);
  const length = await chronologyLength(app, dsl, pupil.id);
  data.chronology = { pupilId: pupil.id, ...length };
  log(`chronology: ${length.entries} entries over ${length.years.toFixed(1)} years`);
  const label = `${length.entries} entries`;

  const first = await chronology(
    ctx,
    dsl,
    pupil.id,
    `${label}, ${size.records} records in the database`,
  );
  figures.push(first, overRaw(first));
  figures.push(await redactedPdf(ctx, dsl, pupil.id));
  figures.push(await picker(ctx, sendco, `${size.pupils}-pupil school`, [large.schoolId]));
  const [dslRow] = (await raw.query("select id from accounts where email = $1", [
    `dsl@${large.domain}`,
  ])) as { id: string }[];
  figures.push(await inbox(ctx, dsl, dslRow?.id as string));
  figures.push(await dashboard(ctx, dsl));
  log("reads at one school measured");

  const at100k = await load(firstStep);
  const second = await chronology(ctx, dsl, pupil.id, `${label}, ${at100k.records} records`);
  figures.push(second);
  if (maxSchools > firstStep && schools.length === firstStep) {
    const atAll = await load(maxSchools);
    const third = await chronology(ctx, dsl, pupil.id, `${label}, ${atAll.records} records`);
    figures.push(
      third,
      ratio(
        `chronology p95 at ${atAll.records} records over ${at100k.records}`,
        (third.p95 ?? 0) / (second.p95 ?? 1),
        1.3,
      ),
    );
  }
  data.records = await countRecords(db);
  data.pupils = schools.reduce((n, s) => n + s.pupils, 0);
  data.schools = schools.map((s) => ({
    name: s.name,
    records: s.records,
    loadMs: Math.round(s.ms),
  }));

  // The trust DSL: the picker in one school of the trust (what the API offers), beside
  // a search over every pupil of the trust by SQL (what a trust-wide search would cost).
  const trustDsl = await signIn(app, trust.trustDslEmail);
  await switchSchool(app, trustDsl, (schools.at(-1) as LoadedSchool).schoolId);
  figures.push(
    await picker(
      { ...ctx, schoolId: (schools.at(-1) as LoadedSchool).schoolId },
      trustDsl,
      `trust DSL over ${data.pupils} pupils`,
      schools.map((s) => s.schoolId),
      "API: the picker in the trust DSL's current school (there is no trust-wide search endpoint); raw SQL: the same search over every school of the trust",
    ),
  );
  await app.close();
  log("reads at scale measured");

  const pupils = (
    (await raw.query(
      "select id from pupils where school_id = $1 and on_roll order by id limit 200",
      [large.schoolId],
    )) as { id: string }[]
  ).map((p) => p.id);
  const [category] = await db.owner((tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`select id from categories where school_id = ${large.schoolId} and not dsl_only
          and not hidden order by sort_order limit 1`,
    ),
  );
  figures.push(
    ...(await submitLoad({
      databaseUrl: pg.url,
      raw: raw.query,
      schoolId: large.schoolId,
      staffEmails: ["dsl", "deputy", "head", "sendco", "pastoral"].map(
        (r) => `${r}@${large.domain}`,
      ),
      pupilIds: pupils,
      categoryId: category?.id as string,
      seconds: quick ? 5 : 20,
      connections: 50,
    })),
  );
  log("submit load measured");

  data.plans = await explainHotQueries(raw.query, large.schoolId, pupil.id, dslRow?.id as string);
  figures.push(webFirstLoad(!quick || !existsSync("web/dist/index.html")));
  log("web bundle measured");
  await db.close();
  figures.push(
    ...(await pgliteFigures(quick ? { pupils: 200, records: 2000 } : size, quick ? 10 : 30)),
  );
  log("PGlite measured");
} finally {
  await raw.close();
  await db.close().catch(() => {});
  pg.stop();
}

const at = new Date().toISOString();
data.loadAverageAtEnd = loadavg();
console.log(
  `\nLoad average (1, 5, 15 min) at start ${JSON.stringify(data.loadAverageAtStart)}, at end ${JSON.stringify(data.loadAverageAtEnd)} on ${cpus().length} cores`,
);
const file = writeReport({
  at,
  quick,
  data: { ...data, totalSeconds: (performance.now() - started) / 1000 },
  figures,
});
printSummary(figures);
console.log(`\nWritten to ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`);

/** 1 → "B", 26 → "AA": school names (and so staff email domains) without digits. */
function letters(n: number): string {
  return (n >= 26 ? letters(Math.floor(n / 26) - 1) : "") + String.fromCharCode(65 + (n % 26));
}

function overRaw(f: Figure): Figure {
  return ratio(
    `${f.name}: Tessera p95 over raw SQL p95`,
    (f.p95 ?? 0) / (f.raw?.p95 ?? 1),
    2,
    "raw SQL: the same incidents and actions by two plain queries as the database owner",
  );
}
