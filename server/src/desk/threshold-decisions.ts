// A threshold decision (seed 004 §6): which level of need the DSL judges a child's
// situation to meet — the school's list, from "monitoring / record only" to "child
// protection / immediate risk" — with the rationale always, including why when no
// action is taken. A professional disagreement (§17) is recorded beside it, factually.
import { and, eq } from "drizzle-orm";
import type { SignedIn } from "../auth/signed-in.ts";
import { onlyRow, type Tx } from "../db/database.ts";
import { thresholdDecisions, thresholds } from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";

export interface ThresholdInput {
  thresholdId: string;
  rationale: string;
  disagreement?: string | undefined;
}

/** Checks the answers, adding to `errors`; returns the threshold when it exists. */
export async function checkThreshold(
  tx: Tx,
  schoolId: string,
  input: ThresholdInput,
  errors: FieldError[],
) {
  const [threshold] = await tx
    .select()
    .from(thresholds)
    .where(
      and(
        eq(thresholds.schoolId, schoolId),
        eq(thresholds.id, input.thresholdId),
        // A hidden threshold is kept for old decisions but not chosen for new ones.
        eq(thresholds.hidden, false),
      ),
    );
  if (!threshold) {
    errors.push({ path: "thresholdId", message: "Choose a threshold from the school's list." });
  }
  if (input.rationale.trim() === "") {
    errors.push({
      path: "rationale",
      message: "Give the rationale for this decision, including why when no action is taken.",
    });
  }
  return threshold ?? null;
}

export async function recordThresholdDecision(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  target: { pupilId: string; incidentId: string | null },
  threshold: { id: string; area: (typeof thresholds.$inferSelect)["area"] },
  input: ThresholdInput,
  at = new Date(),
): Promise<string> {
  const rows = await tx
    .insert(thresholdDecisions)
    .values({
      schoolId: who.schoolId,
      pupilId: target.pupilId,
      incidentId: target.incidentId,
      thresholdId: threshold.id,
      area: threshold.area,
      rationale: input.rationale.trim(),
      disagreement: input.disagreement?.trim() || null,
      decidedBy: who.accountId,
      decidedAt: at,
    })
    .returning({ id: thresholdDecisions.id });
  return onlyRow(rows, "the threshold decision").id;
}

/** Refuses with every field's problem at once, or returns the threshold. */
export async function requireThreshold(tx: Tx, schoolId: string, input: ThresholdInput) {
  const errors: FieldError[] = [];
  const threshold = await checkThreshold(tx, schoolId, input, errors);
  if (errors.length > 0 || !threshold) {
    throw problems.unprocessable("Some answers need changing before this is saved.", errors);
  }
  return threshold;
}
