// Keeps the schema ready to distribute by school (Citus) and tenancy's second lock on:
// every school-owned table keys by school_id, every foreign key between school-owned
// tables carries it, row-level security is on, and every table is declared in tables.ts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "../src/db/database.ts";
import {
  APPEND_ONLY_TABLES,
  GLOBAL_TABLES,
  MUTABLE_TABLES,
  TENANT_ROOT,
} from "../src/db/tables.ts";
import { freshDatabase } from "./databases.ts";

interface KeyRow {
  table: string;
  columns: string[];
}
interface ForeignKeyRow extends KeyRow {
  target: string;
  target_columns: string[];
}

let db: Database;
let tables: string[];
let primaryKeys: KeyRow[];
let foreignKeys: ForeignKeyRow[];

const global = new Set<string>(GLOBAL_TABLES);
const schoolOwned = () => tables.filter((t) => !global.has(t) && t !== TENANT_ROOT);

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await db.owner(async (tx) => {
    const t = await queryRows<{ table: string }>(
      tx,
      sql`select tablename as table from pg_tables where schemaname = 'public'`,
    );
    tables = t.map((r) => r.table);
    const keys = sql`(select array_agg(a.attname::text order by k.n)
        from unnest(c.conkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum)`;
    primaryKeys = await queryRows<KeyRow>(
      tx,
      sql`select c.conrelid::regclass::text as table, ${keys} as columns
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where c.contype = 'p' and n.nspname = 'public'`,
    );
    foreignKeys = await queryRows<ForeignKeyRow>(
      tx,
      sql`select c.conrelid::regclass::text as table, ${keys} as columns,
                 c.confrelid::regclass::text as target,
                 (select array_agg(a.attname::text order by k.n)
                    from unnest(c.confkey) with ordinality k(attnum, n)
                    join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as target_columns
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where c.contype = 'f' and n.nspname = 'public'`,
    );
  });
});
afterAll(() => db.close());

describe("the schema is ready to distribute by school", () => {
  it("declares every table as global, append-only or mutable (with a reason)", () => {
    const declared = new Set([...APPEND_ONLY_TABLES, ...Object.keys(MUTABLE_TABLES)]);
    const undeclared = tables.filter((t) => !declared.has(t) && !t.startsWith("__drizzle"));
    expect(undeclared).toEqual([]);
  });

  it("starts every school-owned table's primary key with school_id", () => {
    const wrong = schoolOwned()
      .filter((t) => !t.startsWith("__drizzle"))
      .filter((t) => primaryKeys.find((k) => k.table === t)?.columns[0] !== "school_id");
    expect(wrong).toEqual([]);
  });

  it("carries school_id in every foreign key between school-owned tables", () => {
    const owned = new Set(schoolOwned());
    const wrong = foreignKeys
      .filter((k) => owned.has(k.table) && owned.has(k.target))
      .filter((k) => {
        const at = k.columns.indexOf("school_id");
        return at === -1 || k.target_columns[at] !== "school_id";
      })
      .map((k) => `${k.table}(${k.columns}) → ${k.target}`);
    expect(wrong).toEqual([]);
  });

  it("refers from school-owned tables to global ones only through declared global tables", () => {
    const owned = new Set(schoolOwned());
    const targets = foreignKeys
      .filter((k) => owned.has(k.table) && !owned.has(k.target))
      .map((k) => k.target);
    for (const target of targets) {
      expect([TENANT_ROOT, ...GLOBAL_TABLES]).toContain(target);
    }
  });

  it("turns on row-level security for every school-owned table", async () => {
    const result = await db.owner((tx) =>
      queryRows<{ table: string }>(
        tx,
        sql`select relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity`,
      ),
    );
    const secured = new Set(result.map((r) => r.table));
    const missing = [TENANT_ROOT, ...schoolOwned()]
      .filter((t) => !t.startsWith("__drizzle"))
      .filter((t) => !secured.has(t));
    expect(missing).toEqual([]);
  });
});
