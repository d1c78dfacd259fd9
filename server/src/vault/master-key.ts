// The instance master key wraps every school's file key. It lives outside DATA_DIR, so a
// copy of the data (or a backup) is not a copy of the key: TESSERA_MASTER_KEY (32 bytes,
// base64 or hex), or a key file (TESSERA_MASTER_KEY_FILE); without either, one is made
// beside the data directory — `<DATA_DIR>.master-key` — and the log says to back it up
// separately. Without it, the stored files cannot be read.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";

export interface MasterKeySettings {
  dataDir: string;
  masterKey?: string | undefined;
  masterKeyFile?: string | undefined;
}

export interface LoadedMasterKey {
  key: Buffer;
  /** Where it came from, for the start-up log (never the key itself). */
  source: string;
  /** True when this start made the key file: it must be backed up now. */
  created: boolean;
}

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) {
    throw new Error("The master key must be 32 bytes, written as base64 or 64 hex digits.");
  }
  return key;
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
}

export function loadMasterKey(s: MasterKeySettings): LoadedMasterKey {
  if (s.masterKey) {
    return { key: parseMasterKey(s.masterKey), source: "TESSERA_MASTER_KEY", created: false };
  }
  const file = resolve(s.masterKeyFile ?? `${resolve(s.dataDir)}.master-key`);
  if (isInside(s.dataDir, file)) {
    throw new Error(
      `The master key file ${file} is inside DATA_DIR: a copy of the data would carry its key. Keep it outside.`,
    );
  }
  try {
    return { key: parseMasterKey(readFileSync(file, "utf8")), source: file, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  return { key, source: file, created: true };
}
