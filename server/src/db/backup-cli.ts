// npm run backup -- FILE   /   npm run restore -- FILE
// Uses the same settings as npm start (DATA_DIR, DATABASE_URL).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/config.ts";
import { RestoreRefused, restoreBackup, writeBackup } from "./backup.ts";
import { acquireDataDirLock, DataDirBusy } from "./data-dir-lock.ts";
import { openDatabase } from "./database.ts";

const [command, file] = process.argv.slice(2);
if ((command !== "backup" && command !== "restore") || !file) {
  console.error("Usage: npm run backup -- FILE   or   npm run restore -- FILE");
  process.exit(2);
}

const config = loadConfig();
if (command === "backup" && existsSync(file)) {
  console.error(`${file} already exists. Choose a new name: a backup never overwrites another.`);
  process.exit(1);
}
if (command === "restore" && !existsSync(file)) {
  console.error(`There is no backup at ${file}.`);
  process.exit(1);
}
try {
  mkdirSync(config.dataDir, { recursive: true });
  // The embedded database cannot be read while Tessera runs on it; PostgreSQL can.
  if (!config.databaseUrl) acquireDataDirLock(config.dataDir);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const filesDir = join(config.dataDir, "files");
  const started = Date.now();
  try {
    const counts =
      command === "backup"
        ? await writeBackup(db, filesDir, file)
        : await restoreBackup(db, filesDir, file);
    const rows = Object.values(counts.tables).reduce((a, b) => a + b, 0);
    const verb = command === "backup" ? "Backed up" : "Restored";
    console.log(
      `${verb} ${rows} rows in ${Object.keys(counts.tables).length} tables and ${counts.files} files ${command === "backup" ? "to" : "from"} ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof RestoreRefused || error instanceof DataDirBusy) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
