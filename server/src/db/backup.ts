// A backup is one gzipped text file: every table's rows from one consistent snapshot,
// then every file of the file store. Lines start with a letter saying what they hold:
//   H {header}            format, when, which migrations the schema had
//   R <table> <row json>  one row, exactly as PostgreSQL's row_to_json wrote it (kept as
//                         text, never parsed, so big numbers and timestamps stay exact)
//   F {path, data}        a piece of a file (base64), in order
//   E {counts}            the end: how many rows and files, so a cut-short backup is caught
// Restoring loads rows with json_populate_recordset, which reverses row_to_json exactly.

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { type Database, queryRows, type Tx } from "./database.ts";

export const BACKUP_FORMAT = "tessera-backup/1";
const FILE_CHUNK = 1024 * 1024;
const ROW_BATCH = 2000;

interface Header {
  format: string;
  createdAt: string;
  driver: string;
  migrations: string[];
}
export interface BackupCounts {
  tables: Record<string, number>;
  files: number;
}

/** Tables in an order where every row's references come before it. */
export async function tablesInDependencyOrder(tx: Tx): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      tx,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((t) => t.name);
  const edges = await queryRows<{ child: string; parent: string }>(
    tx,
    sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && edges.every((e) => e.child !== t || placed.has(e.parent)),
    );
    if (ready.length === 0) throw new Error("the foreign keys form a cycle between tables");
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

/** Columns of a table that reference the same table (a tree, e.g. subcategories). */
async function selfReferences(tx: Tx, table: string): Promise<string[]> {
  const rows = await queryRows<{ column: string }>(
    tx,
    sql`select a.attname::text as column from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'f' and c.conrelid = ${table}::regclass and c.confrelid = c.conrelid
          and a.attname <> 'school_id'`,
  );
  return rows.map((r) => r.column);
}

async function appliedMigrations(tx: Tx): Promise<string[]> {
  const rows = await queryRows<{ hash: string }>(
    tx,
    sql`select hash from drizzle.__drizzle_migrations order by id`,
  );
  return rows.map((r) => r.hash);
}

async function* listFiles(root: string): AsyncGenerator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(root, entry.name);
    if (entry.isDirectory()) yield* listFiles(full);
    else if (entry.isFile()) yield full;
  }
}

export async function writeBackup(
  db: Database,
  filesDir: string,
  outFile: string,
): Promise<BackupCounts> {
  const counts: BackupCounts = { tables: {}, files: 0 };
  await mkdir(dirname(outFile), { recursive: true });
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(outFile, { flags: "wx" }));
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  await db.snapshot(async (tx) => {
    const header: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      driver: db.driver,
      migrations: await appliedMigrations(tx),
    };
    await write(`H ${JSON.stringify(header)}\n`);
    for (const table of await tablesInDependencyOrder(tx)) {
      const tree = await selfReferences(tx, table);
      // Roots of a tree first, so a parent is always restored before its children.
      const order = tree.length
        ? `order by ${tree.map((c) => `"${c}" is not null`).join(", ")}`
        : "";
      await tx.execute(
        sql.raw(
          `declare backup_rows no scroll cursor for select row_to_json(t)::text as row from "${table}" t ${order}`,
        ),
      );
      let n = 0;
      for (;;) {
        const batch = await queryRows<{ row: string }>(
          tx,
          sql.raw(`fetch ${ROW_BATCH} from backup_rows`),
        );
        if (batch.length === 0) break;
        n += batch.length;
        await write(batch.map((r) => `R ${table} ${r.row}\n`).join(""));
      }
      await tx.execute(sql.raw("close backup_rows"));
      counts.tables[table] = n;
    }
    // Files are written before the rows that name them commit, so every file the
    // snapshot refers to is already on disk.
    for await (const file of listFiles(filesDir)) {
      const path = relative(filesDir, file).split(sep).join("/");
      const data = await readFile(file);
      for (let offset = 0; offset === 0 || offset < data.length; offset += FILE_CHUNK) {
        const piece = data.subarray(offset, offset + FILE_CHUNK).toString("base64");
        await write(`F ${JSON.stringify({ path, offset, data: piece })}\n`);
      }
      counts.files++;
    }
    await write(`E ${JSON.stringify(counts)}\n`);
  });
  gzip.end();
  await done;
  return counts;
}

