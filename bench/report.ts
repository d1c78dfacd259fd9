// The results: written to bench/results/<timestamp>.json and printed as a summary, each
// target with its figure and met or short.
import { mkdirSync, writeFileSync } from "node:fs";
import { type Figure, met } from "./stats.ts";

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));

export function summaryLine(f: Figure): string {
  const ok = met(f);
  const mark = ok === null ? "     " : ok ? "met  " : "SHORT";
  const target = f.target ? ` (target ${f.target.op} ${f.target.value}${f.unit})` : "";
  const spreadText =
    f.p50 !== undefined
      ? `  p50 ${fmt(f.p50)} p95 ${fmt(f.p95 ?? 0)} p99 ${fmt(f.p99 ?? 0)} ms`
      : "";
  const raw = f.raw
    ? `  | raw SQL p50 ${fmt(f.raw.p50)} p95 ${fmt(f.raw.p95)} p99 ${fmt(f.raw.p99)} ms`
    : "";
  return `${mark}  ${f.name}: ${f.measure} ${fmt(f.value)}${f.unit}${target}${spreadText}${raw}`;
}

export function writeReport(report: {
  at: string;
  quick: boolean;
  data: Record<string, unknown>;
  figures: Figure[];
}): string {
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${report.at.replace(/[:.]/g, "-")}${report.quick ? "-quick" : ""}.json`;
  const figures = report.figures.map((f) => ({ ...f, met: met(f) }));
  writeFileSync(file, `${JSON.stringify({ ...report, figures }, null, 2)}\n`);
  return file;
}

export function printSummary(figures: Figure[]) {
  console.log("\nSummary (figure, target, met or short; raw SQL = the same rows by plain SQL)");
  for (const f of figures) {
    console.log(summaryLine(f));
    if (f.note) console.log(`         ${f.note}`);
  }
  const short = figures.filter((f) => met(f) === false);
  console.log(
    short.length === 0
      ? "\nEvery target met."
      : `\n${short.length} target(s) short: see docs/performance.md for what each would take.`,
  );
}
