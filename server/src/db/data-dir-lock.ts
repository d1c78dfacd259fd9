// The embedded database can be opened by one process only; a second opener (another
// `npm start`, or a backup while Tessera runs) would corrupt it. A pid file guards it.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class DataDirBusy extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock or throws DataDirBusy; returns the function that releases it. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = join(dataDir, "tessera.pid");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && isRunning(pid)) {
      throw new DataDirBusy(
        `Tessera is already using ${dataDir} (process ${pid}). Stop it first: the embedded database can be opened by one process at a time.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      rmSync(file, { force: true });
    }
  };
  process.once("exit", release);
  return release;
}
