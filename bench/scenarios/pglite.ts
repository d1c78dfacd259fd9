// The embedded default (PGlite, on disk in a temporary folder): the large school's
// chronology and incident submits, for a small school deciding whether it needs
// PostgreSQL. PGlite has one backend: concurrent submits queue behind one another.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../server/src/app.ts";
import { openPglite } from "../../server/src/db/database.ts";
import { busiestPupil, createTrust, loadSchool, type SchoolSize } from "../datasets.ts";
import { signIn } from "../session.ts";
import { type Figure, spread } from "../stats.ts";
import { measure } from "./measure.ts";

export async function pgliteFigures(size: SchoolSize, runs: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "tessera-bench-pglite-"));
  const db = await openPglite(dir);
  try {
    await db.migrate();
    const trust = await createTrust(db, "bench-pglite");
    const school = await loadSchool(db, {
      ...size,
      name: "Large Academy",
      seed: "bench-large",
      trustId: trust.trustId,
      trustDslEmail: trust.trustDslEmail,
    });
    const app = await buildApp({ db, webRoot: "/nonexistent" });
    try {
      const dsl = await signIn(app, `dsl@${school.domain}`);
      const pupil = await busiestPupil(db, school.schoolId);
      const figures: Figure[] = [
        {
          name: `PGlite: load the large school (${school.records} records)`,
          measure: "time",
          value: school.ms / 1000,
          unit: "s",
        },
      ];
      figures.push(
        await measure(app, {
          name: "PGlite: chronology as a DSL, large school",
          runs,
          request: () => ({
            method: "GET",
            url: `/api/v1/pupils/${pupil.id}/chronology`,
            headers: { cookie: dsl.cookie },
          }),
          targetP95: 50,
        }),
      );
      const cats = (
        await app.inject({
          method: "GET",
          url: "/api/v1/categories",
          headers: { cookie: dsl.cookie },
        })
      ).json().items as { id: string; dslOnly: boolean }[];
      const categoryId = cats.find((c) => !c.dslOnly)?.id;
      const total = runs * 2;
      const clients = 50;
      const ms: number[] = [];
      let next = 0;
      let errors = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let n = next++; n < total; n = next++) {
            const t = performance.now();
            const res = await app.inject({
              method: "POST",
              url: "/api/v1/incidents",
              headers: {
                cookie: dsl.cookie,
                "x-csrf-token": dsl.csrf,
                "idempotency-key": randomUUID(),
              },
              payload: {
                pupilId: pupil.id,
                account: `Benchmark record ${n}.`,
                categoryIds: [categoryId],
                occurredAt: new Date(Date.now() - 60_000).toISOString(),
              },
            });
            ms.push(performance.now() - t);
            if (res.statusCode !== 201) errors++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const s = spread(ms);
      figures.push(
        {
          name: `PGlite: incident submits, ${clients} concurrent (in process), rate`,
          measure: "rate",
          value: (total - errors) / seconds,
          unit: "/s",
          note: `${total} submits, ${errors} errors; no target: PGlite serves one school on one connection`,
        },
        {
          name: `PGlite: incident submits, ${clients} concurrent (in process), latency`,
          measure: "p95",
          value: s.p95,
          unit: "ms",
          runs: ms.length,
          ...s,
        },
      );
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