export class RestoreRefused extends Error {}

/** Restores into an empty database and an empty file store. */
export async function restoreBackup(
  db: Database,
  filesDir: string,
  inFile: string,
): Promise<BackupCounts> {
  for await (const _ of listFiles(filesDir)) {
    throw new RestoreRefused(
      `The file store ${filesDir} is not empty. Restore into an empty DATA_DIR.`,
    );
  }
  await db.migrate();
  const counts: BackupCounts = { tables: {}, files: 0 };
  let trailer: BackupCounts | undefined;

  await db.owner(async (tx) => {
    for (const table of await tablesInDependencyOrder(tx)) {
      const [row] = await queryRows<{ any: boolean }>(
        tx,
        sql.raw(`select exists (select 1 from "${table}") as any`),
      );
      if (row?.any)
        throw new RestoreRefused(
          `The database is not empty (table ${table} has rows). Restore into an empty database.`,
        );
    }

    // Created only now: lines read before iteration starts would be lost.
    const input = createInterface({
      input: createReadStream(inFile).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    let header: Header | undefined;
    let table = "";
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await tx.execute(
        sql`insert into ${sql.identifier(table)} overriding system value
            select * from json_populate_recordset(null::${sql.identifier(table)}, ${`[${batch.join(",")}]`}::json)`,
      );
      counts.tables[table] = (counts.tables[table] ?? 0) + batch.length;
      batch = [];
    };
    for await (const line of input) {
      const kind = line[0];
      if (kind === "H") {
        header = JSON.parse(line.slice(2)) as Header;
        if (header.format !== BACKUP_FORMAT)
          throw new RestoreRefused(`This is not a Tessera backup (${header.format}).`);
        const known = new Set(await appliedMigrations(tx));
        const unknown = header.migrations.filter((m) => !known.has(m));
        if (unknown.length)
          throw new RestoreRefused(
            "This backup comes from a newer Tessera: upgrade, then restore.",
          );
      } else if (kind === "R") {
        if (!header) throw new RestoreRefused("The backup has no header.");
        const space = line.indexOf(" ", 2);
        const name = line.slice(2, space);
        if (name !== table || batch.length >= ROW_BATCH) {
          await flush();
          table = name;
        }
        batch.push(line.slice(space + 1));
      } else if (kind === "F") {
        await flush();
        const piece = JSON.parse(line.slice(2)) as { path: string; offset: number; data: string };
        if (piece.path.split("/").some((p) => p === ".." || p === ""))
          throw new RestoreRefused(`Unsafe path in backup: ${piece.path}`);
        const target = join(filesDir, ...piece.path.split("/"));
        await mkdir(dirname(target), { recursive: true });
        const data = Buffer.from(piece.data, "base64");
        if (piece.offset === 0) {
          await writeFile(target, data, { flag: "wx" });
          counts.files++;
        } else {
          await appendFile(target, data);
        }
      } else if (kind === "E") {
        await flush();
        trailer = JSON.parse(line.slice(2)) as BackupCounts;
      }
    }
    await flush();
    if (!trailer)
      throw new RestoreRefused("The backup is incomplete (it has no end). Nothing was restored.");
    for (const [name, n] of Object.entries(trailer.tables)) {
      if ((counts.tables[name] ?? 0) !== n)
        throw new RestoreRefused(`The backup is damaged: ${name} should have ${n} rows.`);
    }
    // Identity columns carry on after the highest restored value.
    const identities = await queryRows<{ table: string; column: string }>(
      tx,
      sql`select table_name as table, column_name as column from information_schema.columns
          where table_schema = 'public' and is_identity = 'YES'`,
    );
    for (const { table: t, column } of identities) {
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('"${t}"', '${column}'), coalesce((select max("${column}") from "${t}"), 0) + 1, false)`,
        ),
      );
    }
  });
  return counts;
}
