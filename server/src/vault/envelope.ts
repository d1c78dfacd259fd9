// Encryption at rest. Each school has a random data key, stored only wrapped (AES-256-GCM)
// by the instance's master key. From the data key come two subkeys (HKDF): one encrypts
// files (AES-256-GCM, a fresh IV per file, the school and name as associated data, so a
// blob moved to another school or name fails to open) and one names them (HMAC-SHA256
// of the content, so the same file in two schools has unrelated names).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

const BLOB_MAGIC = Buffer.from("TSF1");
const IV = 12;
const TAG = 16;

export class DamagedFile extends Error {}

function seal(key: Buffer, plain: Buffer, aad: Buffer) {
  const iv = randomBytes(IV);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, body, tag: cipher.getAuthTag() };
}

function open(key: Buffer, iv: Buffer, body: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  // final() throws when the tag does not match: nothing decrypted is used before that.
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapKey(master: Buffer, dataKey: Buffer, schoolId: string): string {
  const { iv, body, tag } = seal(master, dataKey, Buffer.from(`tessera-key:${schoolId}`));
  return ["v1", iv, body, tag]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function unwrapKey(master: Buffer, wrapped: string, schoolId: string): Buffer {
  const [version, iv, body, tag] = wrapped.split(".");
  if (version !== "v1" || !iv || !body || !tag) throw new Error("unknown wrapped key format");
  try {
    return open(
      master,
      Buffer.from(iv, "base64url"),
      Buffer.from(body, "base64url"),
      Buffer.from(tag, "base64url"),
      Buffer.from(`tessera-key:${schoolId}`),
    );
  } catch {
    throw new Error(
      "The master key does not open this school's file key: is TESSERA_MASTER_KEY (or the key file) the one this data was made with?",
    );
  }
}

export interface SchoolKeys {
  version: number;
  encrypt: Buffer;
  name: Buffer;
}

export function schoolKeys(dataKey: Buffer, version: number): SchoolKeys {
  const derive = (info: string) =>
    Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), info, 32));
  return {
    version,
    encrypt: derive("tessera files: encrypt"),
    name: derive("tessera files: name"),
  };
}

export function storageNameFor(keys: SchoolKeys, plain: Buffer): string {
  return createHmac("sha256", keys.name).update(plain).digest("hex");
}

const aadFor = (schoolId: string, name: string) => Buffer.from(`tessera-file:${schoolId}/${name}`);

export function encryptFile(
  keys: SchoolKeys,
  schoolId: string,
  name: string,
  plain: Buffer,
): Buffer {
  const { iv, body, tag } = seal(keys.encrypt, plain, aadFor(schoolId, name));
  return Buffer.concat([BLOB_MAGIC, iv, tag, body]);
}

/** The plaintext, or DamagedFile when the blob was changed in any way. */
export function decryptFile(
  keys: SchoolKeys,
  schoolId: string,
  name: string,
  blob: Buffer,
): Buffer {
  if (blob.length < BLOB_MAGIC.length + IV + TAG || !blob.subarray(0, 4).equals(BLOB_MAGIC)) {
    throw new DamagedFile("not a Tessera file blob");
  }
  const iv = blob.subarray(4, 4 + IV);
  const tag = blob.subarray(4 + IV, 4 + IV + TAG);
  try {
    return open(keys.encrypt, iv, blob.subarray(4 + IV + TAG), tag, aadFor(schoolId, name));
  } catch {
    throw new DamagedFile("the file failed its integrity check");
  }
}
