// A record's categories (and a decision's threshold, a flag's type) as lists show them — the incident list, the chronology on screen
// and in its CSV and PDF — in SQL, so the name each category had when the record was
// filed costs no query per row: "Cyberbullying (now called Bullying online)", as the incident
// page shows it — the name staff chose first, the current one beside it.
import { type SQL, sql } from "drizzle-orm";

const HISTORIES = {
  categories: { names: "category_names", key: "category_id" },
  thresholds: { names: "threshold_names", key: "threshold_id" },
  flagTypes: { names: "flag_type_names", key: "flag_type_id" },
} as const;

/**
 * The name category `c` (an alias of categories) had at `at`: the last one given at or
 * before then, else the first it ever had (as namesWhenFiled does), else its name now.
 */
export function nameAt(c: string, at: SQL, history: keyof typeof HISTORIES = "categories"): SQL {
  const alias = sql.raw(c);
  const { names, key } = HISTORIES[history];
  return sql`coalesce((select n.name from ${sql.identifier(names)} n
      where n.school_id = ${alias}.school_id and n.${sql.identifier(key)} = ${alias}.id
      order by (n.from_at <= ${at}) desc,
        case when n.from_at <= ${at} then n.from_at end desc nulls last, n.from_at
      limit 1), ${alias}.name)`;
}

/**
 * "Parent – Child" (or the category alone when `p` is null) as named at `at`, followed by
 * " (now called …)" when the names now differ. `c` is the category's alias, `p` its parent's (left joined: may be null).
 */
export function categoryLabel(c: string, p: string | null, at: SQL): SQL {
  const now =
    p === null
      ? sql`${sql.raw(c)}.name`
      : sql`coalesce(${sql.raw(p)}.name || ' – ', '') || ${sql.raw(c)}.name`;
  const parentThen =
    p === null
      ? sql`''`
      : sql`case when ${sql.raw(p)}.id is null then '' else ${nameAt(p, at)} || ' – ' end`;
  const then = sql`${parentThen} || ${nameAt(c, at)}`;
  return sql`(${then} || case when ${then} <> ${now} then ' (now called ' || ${now} || ')' else '' end)`;
}

/** A threshold's or flag type's name at `at`, with " (now called …)" when it is renamed since. */
export function listItemLabel(alias: string, history: "thresholds" | "flagTypes", at: SQL): SQL {
  const now = sql`${sql.raw(alias)}.name`;
  const then = nameAt(alias, at, history);
  return sql`(${then} || case when ${then} <> ${now} then ' (now called ' || ${now} || ')' else '' end)`;
}
