// The benchmark's data: generated schools of a trust, each with a fixed number of
// "records" — the rows a school's history is made of: incidents, their events (reviews,
// category changes), alerts, actions and access-log rows, in the proportions a real
// school has. The generator (server/src/demo) writes the roll, staff, incidents, events
// and alerts with its bulk insert (one INSERT … SELECT FROM unnest(arrays) per 5,000
// rows, which is COPY-like: see docs/performance.md); the rows it does not make
// (actions, category changes, access-log rows) are derived here from those incidents by
// INSERT … SELECT in the database.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../server/src/db/database.ts";
import { generateSchool } from "../server/src/demo/generate-school.ts";
import { generateTrust } from "../server/src/demo/generate-trust.ts";
import { DEFAULT_AGREEMENT } from "../server/src/roster/school-settings.ts";

/** Records per incident the generator writes (incident, ≈1 event, ≈2 alerts), plus ours. */
const RECORDS_PER_INCIDENT = 5.25;

export interface SchoolSize {
  pupils: number;
  records: number;
}

export interface LoadedSchool {
  schoolId: string;
  name: string;
  domain: string;
  pupils: number;
  records: number;
  ms: number;
}

export async function createTrust(db: Database, seed: string) {
  return generateTrust(db, { schools: 0, seed, name: "Benchmark Learning Trust" });
}

/** One school of the trust with exactly `size.records` records. */
export async function loadSchool(
  db: Database,
  options: SchoolSize & { name: string; seed: string; trustId: string; trustDslEmail: string },
): Promise<LoadedSchool> {
  const started = performance.now();
  const school = await generateSchool(db, {
    name: options.name,
    pupils: options.pupils,
    seed: options.seed,
    trustId: options.trustId,
    records: Math.round(options.records / RECORDS_PER_INCIDENT),
  });
  await db.owner(async (tx) => {
    const id = school.schoolId;
    // The trust DSL has accepted each school's agreement, as the demo's has.
    await tx.execute(sql`
      insert into agreement_acceptances (school_id, account_id, version)
      select ${id}, a.id, ${DEFAULT_AGREEMENT.version} from accounts a
      where a.email = ${options.trustDslEmail}`);
    // A follow-up for three incidents in ten, a fifth of them for the DSL team only.
    await tx.execute(sql`
      insert into actions (school_id, incident_id, pupil_id, kind, account, outcome,
                           restricted, occurred_at, author_id, recorded_at)
      select ic.school_id, ic.incident_id, ic.pupil_id, 'follow_up',
             'Spoke with the pupil and their class teacher; agreed to check in at the end of the week.',
             'Settled; no further concern raised this week.',
             abs(hashtext(ic.incident_id::text)) % 5 = 0,
             least(ic.occurred_at + interval '1 day', now()), ic.author_id,
             least(ic.recorded_at + interval '1 day', now())
      from incident_current ic
      where ic.school_id = ${id} and abs(hashtext(ic.incident_id::text)) % 10 < 3`);
    // One incident in twenty moved to another category by the DSL.
    await tx.execute(sql`
      insert into incident_events (school_id, incident_id, type, payload, by_id, at)
      select ic.school_id, ic.incident_id, 'recategorised',
             jsonb_build_object('fromCategoryIds', to_jsonb(ic.category_ids),
               'toCategoryIds', to_jsonb(ic.category_ids), 'fromAreas', to_jsonb(ic.areas),
               'toAreas', to_jsonb(ic.areas), 'reason', 'Reviewed by the DSL: the category fits better.'),
             ic.author_id, least(ic.recorded_at + interval '2 hours', now())
      from incident_current ic
      where ic.school_id = ${id} and abs(hashtext(ic.incident_id::text || 'r')) % 20 = 0`);
  });
  const pupil = await busiestPupil(db, school.schoolId);
  await padChronology(db, school.schoolId, pupil.id, Math.min(300, options.records / 60));
  // Access-log rows make up the rest: people opening the incidents they were alerted to.
  const have = await countRecords(db, school.schoolId);
  const missing = Math.max(0, options.records - have);
  await db.owner((tx) =>
    tx.execute(sql`
      insert into access_log (school_id, at, account_id, action, outcome, reason, pupil_id,
                              record_type, record_id, ip)
      select a.school_id, least(a.sent_at + interval '1 hour', now()), a.recipient_id,
             'incident.read', 'allowed', 'alert', ic.pupil_id, 'incident', a.incident_id,
             '10.0.0.' || (abs(hashtext(a.id::text)) % 250 + 1)
      from alerts a
      join incident_current ic on ic.school_id = a.school_id and ic.incident_id = a.incident_id
      where a.school_id = ${school.schoolId}
      order by a.id limit ${missing}`),
  );
  await db.owner((tx) => tx.execute(sql`analyze`));
  return {
    schoolId: school.schoolId,
    name: options.name,
    domain: school.domain,
    pupils: school.pupils,
    records: await countRecords(db, school.schoolId),
    ms: performance.now() - started,
  };
}

