// Durability: the real server is killed (SIGKILL) several times while a client keeps
// submitting incidents, retrying each with its Idempotency-Key until it is acknowledged.
// Afterwards every acknowledged incident exists exactly once — on PostgreSQL with fsync
// on, and on the embedded database.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres } from "./postgres-server.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

class Server {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    // Node itself with tsx as a loader — not the tsx command, whose child process a
    // SIGKILL to the wrapper would leave running.
    this.child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "error",
      },
      stdio: "ignore",
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/healthz`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the server did not start");
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.child || this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill("SIGKILL");
    });
  }
}

async function run(server: Server) {
  const base = `http://127.0.0.1:${server.port}`;
  await server.start();
  const signIn = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "ta@demo.tessera.school", password: "Tessera-Demo-2026" }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
  const pupil = (
    (await (await fetch(`${base}/api/v1/pupils?q=`, { headers })).json()) as {
      items: { id: string }[];
    }
  ).items[0]!.id;
  const cats = (
    (await (await fetch(`${base}/api/v1/categories`, { headers })).json()) as {
      items: { id: string; name: string }[];
    }
  ).items;
  const wellbeing = cats.find((c) => c.name === "Wellbeing")!.id;

  const acknowledged = new Map<string, number>();
  let retries = 0;
  let stop = false;
  // The client: one submit at a time, each retried with its key until acknowledged.
  const client = (async () => {
    for (let i = 0; i < 40 && !stop; i++) {
      const key = randomUUID();
      const body = JSON.stringify({
        pupilId: pupil,
        account: `Durability check ${key}`,
        categoryIds: [wellbeing],
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      });
      for (;;) {
        try {
          const res = await fetch(`${base}/api/v1/incidents`, {
            method: "POST",
            headers: { ...headers, "idempotency-key": key },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status === 201) {
            acknowledged.set(key, ((await res.json()) as { number: number }).number);
            break;
          }
          if (res.status !== 503) throw new Error(`unexpected ${res.status} ${await res.text()}`);
        } catch (e) {
          if (e instanceof Error && e.message.startsWith("unexpected")) throw e;
        }
        retries++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  })();
  // The killer: three times, let some submits through, then SIGKILL and restart.
  for (let k = 0; k < 3; k++) {
    // Kill while submits are flowing: wait until a few more have been acknowledged.
    const target = acknowledged.size + 5;
    while (acknowledged.size < target) await new Promise((r) => setTimeout(r, 10));
    await server.kill();
    await server.start();
  }
  await client;
  stop = true;

  // Every acknowledged incident exists exactly once, with the number it was given.
  const seen = new Map<string, number[]>();
  let cursor: string | null = null;
  do {
    const page = (await (
      await fetch(
        `${base}/api/v1/incidents?mine=true&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
        { headers },
      )
    ).json()) as { items: { id: string; number: number }[]; nextCursor: string | null };
    for (const item of page.items) {
      const incident = (await (
        await fetch(`${base}/api/v1/incidents/${item.id}`, { headers })
      ).json()) as { account: string; number: number };
      const key = incident.account.replace("Durability check ", "");
      seen.set(key, [...(seen.get(key) ?? []), incident.number]);
    }
    cursor = page.nextCursor;
  } while (cursor);
  await server.kill();
  return { acknowledged, seen, retries };
}

describe("durability under SIGKILL", () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => {
    for (const c of cleanup) c();
  });

  it.each([
    "postgres",
    "pglite",
  ] as const)("on %s: every acknowledged incident exists exactly once", async (driver) => {
    const dataDir = mkdtempSync(join(tmpdir(), "tessera-durability-"));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (driver === "postgres") {
      const pg = await startPostgres({ fsync: true });
      cleanup.push(() => pg.stop());
      env.DATABASE_URL = pg.url;
    }
    const { acknowledged, seen, retries } = await run(new Server(await freePort(), env));
    expect(acknowledged.size).toBe(40);
    // The kills landed while submits were in flight: some had to be retried.
    expect(retries).toBeGreaterThan(0);
    for (const [key, number] of acknowledged) {
      expect(seen.get(key), key).toEqual([number]);
    }
  }, 240_000);
});
