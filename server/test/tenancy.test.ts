// Row-level security is tenancy's second lock: even a query that forgot its school
// filter sees only the school of the transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { databaseError } from "../src/db/database-error.ts";
import { agencies, schools } from "../src/db/schema/index.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";

describe.each(DRIVERS)("row-level security on %s", (driver) => {
  let db: Database;
  let a: string;
  let b: string;

  beforeAll(async () => {
    db = await freshDatabase(driver);
    [a, b] = await db.owner(async (tx) => {
      const rows = await tx
        .insert(schools)
        .values([{ name: "School A" }, { name: "School B" }])
        .returning();
      await tx.insert(agencies).values([
        { schoolId: rows[0]!.id, name: "Police (A)", sortOrder: 1 },
        { schoolId: rows[1]!.id, name: "Police (B)", sortOrder: 1 },
      ]);
      return rows.map((r) => r.id) as [string, string];
    });
  });
  afterAll(() => db.close());

  it("shows a school only its own rows, even without a where clause", async () => {
    const seen = await db.tx({ schoolId: a, accountId: null }, (tx) => tx.select().from(agencies));
    expect(seen.map((r) => r.name)).toEqual(["Police (A)"]);
  });

  it("refuses to write a row into another school", async () => {
    const error = await db
      .tx({ schoolId: a, accountId: null }, (tx) =>
        tx.insert(agencies).values({ schoolId: b, name: "Sneaky", sortOrder: 2 }),
      )
      .then(() => null, databaseError);
    expect(error?.code).toBe("42501");
  });

  it("shows no school-owned rows at all without a school", async () => {
    const seen = await db.global((tx) => tx.select().from(agencies));
    expect(seen).toEqual([]);
  });

  it("does not carry one transaction's school into the next", async () => {
    await db.tx({ schoolId: b, accountId: null }, (tx) => tx.select().from(agencies));
    const seen = await db.global((tx) => tx.select().from(schools));
    expect(seen).toEqual([]);
  });
});