/** Records of one school, or of every school. */
export async function countRecords(db: Database, schoolId?: string): Promise<number> {
  const where = schoolId ? sql`where school_id = ${schoolId}` : sql``;
  const [row] = await db.owner((tx) =>
    queryRows<{ n: number }>(
      tx,
      sql`select ((select count(*) from incidents ${where}) + (select count(*) from incident_events ${where})
        + (select count(*) from alerts ${where}) + (select count(*) from actions ${where})
        + (select count(*) from access_log ${where}))::int as n`,
    ),
  );
  return row?.n ?? 0;
}

/** The pupil in the most incidents. */
export async function busiestPupil(db: Database, schoolId: string) {
  const [row] = await db.owner((tx) =>
    queryRows<{ id: string; n: number }>(
      tx,
      sql`select p as id, count(*)::int as n from incident_current, unnest(pupil_ids) p
          where school_id = ${schoolId} group by p order by 2 desc, 1 limit 1`,
    ),
  );
  if (!row) throw new Error("the school has no records");
  return row;
}

/**
 * The generator's longest histories are a few dozen incidents; a child known to
 * children's social care for five years has hundreds of entries, mostly follow-ups
 * (calls, meetings, referrals). Adds follow-ups on the pupil's own incidents, spread over
 * their five years, until the chronology has `entries` incidents and actions.
 */
export async function padChronology(
  db: Database,
  schoolId: string,
  pupilId: string,
  entries: number,
): Promise<number> {
  return db.owner(async (tx) => {
    const [have] = await queryRows<{ n: number }>(
      tx,
      sql`select ((select count(*) from incident_current where school_id = ${schoolId} and ${pupilId}::uuid = any(pupil_ids))
        + (select count(*) from actions where school_id = ${schoolId} and pupil_id = ${pupilId}))::int as n`,
    );
    const need = Math.max(0, Math.round(entries) - (have?.n ?? 0));
    if (need > 0) {
      await tx.execute(sql`
        insert into actions (school_id, incident_id, pupil_id, kind, account, outcome,
                             restricted, occurred_at, author_id, recorded_at)
        select ic.school_id, ic.incident_id, ${pupilId}::uuid,
               (array['follow_up','follow_up','information_shared','consent_to_share'])[g % 4 + 1],
               'Call with the allocated social worker; shared the latest concerns and agreed next steps.',
               'Strategy meeting to be arranged.', g % 3 = 0,
               least(ic.occurred_at + (g / ic.n) * interval '3 days', now()), ic.author_id,
               least(ic.recorded_at + (g / ic.n) * interval '3 days', now())
        from (select ic.*, row_number() over (order by occurred_at) - 1 as rn, count(*) over () as n
              from incident_current ic
              where ic.school_id = ${schoolId} and ${pupilId}::uuid = any(ic.pupil_ids)) ic
        join generate_series(0, ${need - 1}) g on g % ic.n = ic.rn`);
    }
    return need;
  });
}
