// Where encrypted files live. Local disk under DATA_DIR/files by default; the interface is
// small so an S3-compatible store can stand in. Names are opaque (keyed hashes): a store
// never sees a pupil, a type or a plaintext.

import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface BlobStorage {
  /** Stores a blob under a name; a name already stored is left as it is. */
  put(name: string, data: Buffer): Promise<void>;
  /** The blob, or null when there is none under that name. */
  get(name: string): Promise<Buffer | null>;
}

const SAFE_NAME = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export class LocalDiskStorage implements BlobStorage {
  constructor(readonly root: string) {}

  private path(name: string): string {
    if (!SAFE_NAME.test(name)) throw new Error(`unsafe storage name: ${name}`);
    return join(this.root, ...name.split("/"));
  }

  async put(name: string, data: Buffer): Promise<void> {
    const target = this.path(name);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return;
    await mkdir(dirname(target), { recursive: true });
    // Written beside, then renamed: a reader or a backup never sees half a file.
    const temp = `${target}.${randomUUID()}.tmp`;
    await writeFile(temp, data, { flag: "wx", mode: 0o600 });
    await rename(temp, target);
  }

  async get(name: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}
