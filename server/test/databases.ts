// Test databases on both drivers: a fresh, migrated database per call, so test files
// never share state. PostgreSQL comes from the server global-setup.ts started.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openPglite, openPostgres } from "../src/db/database.ts";

export const DRIVERS = ["pglite", "postgres"] as const;
export type Driver = (typeof DRIVERS)[number];

/** A new empty database on the server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = inject("postgresUrl");
  const name = `t_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}

export async function freshDatabase(driver: Driver): Promise<Database> {
  const db =
    driver === "pglite"
      ? await openPglite(undefined)
      : await openPostgres(await createPostgresDatabase(), 4);
  await db.migrate();
  return db;
}
