// The web app's first-load JavaScript: the entry chunk index.html loads and the chunks it
// imports statically (Vite lists them as modulepreload links), gzipped.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Figure } from "../stats.ts";

export function webFirstLoad(build: boolean): Figure {
  if (build) execFileSync("npm", ["run", "build", "-w", "web"], { stdio: "ignore" });
  const dist = "web/dist";
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    files.add(m[1] as string);
  // Static imports of the entry that Vite did not list (e.g. without modulepreload).
  const queue = [...files];
  while (queue.length) {
    const file = queue.pop() as string;
    const text = readFileSync(join(dist, file), "utf8");
    for (const m of text.matchAll(
      /(?:^|[;}\n])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      const dep = join(file, "..", m[1] as string);
      if (!files.has(dep)) {
        files.add(dep);
        queue.push(dep);
      }
    }
  }
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(join(dist, file))).length;
  return {
    name: "web first-load JavaScript, gzipped",
    measure: "size",
    value: bytes / 1024,
    unit: "KB",
    target: { op: "<", value: 200 },
    note: `${files.size} file(s): ${[...files].join(", ")}`,
  };
}
