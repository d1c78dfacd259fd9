// One way into the database for both drivers. Every request's work runs in a
// transaction that says which school and which account it acts for (set_config(…, true),
// local to the transaction: on PGlite's single connection a session-wide setting would
// leak into the next request) and runs as the application role, so row-level security
// and the append-only triggers apply.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { Mutex } from "./mutex.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Orm["transaction"]>[0]>[0];

export interface ActingContext {
  schoolId: string;
  accountId: string | null;
}

export interface Database {
  readonly driver: "pglite" | "postgres";
  /** Work for one school, as the application role, in one transaction. */
  tx<T>(context: ActingContext, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Work before a school is chosen (sign-in, sessions) or across schools (a trust
   * DSL's switcher): the application role with no school set, so school-owned rows are
   * invisible to it — except, when `accountId` is given, that person's own memberships
   * and schools (the school switcher).
   */
  global<T>(work: (tx: Tx) => Promise<T>, accountId?: string | null): Promise<T>;
  /** As the owner: migrations, demo data, backup and restore. Never for requests. */
  owner<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** As the owner, reading one consistent snapshot of everything (backups). */
  snapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const SNAPSHOT = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

const migrationsFolder = new URL("./migrations", import.meta.url).pathname;

async function actAs(tx: Tx, context: ActingContext): Promise<void> {
  await tx.execute(
    sql`select set_config('app.school_id', ${context.schoolId}, true),
               set_config('app.account_id', ${context.accountId ?? ""}, true)`,
  );
  await tx.execute(sql`set local role tessera_app`);
}

/** The embedded database in `dataDir` (or in memory when dataDir is undefined). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const orm = drizzlePglite(client, { schema }) as unknown as Orm;
  // PGlite has one backend and no isolation: a query from elsewhere while a transaction
  // is open would run inside it. Everything goes through this one queue.
  const queue = new Mutex();
  return {
    driver: "pglite",
    tx: (context, work) =>
      queue.run(() =>
        orm.transaction(async (tx) => {
          await actAs(tx, context);
          return work(tx);
        }),
      ),
    global: (work, accountId) =>
      queue.run(() =>
        orm.transaction(async (tx) => {
          await actAs(tx, { schoolId: "", accountId: accountId ?? null });
          return work(tx);
        }),
      ),
    owner: (work) => queue.run(() => orm.transaction(work)),
    snapshot: (work) => queue.run(() => orm.transaction(work, SNAPSHOT)),
    migrate: () =>
      queue.run(async () => {
        await client.exec("create extension if not exists pg_trgm");
        await migratePglite(orm as never, { migrationsFolder });
      }),
    close: () => queue.run(() => client.close()),
  };
}

/** A PostgreSQL server (15 or later) at `url`. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const orm = drizzleNodePg(pool, { schema }) as unknown as Orm;
  return {
    driver: "postgres",
    tx: (context, work) =>
      orm.transaction(async (tx) => {
        await actAs(tx, context);
        return work(tx);
      }),
    global: (work, accountId) =>
      orm.transaction(async (tx) => {
        await actAs(tx, { schoolId: "", accountId: accountId ?? null });
        return work(tx);
      }),
    owner: (work) => orm.transaction(work),
    snapshot: (work) => orm.transaction(work, SNAPSHOT),
    migrate: async () => {
      await pool.query("create extension if not exists pg_trgm");
      await migrateNodePg(orm as never, { migrationsFolder });
    },
    close: () => pool.end(),
  };
}

export function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openPglite(options.dataDir ? `${options.dataDir}/pg` : undefined);
}

/** Rows of a hand-written query, the same on both drivers. */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The one row an INSERT … RETURNING or a counter query must give back. */
export function onlyRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`expected a row: ${what}`);
  return row;
}
