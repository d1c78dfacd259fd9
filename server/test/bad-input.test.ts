// Bad input never breaks Tessera: generated malformed bodies, queries, headers and ids
// sent to every endpoint of the OpenAPI document get a 4xx problem-details answer —
// never a 5xx, never a stack trace.
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import type { Database } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
let dsl: Client;
let operations: { method: string; path: string }[] = [];

// Sign-out and locking would end the session the rest of the run relies on.
const SKIP = new Set(["DELETE /api/v1/session", "POST /api/v1/session/lock"]);

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  dsl = await signIn(app, "dsl@demo.tessera.school", DEMO_PASSWORD);
  await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
    payload: { code: currentTotp(DEMO_TOTP_SECRET) },
  });
  const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .map((m) => ({ method: m.toUpperCase(), path }))
      .filter((o) => !SKIP.has(`${o.method} ${o.path.replace(/\{(\w+)\}/g, ":$1")}`)),
  );
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const junkString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "null",
    "undefined",
    "-1",
    "0",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "%00",
    "'; drop table pupils; --",
    "\u0000",
    "😀".repeat(50),
    "a".repeat(5000),
  ),
  fc.uuid(),
);
const junkBody = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      "email",
      "password",
      "code",
      "pupilId",
      "schoolId",
      "accountId",
      "scope",
      "scopeIds",
      "areas",
      "reason",
      "version",
      "completedOn",
      "currentPassword",
      "newPassword",
    ),
    fc.jsonValue(),
  ),
  fc.constant("{not json"),
);

describe("bad input", () => {
  it("refuses the NUL character in a query or body with 400, naming where", async () => {
    const q = await app.inject({
      method: "GET",
      url: "/api/v1/staff",
      query: { q: "\u0000" },
      headers: { cookie: dsl.cookie },
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().errors[0].path).toBe("q");
    const body = await app.inject({
      method: "PUT",
      url: `/api/v1/drafts/${"00000000-0000-4000-8000-000000000001"}`,
      headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
      payload: { kind: "incident", content: { account: "a\u0000b" } },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors[0].path).toBe("content.account");
  });

  it("documents the endpoints it walks", () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it("gets a 4xx problem-details answer (or success) from every endpoint, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        junkString,
        fc.dictionary(
          fc.constantFrom("q", "limit", "cursor", "from", "to", "accountId", "x"),
          junkString,
        ),
        junkBody,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          undefined,
        ),
        fc.boolean(),
        async (pick, param, query, body, contentType, withCsrf) => {
          const op = operations[pick % operations.length]!;
          const url = op.path.replace(/\{\w+\}/g, encodeURIComponent(param) || "x");
          const headers: Record<string, string> = { cookie: dsl.cookie };
          if (withCsrf) headers["x-csrf-token"] = dsl.csrfToken;
          if (contentType) headers["content-type"] = contentType;
          const res = await app.inject({
            method: op.method as "GET",
            url,
            query,
            headers,
            ...(op.method === "GET"
              ? {}
              : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
          });
          expect(res.statusCode, `${op.method} ${url}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
            expect(res.body).not.toMatch(/at .*\.ts:\d+|node_modules/);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
  });
});
