// The provider's client secret, sealed at rest with the school's vault key (the same
// per-school key that encrypts its documents, wrapped by the instance master key): a copy
// of the database alone does not give the secret away. A subkey of its own (HKDF) keeps
// secrets and files apart; the school id is associated data, so a sealed secret copied to
// another school's row does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Tx } from "../db/database.ts";
import { currentKeys, keysFor, type Vault } from "../vault/vault.ts";

const subkey = (encrypt: Buffer) =>
  Buffer.from(hkdfSync("sha256", encrypt, Buffer.alloc(0), "tessera sso: client secret", 32));
const aad = (schoolId: string) => Buffer.from(`tessera-sso-secret:${schoolId}`);

export async function sealClientSecret(
  vault: Vault,
  tx: Tx,
  schoolId: string,
  secret: string,
): Promise<string> {
  const keys = await currentKeys(vault, tx, schoolId);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", subkey(keys.encrypt), iv);
  cipher.setAAD(aad(schoolId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", String(keys.version), iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export async function openClientSecret(
  vault: Vault,
  tx: Tx,
  schoolId: string,
  sealed: string,
): Promise<string> {
  const [format, version, iv, body, tag] = sealed.split(".");
  if (format !== "v1" || !version || !iv || !body || !tag) {
    throw new Error("unknown sealed secret format");
  }
  const keys = await keysFor(vault, tx, schoolId, Number(version));
  if (!keys) throw new Error(`no vault key ${version} for school ${schoolId}`);
  const decipher = createDecipheriv(
    "aes-256-gcm",
    subkey(keys.encrypt),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAAD(aad(schoolId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
