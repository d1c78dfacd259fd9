// The access log's hash chain catches a row changed or removed behind Tessera's back,
// and the verify command names the first broken link.
import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainAccessLog, verifyAccessLog } from "../src/access/access-log-chain.ts";
import type { Database } from "../src/db/database.ts";
import { accessLog } from "../src/db/schema/index.ts";
import { createPostgresDatabase, DRIVERS, freshDatabase } from "./databases.ts";
import { createSchool } from "./fixtures.ts";

async function addRows(db: Database, schoolId: string, n: number) {
  await db.tx({ schoolId, accountId: null }, (tx) =>
    tx.insert(accessLog).values(
      Array.from({ length: n }, (_, i) => ({
        schoolId,
        action: "pupil.read",
        outcome: i % 5 ? ("allowed" as const) : ("refused" as const),
        reason: "grant",
        ip: "192.0.2.1",
      })),
    ),
  );
}

/** What a tamperer with the owner's password could do: switch the guard off and edit. */
async function tamper(db: Database, statement: string) {
  await db.owner(async (tx) => {
    await tx.execute(sql`alter table access_log disable trigger refuse_update_delete`);
    await tx.execute(sql.raw(statement));
    await tx.execute(sql`alter table access_log enable trigger refuse_update_delete`);
  });
}

describe.each(DRIVERS)("the access-log chain on %s", (driver) => {
  let db: Database;
  let a: string;
  let b: string;

  beforeAll(async () => {
    db = await freshDatabase(driver);
    a = await createSchool(db, "School A");
    b = await createSchool(db, "School B");
  });
  afterAll(() => db.close());

  it("links every row per school, including rows added later", async () => {
    await addRows(db, a, 30);
    await addRows(db, b, 5);
    expect(await chainAccessLog(db)).toBe(35);
    await addRows(db, a, 4);
    expect(await chainAccessLog(db)).toBe(4);
    expect(await chainAccessLog(db)).toBe(0);
    expect(await verifyAccessLog(db)).toEqual({ links: 39, unlinked: 0, breaks: [] });
  });

  it("catches a changed row and names its link", async () => {
    const [row] = await db.owner((tx) =>
      tx
        .select()
        .from(accessLog)
        .where(sql`school_id = ${a}`)
        .orderBy(accessLog.seq)
        .offset(9)
        .limit(1),
    );
    await tamper(db, `update access_log set outcome = 'refused' where id = '${row!.id}'`);
    const report = await verifyAccessLog(db);
    expect(report.breaks).toEqual([
      { schoolId: a, position: 10, logId: row!.id, problem: "row or link changed" },
    ]);
  });

  it("catches a removed row", async () => {
    const [row] = await db.owner((tx) =>
      tx
        .select()
        .from(accessLog)
        .where(sql`school_id = ${b}`)
        .orderBy(accessLog.seq)
        .offset(2)
        .limit(1),
    );
    await tamper(db, `delete from access_log where id = '${row!.id}'`);
    const report = await verifyAccessLog(db);
    expect(report.breaks).toContainEqual({
      schoolId: b,
      position: 3,
      logId: row!.id,
      problem: "row missing",
    });
    expect(report.breaks).toHaveLength(2);
  });
});

describe("npm run verify-access-log", () => {
  it("says the log is intact, then names the first broken link after tampering", async () => {
    const url = await createPostgresDatabase();
    const { openPostgres } = await import("../src/db/database.ts");
    const db = await openPostgres(url, 2);
    await db.migrate();
    const school = await createSchool(db);
    await addRows(db, school, 3);
    const run = () => {
      try {
        return {
          code: 0,
          out: execFileSync("npx", ["tsx", "server/src/access/verify-access-log-cli.ts"], {
            env: { ...process.env, DATABASE_URL: url },
            encoding: "utf8",
          }),
        };
      } catch (e) {
        const err = e as { status: number; stderr: string };
        return { code: err.status, out: err.stderr };
      }
    };
    const ok = run();
    expect(ok).toEqual({
      code: 0,
      out: expect.stringContaining("The access log is intact: 3 rows chained"),
    });
    const [second] = await db.owner((tx) =>
      tx.select().from(accessLog).orderBy(accessLog.seq).offset(1).limit(1),
    );
    await tamper(db, `update access_log set ip = '203.0.113.9' where id = '${second!.id}'`);
    const broken = run();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`link 2 of school ${school}`);
    await db.close();
  });
});
