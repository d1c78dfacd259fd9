// PostgreSQL text cannot hold the NUL character (U+0000): a query or body carrying one
// would fail deep in the database as a 500. Refuse it at the edge, saying where.
import type { FastifyInstance } from "fastify";
import { problems } from "./problem.ts";

function findNul(value: unknown, path: string[]): string | null {
  if (typeof value === "string")
    return value.includes("\u0000") ? path.join(".") || "(body)" : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, [...path, String(i)]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return [...path, k].join(".");
      const found = findNul(v, [...path, k]);
      if (found !== null) return found;
    }
  }
  return null;
}

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const where =
      findNul(request.query, []) ?? findNul(request.params, []) ?? findNul(request.body, []);
    if (where !== null) {
      throw problems.badRequest("Text cannot contain the NUL character.", [
        { path: where, message: "Remove the NUL character (U+0000)." },
      ]);
    }
  });
}
