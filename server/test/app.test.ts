// The HTTP fixed points every integration relies on: health, the OpenAPI document,
// problem details for every error, and the web app served for its own routes.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/database.ts";
import { freshDatabase } from "./databases.ts";

let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  const webRoot = await mkdtemp(join(tmpdir(), "tessera-web-"));
  await mkdir(join(webRoot, "assets"));
  await writeFile(join(webRoot, "index.html"), "<!doctype html><title>Tessera</title>");
  await writeFile(join(webRoot, "assets", "app.js"), "console.log(1)");
  app = await buildApp({ db, webRoot });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe("health", () => {
  it("says ok when the database answers", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("says the database is not answering when it is down", async () => {
    const downDb = await freshDatabase("pglite");
    const downApp = await buildApp({ db: downDb, webRoot: "/nonexistent" });
    await downDb.close();
    const res = await downApp.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().title).toBe("The database is not answering");
    await downApp.close();
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents the health check", async () => {
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/healthz"].get.responses["200"]).toBeDefined();
  });
});

describe("errors", () => {
  it("answers an unknown API path with 404 problem details", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/nothing-here?x=1" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: "https://tessera.school/problems/not-found",
      title: "Not found",
      status: 404,
      detail: "There is no GET /api/v1/nothing-here here.",
    });
  });
});

describe("the web app", () => {
  it("is served at / and for its own routes, so a bookmark works", async () => {
    for (const url of ["/", "/sign-in", "/pupils/123"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain("<title>Tessera</title>");
    }
  });

  it("serves its built assets", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/app.js" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("console.log(1)");
  });
});

describe("security headers", () => {
  it("are on every page, asset, API answer and error", async () => {
    for (const url of [
      "/",
      "/sign-in",
      "/assets/app.js",
      "/healthz",
      "/api/openapi.json",
      "/api/v1/session",
      "/api/v1/nothing",
    ]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.headers["content-security-policy"], url).toContain("script-src 'self'");
      expect(res.headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"], url).not.toContain("unsafe-inline");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["permissions-policy"], url).toContain("camera=()");
    }
  });

  it("keep API answers and pages out of caches, and let hashed assets be cached", async () => {
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/session" })).headers["cache-control"],
    ).toBe("no-store");
    expect((await app.inject({ method: "GET", url: "/" })).headers["cache-control"]).toBe(
      "no-store",
    );
    expect(
      (await app.inject({ method: "GET", url: "/assets/app.js" })).headers["cache-control"],
    ).toContain("immutable");
  });

  it("add HSTS behind TLS only", async () => {
    const plain = await app.inject({ method: "GET", url: "/healthz" });
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    const tls = await app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(tls.headers["strict-transport-security"]).toContain("max-age=");
  });
});
