// npm run bench: measures what staff and a DSL feel, on a real PostgreSQL with fsync on,
// against the demo school (and its generated five years of records). Writes
// bench/results/<timestamp>.json and prints figure, target, met or short.
// This is the first cut of the benchmark issue: the large-school and trust data sets and
// the raw-SQL comparisons come next.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { buildApp } from "../server/src/app.ts";
import { currentTotp } from "../server/src/auth/totp.ts";
import { openPostgres, queryRows } from "../server/src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../server/src/demo/demo-school.ts";
import { startPostgres } from "../server/test/postgres-server.ts";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 50 : 300;

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const pg = await startPostgres({ fsync: true });
const db = await openPostgres(pg.url, 10);
const results: Record<string, unknown>[] = [];
try {
  await db.migrate();
  const t0 = performance.now();
  await ensureDemo(db);
  const demoMs = performance.now() - t0;
  const app = await buildApp({ db, webRoot: "/nonexistent" });
  const signIn = async (email: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email, password: DEMO_PASSWORD },
    });
    const cookie = `tessera_session=${res.cookies.find((c) => c.name === "tessera_session")?.value}`;
    const csrf = res.json().csrfToken as string;
    await app.inject({
      method: "POST",
      url: "/api/v1/session/second-factor",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { code: currentTotp(DEMO_TOTP_SECRET) },
    });
    return { cookie, csrf };
  };
  const ta = await signIn("ta@demo.tessera.school");
  const dsl = await signIn("dsl@demo.tessera.school");
  const [counts] = await db.owner((tx) =>
    queryRows<{ pupils: number; incidents: number }>(
      tx,
      sql`select (select count(*) from pupils)::int as pupils, (select count(*) from incidents)::int as incidents`,
    ),
  );
  const cats = (
    await app.inject({ method: "GET", url: "/api/v1/categories", headers: { cookie: ta.cookie } })
  ).json().items;
  const wellbeing = cats.find((c: { name: string }) => c.name === "Wellbeing").id as string;
  const [busiest] = await db.owner((tx) =>
    queryRows<{ id: string; n: number }>(
      tx,
      sql`select p as id, count(*)::int as n from incident_current, unnest(pupil_ids) p
          group by p order by 2 desc limit 1`,
    ),
  );

  async function time(name: string, target: number, run: (i: number) => Promise<number>) {
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const status = await run(i);
      ms.push(performance.now() - start);
      if (status >= 400) throw new Error(`${name}: HTTP ${status}`);
    }
    const figure = {
      name,
      runs: RUNS,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      targetP95: target,
    };
    results.push({ ...figure, met: figure.p95 <= target });
  }

  const names = ["a", "ha", "mo", "sa", "ja", "li", "e", "o"];
  await time(
    "pupil picker as-you-type (demo school)",
    20,
    async (i) =>
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/pupils?q=${names[i % names.length]}`,
          headers: { cookie: ta.cookie },
        })
      ).statusCode,
  );
  const pupilId = (
    await app.inject({ method: "GET", url: "/api/v1/pupils?q=a", headers: { cookie: ta.cookie } })
  ).json().items[0].id;
  await time(
    "add incident (sequential)",
    50,
    async () =>
      (
        await app.inject({
          method: "POST",
          url: "/api/v1/incidents",
          headers: { cookie: ta.cookie, "x-csrf-token": ta.csrf, "idempotency-key": randomUUID() },
          payload: {
            pupilId,
            account: "Benchmark record.",
            categoryIds: [wellbeing],
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
          },
        })
      ).statusCode,
  );
  await time(
    `chronology as a DSL (busiest pupil: ${busiest?.n ?? 0} records)`,
    50,
    async () =>
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/pupils/${busiest?.id}/chronology`,
          headers: { cookie: dsl.cookie },
        })
      ).statusCode,
  );
  await time(
    "alerts inbox as the DSL",
    30,
    async () =>
      (await app.inject({ method: "GET", url: "/api/v1/alerts", headers: { cookie: dsl.cookie } }))
        .statusCode,
  );
  await time(
    "DSL dashboard",
    30,
    async () =>
      (
        await app.inject({
          method: "GET",
          url: "/api/v1/dashboard",
          headers: { cookie: dsl.cookie },
        })
      ).statusCode,
  );
  const pdfRuns = quick ? 5 : 20;
  const pdfMs: number[] = [];
  for (let i = 0; i < pdfRuns; i++) {
    const start = performance.now();
    await app.inject({
      method: "GET",
      url: `/api/v1/pupils/${busiest?.id}/chronology.pdf?redact=true`,
      headers: { cookie: dsl.cookie },
    });
    pdfMs.push(performance.now() - start);
  }
  results.push({
    name: "redacted chronology PDF (busiest pupil)",
    runs: pdfRuns,
    p50: percentile(pdfMs, 50),
    p95: percentile(pdfMs, 95),
    targetP95: 1000,
    met: percentile(pdfMs, 95) <= 1000,
  });
  await app.close();

  const report = {
    at: new Date().toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    database: "PostgreSQL (fsync on), via inject (no network)",
    data: {
      pupils: counts?.pupils,
      incidents: counts?.incidents,
      demoCreatedMs: Math.round(demoMs),
    },
    results,
  };
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${report.at.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(
    `Data: ${counts?.pupils} pupils, ${counts?.incidents} incidents (demo created in ${Math.round(demoMs)} ms)`,
  );
  for (const r of results as {
    name: string;
    p50: number;
    p95: number;
    targetP95: number;
    met: boolean;
  }[]) {
    console.log(
      `${r.met ? "met  " : "SHORT"}  p95 ${r.p95.toFixed(1).padStart(7)} ms (target ${r.targetP95} ms, p50 ${r.p50.toFixed(1)} ms)  ${r.name}`,
    );
  }
  console.log(`Written to ${file}`);
} finally {
  await db.close();
  pg.stop();
}
