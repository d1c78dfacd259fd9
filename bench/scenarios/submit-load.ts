// Incident submits from 50 concurrent clients (autocannon) against a real listening
// server in a child process; afterwards the incident numbers are checked for gaps by SQL
// and the server's resident memory is read from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { Raw } from "../raw-sql.ts";
import { type Session, signInOverHttp } from "../session.ts";
import { type Figure, spread } from "../stats.ts";

export interface SubmitLoadOptions {
  databaseUrl: string;
  raw: Raw;
  schoolId: string;
  staffEmails: string[];
  pupilIds: string[];
  categoryId: string;
  seconds: number;
  connections: number;
}

function startServer(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/server-child.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
  });
}

/** CPU seconds a process has used (user + system, from /proc). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Resident memory of a process, in MB (VmRSS from /proc). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb ?? 0) / 1024;
}

export async function submitLoad(o: SubmitLoadOptions): Promise<Figure[]> {
  const { child, base } = await startServer(o.databaseUrl);
  try {
    const sessions: Session[] = [];
    for (const email of o.staffEmails) sessions.push(await signInOverHttp(base, email));
    const [before] = (await o.raw(
      "select coalesce(max(number), 0)::int as n from incidents where school_id = $1",
      [o.schoolId],
    )) as { n: number }[];
    let sent = 0;
    const requests = sessions.map((s) => ({
      method: "POST" as const,
      path: "/api/v1/incidents",
      headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf },
      setupRequest: (req: autocannon.Request) => {
        const n = sent++;
        return {
          ...req,
          headers: { ...req.headers, "idempotency-key": randomUUID() },
          body: JSON.stringify({
            pupilId: o.pupilIds[n % o.pupilIds.length],
            account: `Benchmark record ${n}: said at the start of the lesson that they had not eaten since yesterday lunchtime.`,
            categoryIds: [o.categoryId],
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
          }),
        };
      },
    }));
    const cpuBefore = cpuSeconds(child.pid as number);
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let finish: (r: autocannon.Result) => void = () => {};
    let fail: (e: Error) => void = () => {};
    const done = new Promise<autocannon.Result>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const instance = autocannon(
      { url: base, connections: o.connections, duration: o.seconds, requests },
      (err, result) => (err ? fail(err) : finish(result)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    const result = await done;
    const rss = rssMb(child.pid as number);
    // Near 1 CPU second a second: the server's one Node thread is the limit.
    const serverCpu = (cpuSeconds(child.pid as number) - cpuBefore) / o.seconds;
    const [after] = (await o.raw(
      `select count(*)::int as n, coalesce(min(number), 0)::int as lo, coalesce(max(number), 0)::int as hi,
              count(distinct number)::int as distinct
       from incidents where school_id = $1 and number > $2`,
      [o.schoolId, before?.n ?? 0],
    )) as { n: number; lo: number; hi: number; distinct: number }[];
    const created = statuses.get(201) ?? 0;
    const errors = result.errors + result.timeouts + result.non2xx;
    // Gap-free: the new numbers follow on from the last one before the load, with none
    // missing or repeated. A submit still in flight when the load stopped may have been
    // written without its answer being counted, so there may be more rows than answers.
    const gapFree =
      !!after &&
      after.n === after.distinct &&
      after.lo === (before?.n ?? 0) + 1 &&
      after.hi - after.lo + 1 === after.n &&
      after.n >= created;
    const s = spread(latencies);
    const rate = created / o.seconds;
    const detail = `${created} created in ${o.seconds} s by ${o.connections} clients; statuses ${JSON.stringify(Object.fromEntries(statuses))}; server process CPU ${serverCpu.toFixed(2)} s/s`;
    return [
      {
        name: `incident submits, ${o.connections} concurrent clients (rate)`,
        measure: "rate",
        value: rate,
        unit: "/s",
        target: { op: ">=", value: 300 },
        note: detail,
      },
      {
        name: `incident submits, ${o.connections} concurrent clients (latency)`,
        measure: "p95",
        value: s.p95,
        unit: "ms",
        runs: latencies.length,
        ...s,
        target: { op: "<", value: 50 },
      },
      {
        name: "incident submits: errors",
        measure: "count",
        value: errors,
        unit: "",
        target: { op: "<=", value: 0 },
      },
      {
        name: "incident numbers gap-free after the load (SQL)",
        measure: "gaps",
        value: gapFree ? 0 : Math.max(1, (after?.hi ?? 0) - (after?.lo ?? 0) + 1 - (after?.n ?? 0)),
        unit: "",
        target: { op: "<=", value: 0 },
        note: `numbers ${after?.lo}–${after?.hi}, ${after?.n} rows, ${after?.distinct} distinct, ${created} acknowledged`,
      },
      {
        name: "server RSS after the load",
        measure: "rss",
        value: rss,
        unit: "MB",
        target: { op: "<", value: 300 },
        note: "VmRSS of the server process, read from /proc",
      },
    ];
  } finally {
    child.kill("SIGTERM");
  }
}
