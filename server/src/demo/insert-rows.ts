// Bulk inserts in chunks: one multi-row INSERT per chunk keeps round trips few and each
// statement under PostgreSQL's 65,535 bind parameters.
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../db/database.ts";

export async function insertRows<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly PgInsertValue<T>[],
  chunkSize = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    await tx.insert(table).values(rows.slice(i, i + chunkSize));
  }
}
