// EXPLAIN (ANALYZE, BUFFERS) of the hot queries, in the shape the application runs them
// (see raw-sql.ts), on the loaded data: kept in the results for docs/performance.md.
import { DASHBOARD_SQL, INBOX_SQL, PICKER_SQL, type Raw } from "./raw-sql.ts";

export async function explainHotQueries(
  q: Raw,
  schoolId: string,
  pupilId: string,
  dslId: string,
): Promise<Record<string, string>> {
  const queries: Record<string, [string, unknown[]]> = {
    "chronology: incidents": [
      `select ic.incident_id, ic.number, r.account, a.name
       from incident_current ic
       join incident_revisions r on r.school_id = ic.school_id and r.id = ic.revision_id
       join accounts a on a.id = ic.author_id
       where ic.school_id = $1 and ic.pupil_ids @> array[$2]::uuid[] and not ic.entered_in_error`,
      [schoolId, pupilId],
    ],
    "chronology: actions": [
      `select act.id, act.account, a.name from actions act
       join accounts a on a.id = act.author_id
       join incident_current ic on ic.school_id = act.school_id and ic.incident_id = act.incident_id
       where act.school_id = $1 and act.pupil_id = $2 and not ic.entered_in_error`,
      [schoolId, pupilId],
    ],
    "picker ('sa')": [PICKER_SQL, [[schoolId], "sa%"]],
    "alerts inbox": [INBOX_SQL, [schoolId, dslId]],
    "dashboard: unreviewed": [DASHBOARD_SQL[0] as string, [schoolId]],
    "dashboard: unread alerts": [DASHBOARD_SQL[1] as string, [schoolId]],
  };
  const plans: Record<string, string> = {};
  for (const [name, [text, values]] of Object.entries(queries)) {
    const rows = (await q(`explain (analyze, buffers) ${text}`, values)) as {
      "QUERY PLAN": string;
    }[];
    plans[name] = rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  return plans;
}
