// Seed 004 §9: the DSL reviews each child's chronology and records the date, so a gap in
// reviewing shows. Marks are history: each review is a new row.
import { sql } from "drizzle-orm";
import type { SignedIn } from "../auth/signed-in.ts";
import { schoolDay } from "../dashboard/review-clock.ts";
import { onlyRow, queryRows, type Tx } from "../db/database.ts";
import { chronologyReviews } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

export interface ChronologyReviewView {
  id: string;
  reviewedOn: string;
  note: string;
  by: { id: string; name: string };
  recordedAt: Date;
}

export async function listChronologyReviews(
  tx: Tx,
  schoolId: string,
  pupilId: string,
): Promise<ChronologyReviewView[]> {
  const rows = await queryRows<{
    id: string;
    reviewed_on: string;
    note: string;
    by_id: string;
    by_name: string;
    recorded_at: string;
  }>(
    tx,
    sql`select r.id, r.reviewed_on::text, r.note, r.reviewed_by as by_id, a.name as by_name, r.recorded_at
        from chronology_reviews r join accounts a on a.id = r.reviewed_by
        where r.school_id = ${schoolId} and r.pupil_id = ${pupilId}
        order by r.reviewed_on desc, r.recorded_at desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    reviewedOn: r.reviewed_on,
    note: r.note,
    by: { id: r.by_id, name: r.by_name },
    recordedAt: new Date(r.recorded_at),
  }));
}

export async function markChronologyReviewed(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  pupilId: string,
  input: { reviewedOn: string; note: string },
): Promise<string> {
  if (input.reviewedOn > schoolDay(new Date()).date) {
    throw problems.unprocessable("The review date cannot be in the future.", [
      { path: "reviewedOn", message: "The review date cannot be in the future." },
    ]);
  }
  const rows = await tx
    .insert(chronologyReviews)
    .values({
      schoolId: who.schoolId,
      pupilId,
      reviewedOn: input.reviewedOn,
      note: input.note.trim(),
      reviewedBy: who.accountId,
    })
    .returning({ id: chronologyReviews.id });
  return onlyRow(rows, "the chronology review").id;
}
