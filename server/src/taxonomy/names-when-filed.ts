// The name each category had when a record was filed, from its append-only name history.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { categoryNames } from "../db/schema/index.ts";

/** By category id: the last name given at or before `at`, else the first it ever had. */
export async function namesWhenFiled(
  tx: Tx,
  schoolId: string,
  categoryIds: readonly string[],
  at: Date,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (categoryIds.length === 0) return names;
  const rows = await tx
    .select({
      categoryId: categoryNames.categoryId,
      name: categoryNames.name,
      fromAt: categoryNames.fromAt,
    })
    .from(categoryNames)
    .where(
      and(
        eq(categoryNames.schoolId, schoolId),
        inArray(categoryNames.categoryId, [...categoryIds]),
      ),
    )
    .orderBy(asc(categoryNames.fromAt));
  for (const row of rows) {
    // A school's copy installed after a record's date (the demo's back-dated records)
    // still shows its first name: no earlier one ever existed.
    if (!names.has(row.categoryId) || row.fromAt <= at) names.set(row.categoryId, row.name);
  }
  return names;
}
