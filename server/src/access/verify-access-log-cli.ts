// npm run verify-access-log: proves the access log's hash chain, or names the first
// broken link. Uses the same settings as npm start. Exit code 1 when the chain is broken.
import { loadConfig } from "../config/config.ts";
import { acquireDataDirLock } from "../db/data-dir-lock.ts";
import { openDatabase } from "../db/database.ts";
import { chainAccessLog, verifyAccessLog } from "./access-log-chain.ts";

const config = loadConfig();
if (!config.databaseUrl) acquireDataDirLock(config.dataDir);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await db.migrate();
  // Link what is waiting first, so the report covers every row.
  await chainAccessLog(db);
  const report = await verifyAccessLog(db);
  if (report.breaks.length > 0) {
    for (const b of report.breaks) {
      console.error(
        `The access log has been tampered with: link ${b.position} of school ${b.schoolId} (access-log row ${b.logId}): ${b.problem}.`,
      );
    }
    process.exitCode = 1;
  } else {
    console.log(`The access log is intact: ${report.links} rows chained, none changed or removed.`);
  }
} finally {
  await db.close();
}
