// One in-process scenario: the API through app.inject beside the same rows by plain SQL,
// runs interleaved so both see the same machine at the same moment.
import type { FastifyInstance, InjectOptions } from "fastify";
import { type Figure, spread } from "../stats.ts";

export interface Scenario {
  name: string;
  runs: number;
  /** The request for run i. */
  request: (i: number) => InjectOptions;
  /** The same rows by plain SQL (none when there is no fair equivalent). */
  raw?: (i: number) => Promise<unknown>;
  targetP95?: number;
  note?: string;
}

export async function measure(app: FastifyInstance, s: Scenario): Promise<Figure> {
  const api: number[] = [];
  const raw: number[] = [];
  for (let i = -3; i < s.runs; i++) {
    let start = performance.now();
    const res = await app.inject(s.request(Math.max(0, i)));
    const ms = performance.now() - start;
    if (res.statusCode >= 400) throw new Error(`${s.name}: HTTP ${res.statusCode} ${res.body}`);
    if (i >= 0) api.push(ms);
    if (s.raw) {
      start = performance.now();
      await s.raw(Math.max(0, i));
      if (i >= 0) raw.push(performance.now() - start);
    }
  }
  const a = spread(api);
  return {
    name: s.name,
    measure: "p95",
    value: a.p95,
    unit: "ms",
    runs: s.runs,
    ...a,
    ...(s.targetP95 === undefined ? {} : { target: { op: "<", value: s.targetP95 } }),
    ...(s.raw ? { raw: spread(raw) } : {}),
    ...(s.note ? { note: s.note } : {}),
  };
}

/** A figure that is a ratio of two others (e.g. Tessera over raw SQL). */
export function ratio(name: string, value: number, max: number, note?: string): Figure {
  return {
    name,
    measure: "ratio",
    value,
    unit: "×",
    target: { op: "<=", value: max },
    ...(note ? { note } : {}),
  };
}
