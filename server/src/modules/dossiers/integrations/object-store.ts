import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';

/**
 * Where uploaded papers and result documents live, content-addressed by SHA-256. The local-folder
 * store is the embedded default (DATA_DIR/objects); an S3-compatible store implements the same
 * interface. Part C's results/storage.ts becomes the one home for this when it lands.
 */
export interface ObjectStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | null>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function localObjectStore(dataDir: string): ObjectStore {
  const root = path.resolve(dataDir, 'objects');
  const fileOf = (sha: string) => path.join(root, sha.slice(0, 2), sha);
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const file = fileOf(sha256);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file, and equal content is the same object.
      const tmp = `${file}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      return readFile(fileOf(sha256)).catch(() => null);
    },
  };
}
