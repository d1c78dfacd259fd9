// A backup taken on either database restores into an empty one of either kind with
// every row of every table and every stored file exactly as it was.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestoreRefused, restoreBackup, writeBackup } from "../src/db/backup.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { accessLog, auditEvents, categories, schools } from "../src/db/schema/index.ts";
import { ensureDemo } from "../src/demo/demo-school.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";

/** Every table's rows, in a stable order, as text that ignores nothing. */
async function everyRow(db: Database): Promise<Record<string, string>> {
  return db.owner(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await queryRows<{ rows: string }>(
        tx,
        sql.raw(
          `select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]')::text as rows from "${name}" t`,
        ),
      );
      out[name] = row!.rows;
    }
    return out;
  });
}

async function populate(db: Database, filesDir: string) {
  await ensureDemo(db);
  await db.owner(async (tx) => {
    const [school] = await tx.select().from(schools).limit(1);
    const schoolId = school!.id;
    // Edge cases a naive dump would spoil: unicode, quotes, newlines, nulls, jsonb,
    // a deep tree, identity columns.
    const [parent] = await tx
      .insert(categories)
      .values({ schoolId, name: 'Zoë\'s "quoted"\nline', area: "general", sortOrder: 99 })
      .returning();
    const [child] = await tx
      .insert(categories)
      .values({ schoolId, parentId: parent!.id, name: "child", area: "general", sortOrder: 1 })
      .returning();
    await tx
      .insert(categories)
      .values({ schoolId, parentId: child!.id, name: "grandchild", area: "general", sortOrder: 1 });
    await tx.insert(accessLog).values(
      Array.from({ length: 2500 }, (_, i) => ({
        schoolId,
        action: "pupil.read",
        outcome: i % 7 === 0 ? ("refused" as const) : ("allowed" as const),
        reason: i % 3 === 0 ? null : "grant",
      })),
    );
    await tx.insert(auditEvents).values({
      schoolId,
      type: "settings.changed",
      payload: { nested: { list: [1, 2.5, "três"], big: 9007199254740993n.toString() } },
    });
  });
  await mkdir(join(filesDir, "ab", "cd"), { recursive: true });
  await writeFile(join(filesDir, "ab", "cd", "blob"), Buffer.alloc(2_500_000, 7));
  await writeFile(join(filesDir, "small"), "hello");
}

describe.each(DRIVERS)("backup from %s", (from) => {
  let source: Database;
  let sourceFiles: string;
  let backupFile: string;
  let before: Record<string, string>;
  const work: string[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "tessera-backup-"));
    work.push(dir);
    sourceFiles = join(dir, "source-files");
    backupFile = join(dir, "backup.tessera.gz");
    source = await freshDatabase(from);
    await populate(source, sourceFiles);
    before = await everyRow(source);
    await writeBackup(source, sourceFiles, backupFile);
  });
  afterAll(() => source.close());

  it.each(DRIVERS)("restores into an empty %s database with every row and file", async (to) => {
    const target = await freshDatabase(to);
    const targetFiles = join(work[0]!, `restored-${to}`);
    try {
      await restoreBackup(target, targetFiles, backupFile);
      const after = await everyRow(target);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) {
        expect(after[table], table).toBe(before[table]);
      }
      expect(JSON.parse(before.access_log!)).toHaveLength(2500);
      expect(await readFile(join(targetFiles, "ab", "cd", "blob"))).toEqual(
        Buffer.alloc(2_500_000, 7),
      );
      expect(await readFile(join(targetFiles, "small"), "utf8")).toBe("hello");
      // New rows carry on numbering after the restored ones.
      const seq = await target.owner(async (tx) => {
        const [s] = await tx.select().from(schools).limit(1);
        const [row] = await tx
          .insert(accessLog)
          .values({ schoolId: s!.id, action: "pupil.read", outcome: "allowed" })
          .returning();
        return row!.seq;
      });
      expect(seq).toBe(2501);
    } finally {
      await target.close();
    }
  });

  it("refuses to restore over data that is already there", async () => {
    const other = join(work[0]!, "other-files");
    await expect(restoreBackup(source, other, backupFile)).rejects.toThrow(RestoreRefused);
  });
});

describe("a damaged backup", () => {
  it("is refused and restores nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tessera-backup-"));
    const db = await freshDatabase("postgres");
    await populate(db, join(dir, "files"));
    await writeBackup(db, join(dir, "files"), join(dir, "full.gz"));
    await db.close();
    // Cut the backup short: drop its end line.
    const { gunzipSync, gzipSync } = await import("node:zlib");
    const text = gunzipSync(await readFile(join(dir, "full.gz"))).toString("utf8");
    const cut = text.slice(0, text.lastIndexOf("\nE ") + 1);
    await writeFile(join(dir, "cut.gz"), gzipSync(cut));
    const target = await freshDatabase("postgres");
    try {
      await expect(
        restoreBackup(target, join(dir, "restored"), join(dir, "cut.gz")),
      ).rejects.toThrow(/incomplete/);
      const after = await everyRow(target);
      expect(after.pupils).toBe("[]");
    } finally {
      await target.close();
    }
  });
});

describe("npm run backup / npm run restore", () => {
  it("round-trip an embedded DATA_DIR through the commands a school would type", async () => {
    const { execFileSync } = await import("node:child_process");
    const dir = await mkdtemp(join(tmpdir(), "tessera-backup-cli-"));
    const from = join(dir, "from");
    const to = join(dir, "to");
    const file = join(dir, "school.tessera.gz");
    await mkdir(from, { recursive: true });
    const source = await (await import("../src/db/database.ts")).openPglite(join(from, "pg"));
    await source.migrate();
    await populate(source, join(from, "files"));
    const before = await everyRow(source);
    await source.close();
    const run = (dataDir: string, ...args: string[]) =>
      execFileSync("npm", ["run", "--silent", ...args], {
        cwd: new URL("../../", import.meta.url).pathname,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
        encoding: "utf8",
      });
    expect(run(from, "backup", "--", file)).toMatch(
      /^Backed up \d+ rows in \d+ tables and 2 files/,
    );
    // A backup never overwrites another.
    expect(() => run(from, "backup", "--", file)).toThrow(/already exists/);
    expect(run(to, "restore", "--", file)).toMatch(/^Restored \d+ rows/);
    const target = await (await import("../src/db/database.ts")).openPglite(join(to, "pg"));
    try {
      expect(await everyRow(target)).toEqual(before);
      expect(await readFile(join(to, "files", "small"), "utf8")).toBe("hello");
    } finally {
      await target.close();
    }
  }, 120_000);
});
