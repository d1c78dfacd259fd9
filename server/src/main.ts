// Starts Tessera: the embedded database in DATA_DIR unless DATABASE_URL is set,
// migrations applied, the demo school created on an empty database, then the server.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildApp, LOG_REDACT } from "./app.ts";
import { loadConfig } from "./config/config.ts";
import { acquireDataDirLock } from "./db/data-dir-lock.ts";
import { openDatabase } from "./db/database.ts";
import { DEMO_PASSWORD, DEMO_SIGN_INS, ensureDemo } from "./demo/demo-school.ts";
import { startBackgroundJobs } from "./jobs/background-jobs.ts";
import { jobHandlers } from "./jobs/handlers.ts";
import { createMailer } from "./mail/mailer.ts";
import { loadMasterKey } from "./vault/master-key.ts";
import { LocalDiskStorage } from "./vault/storage.ts";
import { createVault } from "./vault/vault.ts";

const config = loadConfig();
mkdirSync(config.dataDir, { recursive: true });
// Only one process may open the embedded database: a second would corrupt it.
const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);

const started = Date.now();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await db.migrate();
const demoCreated = config.demo ? await ensureDemo(db) : false;

const masterKey = loadMasterKey(config);
const vault = createVault({
  storage: new LocalDiskStorage(join(config.dataDir, "files")),
  masterKey: masterKey.key,
  maxUploadBytes: config.maxUploadBytes,
});

const app = await buildApp({
  db,
  logger: { level: config.logLevel, redact: LOG_REDACT },
  publicUrl: config.publicUrl,
  vault,
});
if (masterKey.created) {
  app.log.warn(
    { file: masterKey.source },
    "Made a new master key for stored files. Back this file up separately from DATA_DIR and its backups: without it the documents cannot be read.",
  );
}

const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }, (line) =>
  app.log.info(line),
);
const stopJobs = startBackgroundJobs(db, jobHandlers(db, mailer, config.publicUrl), app.log);

async function shutdown(signal: string) {
  app.log.info({ signal }, "stopping");
  stopJobs();
  mailer.close();
  await app.close();
  await db.close();
  releaseLock();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

await app.listen({ port: config.port, host: config.host });

const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded, in ${config.dataDir}`;
const lines = [
  "",
  `Tessera is running at ${config.publicUrl}  (database: ${where}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
];
if (config.demo) {
  lines.push(
    demoCreated ? "The demo school was created." : "Using the existing data.",
    `Demo sign-ins (password ${DEMO_PASSWORD}):`,
    ...DEMO_SIGN_INS.map((s) => `  ${s.email.padEnd(34)} ${s.description}`),
  );
}
lines.push("Press Ctrl+C to stop.", "");
process.stdout.write(`${lines.join("\n")}\n`);
