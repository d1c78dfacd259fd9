// The access log's hash chain. Requests only insert rows (numbered by seq), so they never
// wait on one another; this job then links every unlinked row, per school, in seq order:
// each link's hash covers the row's canonical text and the previous link's hash. A row
// changed or removed afterwards breaks the chain at that link, and verifyAccessLog says
// where.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, queryRows, type Tx } from "../db/database.ts";

const GENESIS = "0".repeat(64);
const BATCH = 5000;

// The canonical text of a row, computed by the database with UTC times so chaining and
// verifying (and a restored copy) agree to the microsecond. The detail joins the text only
// when there is one, so rows chained before it existed keep their hashes.
const CANONICAL = sql`(case when l.detail is null
  then jsonb_build_array(l.id, l.seq, l.at, l.account_id, l.action, l.outcome,
    l.reason, l.pupil_id, l.record_type, l.record_id, l.ip)
  else jsonb_build_array(l.id, l.seq, l.at, l.account_id, l.action, l.outcome,
    l.reason, l.pupil_id, l.record_type, l.record_id, l.ip, l.detail) end)::text`;

const link = (previous: string, canonical: string) =>
  createHash("sha256").update(previous).update(canonical).digest("hex");

async function utc(tx: Tx) {
  await tx.execute(sql`set local timezone = 'UTC'`);
}

/** Links every row not yet in the chain; returns how many it linked. */
export async function chainAccessLog(db: Database): Promise<number> {
  return db.owner(async (tx) => {
    await utc(tx);
    // One chainer at a time, across processes.
    await tx.execute(sql`select pg_advisory_xact_lock(72601)`);
    const schools = await queryRows<{ school_id: string }>(
      tx,
      sql`select distinct l.school_id from access_log l
          where not exists (select 1 from access_log_links k
                            where k.school_id = l.school_id and k.log_id = l.id)`,
    );
    let linked = 0;
    for (const { school_id: schoolId } of schools) {
      const [last] = await queryRows<{ position: string; hash: string }>(
        tx,
        sql`select position, hash from access_log_links where school_id = ${schoolId}
            order by position desc limit 1`,
      );
      let position = last ? Number(last.position) : 0;
      let previous = last?.hash ?? GENESIS;
      for (;;) {
        const rows = await queryRows<{ id: string; canonical: string }>(
          tx,
          sql`select l.id, ${CANONICAL} as canonical from access_log l
              where l.school_id = ${schoolId}
                and not exists (select 1 from access_log_links k
                                where k.school_id = l.school_id and k.log_id = l.id)
              order by l.seq limit ${BATCH}`,
        );
        if (rows.length === 0) break;
        const links = rows.map((r) => {
          position += 1;
          previous = link(previous, r.canonical);
          return { position, logId: r.id, hash: previous };
        });
        await tx.execute(sql`insert into access_log_links (school_id, position, log_id, hash)
          select ${schoolId}::uuid, x.position, x.log_id, x.hash
          from jsonb_to_recordset(${JSON.stringify(links.map((l) => ({ position: l.position, log_id: l.logId, hash: l.hash })))}::jsonb)
            as x(position bigint, log_id uuid, hash text)`);
        linked += rows.length;
      }
    }
    return linked;
  });
}

export interface ChainBreak {
  schoolId: string;
  position: number;
  logId: string;
  problem: "row missing" | "row or link changed";
}

export interface ChainReport {
  links: number;
  unlinked: number;
  /** The first broken link of each school whose chain is broken. */
  breaks: ChainBreak[];
}

/** Walks every school's chain; names each school's first broken link. Reads only. */
export async function verifyAccessLog(db: Database): Promise<ChainReport> {
  return db.snapshot(async (tx) => {
    await utc(tx);
    const links = await queryRows<{
      school_id: string;
      position: string;
      log_id: string;
      hash: string;
      canonical: string | null;
    }>(
      tx,
      sql`select k.school_id, k.position, k.log_id, k.hash,
                 case when l.id is null then null else ${CANONICAL} end as canonical
          from access_log_links k
          left join access_log l on l.school_id = k.school_id and l.id = k.log_id
          order by k.school_id, k.position`,
    );
    const breaks: ChainBreak[] = [];
    let school = "";
    let broken = false;
    let previous = GENESIS;
    let expectedPosition = 1;
    for (const k of links) {
      if (k.school_id !== school) {
        school = k.school_id;
        broken = false;
        previous = GENESIS;
        expectedPosition = 1;
      }
      if (broken) continue;
      const at = { schoolId: k.school_id, position: Number(k.position), logId: k.log_id };
      if (k.canonical === null) {
        breaks.push({ ...at, problem: "row missing" });
        broken = true;
        continue;
      }
      if (link(previous, k.canonical) !== k.hash || at.position !== expectedPosition) {
        breaks.push({ ...at, problem: "row or link changed" });
        broken = true;
        continue;
      }
      previous = k.hash;
      expectedPosition += 1;
    }
    const [unlinked] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from access_log l
          where not exists (select 1 from access_log_links k
                            where k.school_id = l.school_id and k.log_id = l.id)`,
    );
    return { links: links.length, unlinked: unlinked?.n ?? 0, breaks };
  });
}
