// The vault's machinery in one object: where blobs are stored, the master key, the size
// limit. Routes ask it to seal a file for a school and to open one again.

import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { fileKeys } from "../db/schema/index.ts";
import {
  decryptFile,
  encryptFile,
  newDataKey,
  type SchoolKeys,
  schoolKeys,
  storageNameFor,
  unwrapKey,
  wrapKey,
} from "./envelope.ts";
import { type BlobStorage, LocalDiskStorage } from "./storage.ts";

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export interface Vault {
  storage: BlobStorage;
  masterKey: Buffer;
  maxUploadBytes: number;
  /** Unwrapped school keys, so each upload and download does not unwrap again. */
  keyCache: Map<string, SchoolKeys>;
}

export function createVault(options: {
  storage: BlobStorage;
  masterKey: Buffer;
  maxUploadBytes?: number;
}): Vault {
  return {
    storage: options.storage,
    masterKey: options.masterKey,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    keyCache: new Map(),
  };
}

/** For tests and tools that build the app without a data directory. */
export function throwawayVault(): Vault {
  return createVault({
    storage: new LocalDiskStorage(join(mkdtempSync(join(tmpdir(), "tessera-files-")), "files")),
    masterKey: randomBytes(32),
  });
}

export async function keysFor(
  vault: Vault,
  tx: Tx,
  schoolId: string,
  version?: number,
  cache = true,
) {
  if (version !== undefined) {
    const cached = vault.keyCache.get(`${schoolId}:${version}`);
    if (cached) return cached;
  }
  const [row] = await tx
    .select()
    .from(fileKeys)
    .where(
      version === undefined
        ? eq(fileKeys.schoolId, schoolId)
        : and(eq(fileKeys.schoolId, schoolId), eq(fileKeys.version, version)),
    )
    .orderBy(desc(fileKeys.version))
    .limit(1);
  if (!row) return null;
  const keys = schoolKeys(unwrapKey(vault.masterKey, row.wrappedKey, schoolId), row.version);
  // A key made in this transaction is not cached: the transaction may yet roll back.
  if (cache) vault.keyCache.set(`${schoolId}:${row.version}`, keys);
  return keys;
}

/** The school's current keys, made on its first upload. */
export async function currentKeys(vault: Vault, tx: Tx, schoolId: string): Promise<SchoolKeys> {
  const existing = await keysFor(vault, tx, schoolId);
  if (existing) return existing;
  // Two first uploads at once: one insert wins, both then read the same key.
  await tx
    .insert(fileKeys)
    .values({ schoolId, version: 1, wrappedKey: wrapKey(vault.masterKey, newDataKey(), schoolId) })
    .onConflictDoNothing();
  const keys = await keysFor(vault, tx, schoolId, undefined, false);
  if (!keys) throw new Error(`no file key for school ${schoolId}`);
  return keys;
}

/** Encrypts and stores a file; returns where it is and under which key version. */
export async function sealFile(vault: Vault, tx: Tx, schoolId: string, plain: Buffer) {
  const keys = await currentKeys(vault, tx, schoolId);
  const storageName = `vault/${schoolId}/${storageNameFor(keys, plain)}`;
  await vault.storage.put(storageName, encryptFile(keys, schoolId, storageName, plain));
  return { storageName, keyVersion: keys.version };
}

/** The file's bytes; DamagedFile when the stored blob is missing, changed or foreign. */
export async function openFile(
  vault: Vault,
  tx: Tx,
  schoolId: string,
  storageName: string,
  keyVersion: number,
): Promise<Buffer | null> {
  const keys = await keysFor(vault, tx, schoolId, keyVersion);
  const blob = await vault.storage.get(storageName);
  if (!keys || !blob) return null;
  return decryptFile(keys, schoolId, storageName, blob);
}
