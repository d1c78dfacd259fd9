// Bulk inserts. insertRows: one multi-row INSERT per chunk keeps round trips few and each
// statement under PostgreSQL's 65,535 bind parameters. insertMany, for the big generated
// tables (tens of thousands of records): one parameter per column, each an array of the
// column's values, unnested into rows by the database — COPY-like, with almost nothing
// for the ORM or the driver to build row by row. analyze: after filling a table that
// later rows refer to, in the same transaction (see there).
import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
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

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A one-dimensional PostgreSQL array literal of text elements ({"a","b"}). */
function arrayLiteral(items: readonly unknown[]): string {
  const quoted = items.map((item) =>
    item === null || item === undefined
      ? "NULL"
      : `"${String(item).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`,
  );
  return `{${quoted.join(",")}}`;
}

/**
 * Inserts rows that all have the same keys (the table's columns by their property names;
 * a key left out takes the column's default), `chunkSize` rows per statement.
 */
export async function insertMany<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T["$inferInsert"][],
  chunkSize = 5000,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const keys = Object.keys(first);
  const all = getTableColumns(table) as Record<
    string,
    { name: string; getSQLType(): string } | undefined
  >;
  const columns = keys.map((key) => {
    const column = all[key];
    if (!column) throw new Error(`${getTableName(table)} has no column for ${key}`);
    const type = column.getSQLType();
    // Arrays and JSON travel as text, one element per row, and are cast back per row.
    const kind = type.endsWith("]")
      ? "array"
      : type === "jsonb" || type === "json"
        ? "json"
        : "plain";
    return { key, name: column.name, type, kind };
  });
  const into = columns.map((c) => quoteIdentifier(c.name)).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns
    .map((c, i) => (c.kind === "plain" ? aliases[i] : `${aliases[i]}::${c.type}`))
    .join(", ");

  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize) as Record<string, unknown>[];
    const params: SQL[] = columns.map((c) => {
      const values = chunk.map((row) => {
        const value = row[c.key];
        if (value === null || value === undefined) return null;
        if (c.kind === "array") return arrayLiteral(value as unknown[]);
        if (c.kind === "json") return JSON.stringify(value);
        if (value instanceof Date) return value.toISOString();
        return value;
      });
      const unnestType = c.kind === "plain" ? `${c.type}[]` : "text[]";
      return sql`${sql.param(values)}::${sql.raw(unnestType)}`;
    });
    await tx.execute(
      sql`insert into ${sql.raw(quoteIdentifier(getTableName(table)))} (${sql.raw(into)})
          select ${sql.raw(select)} from unnest(${sql.join(params, sql`, `)})
          as u(${sql.raw(aliases.join(", "))})`,
    );
  }
}

/**
 * Fresh statistics for tables just filled in this transaction. Without them the foreign
 * key checks of the rows that refer to them are planned for empty tables (a scan each),
 * and loading twenty thousand records slows from seconds to minutes.
 */
export async function analyze(tx: Tx, ...tables: PgTable[]): Promise<void> {
  for (const table of tables) {
    await tx.execute(sql`analyze ${sql.raw(quoteIdentifier(getTableName(table)))}`);
  }
}
