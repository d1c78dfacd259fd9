// Percentiles and the shape of one figure in the results.

export interface Figure {
  /** What was measured, as the summary names it. */
  name: string;
  /** The figure the target is about (e.g. "p95", "rate", "ratio"). */
  measure: string;
  value: number;
  unit: string;
  /** The target, and which way it points. */
  target?: { op: "<" | "<=" | ">="; value: number };
  runs?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  /** The same rows by plain SQL on the same database, in the same run. */
  raw?: { p50: number; p95: number; p99: number };
  note?: string;
}

export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function spread(ms: readonly number[]) {
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
}

/** Runs `work` `runs` times one after another (after a few unmeasured warm-up runs). */
export async function timeRuns(
  runs: number,
  work: (i: number) => Promise<void>,
  warmUp = 3,
): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await work(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    ms.push(performance.now() - start);
  }
  return ms;
}

export function met(f: Figure): boolean | null {
  if (!f.target) return null;
  const { op, value } = f.target;
  return op === "<" ? f.value < value : op === "<=" ? f.value <= value : f.value >= value;
}
