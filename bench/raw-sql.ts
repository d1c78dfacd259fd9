// The same rows the scenarios ask Tessera for, fetched by plain SQL on the same database
// (as the owner, so no row-level security, no access engine, no logging, no HTTP): the
// floor Tessera's overhead is measured against.
import pg from "pg";

export type Raw = (text: string, values: unknown[]) => Promise<unknown[]>;

export function rawClient(url: string): { query: Raw; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    query: async (text, values) => (await pool.query(text, values)).rows,
    close: () => pool.end(),
  };
}

/** A pupil's chronology: their incidents (subject or linked) and the actions for them. */
export async function rawChronology(q: Raw, schoolId: string, pupilId: string) {
  const incidents = await q(
    `select ic.incident_id, ic.number, ic.occurred_at, ic.recorded_at, ic.status,
            ic.entered_in_error, ic.revision_no, ic.author_id, a.name as author, r.account,
            ic.areas, ic.category_ids, ic.pupil_ids
     from incident_current ic
     join incident_revisions r on r.school_id = ic.school_id and r.id = ic.revision_id
     join accounts a on a.id = ic.author_id
     where ic.school_id = $1 and ic.pupil_ids @> array[$2]::uuid[] and not ic.entered_in_error`,
    [schoolId, pupilId],
  );
  const actions = await q(
    `select act.id, act.incident_id, act.kind, act.account, act.outcome, act.restricted,
            act.occurred_at, act.recorded_at, act.author_id, a.name as author
     from actions act
     join accounts a on a.id = act.author_id
     join incident_current ic on ic.school_id = act.school_id and ic.incident_id = act.incident_id
     where act.school_id = $1 and act.pupil_id = $2 and not ic.entered_in_error`,
    [schoolId, pupilId],
  );
  return incidents.length + actions.length;
}

export const PICKER_SQL = `
  select p.id, p.legal_first_name, p.legal_last_name, p.preferred_first_name,
         p.preferred_last_name, p.date_of_birth, y.name as year_group, c.name as class_name
  from pupils p
  left join year_groups y on y.school_id = p.school_id and y.id = p.year_group_id
  left join classes c on c.school_id = p.school_id and c.id = p.class_id
  where p.school_id = any($1::uuid[]) and p.on_roll
    and (lower(p.legal_first_name) like $2 or lower(p.legal_last_name) like $2
         or lower(coalesce(p.preferred_first_name, '')) like $2
         or lower(coalesce(p.preferred_last_name, '')) like $2)
  order by coalesce(p.preferred_last_name, p.legal_last_name),
           coalesce(p.preferred_first_name, p.legal_first_name), p.id
  limit 21`;

/** The picker's search in one school, or across every school of a trust. */
export function rawPicker(q: Raw, schoolIds: string[], typed: string) {
  return q(PICKER_SQL, [schoolIds, `${typed.toLowerCase()}%`]);
}

export const INBOX_SQL = `
  with mine as (
    select a.id, a.incident_id, a.via, a.sent_at,
           (select min(r.read_at) from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id) as read_at
    from alerts a
    join incident_current ic on ic.school_id = a.school_id and ic.incident_id = a.incident_id
    where a.school_id = $1 and a.recipient_id = $2 and not ic.entered_in_error),
  page as (select * from mine order by read_at is not null,
           case when read_at is null then sent_at end asc, sent_at desc limit 51)
  select page.*, ic.number, p.legal_first_name, p.legal_last_name, au.name
  from page
  join incident_current ic on ic.school_id = $1 and ic.incident_id = page.incident_id
  join pupils p on p.school_id = ic.school_id and p.id = ic.pupil_id
  join accounts au on au.id = ic.author_id`;

export const DASHBOARD_SQL = [
  `select ic.incident_id, ic.number, ic.recorded_at, a.name
   from incident_current ic join accounts a on a.id = ic.author_id
   where ic.school_id = $1 and ic.reviewed_at is null and not ic.entered_in_error
   order by ic.recorded_at`,
  `select r.name, ic.number, al.sent_at
   from alerts al join accounts r on r.id = al.recipient_id
   join incident_current ic on ic.school_id = al.school_id and ic.incident_id = al.incident_id
   where al.school_id = $1 and not ic.entered_in_error and al.sent_at < now() - interval '24 hours'
     and not exists (select 1 from alert_reads x where x.school_id = al.school_id and x.alert_id = al.id)
   order by al.sent_at`,
];
