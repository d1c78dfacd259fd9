// The DSL's desk for a generated school, derived from its generated records so the two
// agree: a threshold decision at each review of a safeguarding or child protection
// incident, and the flags a real DSL or SENDCo would have set — a CP plan (and an open
// CP file) for a child with child protection records, CIN, looked after, EHCP and health
// care plans — starting when the first such record happened.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/database.ts";

const RATIONALE = sql`case t.name
  when 'Child protection / immediate risk' then 'Meets the threshold for child protection: referred to children''s social care the same day; strategy discussion requested.'
  when 'Child in need' then 'Needs met under a child in need plan with social care; school to attend CIN meetings and monitor attendance and presentation.'
  when 'Early help / targeted support' then 'Early help assessment offered to the family with consent; no immediate risk identified.'
  else 'Monitoring only: no further action at this stage. Staff to record any further concerns; the DSL will review the pattern at the next chronology review.'
end`;

export async function deriveDesk(tx: Tx, schoolId: string): Promise<void> {
  await tx.execute(sql`
    insert into threshold_decisions (school_id, pupil_id, incident_id, threshold_id, area, rationale, decided_by, decided_at)
    select ic.school_id, ic.pupil_id, ic.incident_id, t.id, t.area, ${RATIONALE}, e.by_id, e.at
    from incident_events e
    join incident_current ic on ic.school_id = e.school_id and ic.incident_id = e.incident_id
    cross join lateral (
      select case
        when bool_or(coalesce(p.name, c.name) = 'Child protection') then 'Child protection / immediate risk'
        when bool_or(coalesce(p.name, c.name) = 'Child in need') then 'Child in need'
        when bool_or(coalesce(p.name, c.name) = 'Early help') then 'Early help / targeted support'
        else 'Monitoring / record only' end as name
      from unnest(ic.category_ids) cid
      join categories c on c.school_id = ic.school_id and c.id = cid
      left join categories p on p.school_id = c.school_id and p.id = c.parent_id
    ) chosen
    join thresholds t on t.school_id = ic.school_id and t.name = chosen.name
    where e.school_id = ${schoolId} and e.type = 'reviewed' and not ic.entered_in_error
      and ic.areas && array['safeguarding', 'child_protection']`);

  // Each flag from the first record that shows it, set by whoever reviewed that record
  // (the DSL team) or, for SEND and medical ones, by its author.
  await tx.execute(sql`
    with evidence as (
      select ic.pupil_id, ic.occurred_at, ic.recorded_at, ic.author_id,
        (select e.by_id from incident_events e where e.school_id = ic.school_id
           and e.incident_id = ic.incident_id and e.type = 'reviewed' limit 1) as reviewer,
        case
          when coalesce(p.name, c.name) = 'Child protection' then array['cp_plan', 'cp_file']
          when coalesce(p.name, c.name) = 'Child in need' then array['cin']
          when coalesce(p.name, c.name) = 'Looked-after children' then array['cla']
          when c.name = 'EHCP' and p.name = 'SEND' then array['ehcp']
          when c.name = 'Individual health care plan' then array['medical']
        end as keys
      from incident_current ic
      cross join unnest(ic.category_ids) cid
      join categories c on c.school_id = ic.school_id and c.id = cid
      left join categories p on p.school_id = c.school_id and p.id = c.parent_id
      where ic.school_id = ${schoolId} and not ic.entered_in_error
    ),
    firsts as (
      select distinct on (pupil_id, key) pupil_id, key, occurred_at, recorded_at,
        coalesce(case when key in ('ehcp', 'medical') then author_id end, reviewer, author_id) as set_by
      from evidence cross join unnest(keys) key
      where keys is not null
      order by pupil_id, key, occurred_at
    )
    insert into pupil_flags (school_id, pupil_id, flag_type_id, area, starts_on, note, set_by, set_at)
    select ${schoolId}, f.pupil_id, ft.id, ft.area, (f.occurred_at at time zone 'Europe/London')::date,
      case ft.key
        when 'cp_file' then 'Child protection file opened after the first child protection record.'
        when 'cp_plan' then 'Initial child protection conference: child protection plan agreed.'
        when 'cin' then 'Child in need plan agreed with children''s social care.'
        when 'cla' then 'Placed in local authority care; virtual school informed.'
        when 'ehcp' then 'Education, health and care plan issued by the local authority.'
        else 'Individual health care plan agreed with parents and the school nurse.'
      end,
      f.set_by, greatest(f.recorded_at, f.occurred_at) + interval '1 day'
    from firsts f join flag_types ft on ft.school_id = ${schoolId} and ft.key = f.key`);
}
