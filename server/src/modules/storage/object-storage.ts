import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Env } from '../../config/index';
import { assertObjectKey } from './object-key';
import { S3Storage } from './s3-storage';

/**
 * Where files live, by key: uploaded papers (`<sha256[0..2]>/<sha256>`, see dossiers/uploads.ts)
 * and result documents (`results/<tenantId>/…`, see results/issue-result.ts). The database keeps
 * the key, the SHA-256 and the size; the bytes live here. Keys are content-addressed by callers, so
 * a put that is repeated or whose transaction rolled back leaves at most an unreferenced file,
 * never a wrong one.
 *
 * Implementations: a local folder (embedded defaults: DATA_DIR/objects), memory (DATA_DIR
 * ':memory:') and an S3-compatible store (OBJECT_STORE_URL, see s3-storage.ts) for deployments with
 * several processes.
 */
export interface ObjectStorage {
  put(key: string, bytes: Uint8Array, meta: { contentType: string }): Promise<void>;
  /** null when there is no object under the key. */
  get(key: string): Promise<Uint8Array | null>;
}

export { assertObjectKey };

export class LocalFolderStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.fileOf(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private fileOf(key: string): string {
    assertObjectKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}

/** For DATA_DIR=':memory:' (a throwaway embedded run): gone when the process ends, as the database is. */
export class MemoryStorage implements ObjectStorage {
  private readonly objects = new Map<string, Uint8Array>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertObjectKey(key);
    this.objects.set(key, new Uint8Array(bytes));
  }

  async get(key: string): Promise<Uint8Array | null> {
    const b = this.objects.get(key);
    return b ? new Uint8Array(b) : null;
  }
}

let processMemory: MemoryStorage | null = null;

/**
 * The store for this configuration. In memory mode there is one store per process, so the server
 * and the jobs it runs in-process see the same files, as they would share a folder; keys are
 * content-addressed, so sharing it between servers started in one process is harmless.
 */
export function objectStorageFrom(
  env: Pick<
    Env,
    | 'DATA_DIR'
    | 'OBJECT_STORE_URL'
    | 'OBJECT_STORE_BUCKET'
    | 'OBJECT_STORE_ACCESS_KEY'
    | 'OBJECT_STORE_SECRET_KEY'
    | 'OBJECT_STORE_REGION'
  >,
): ObjectStorage {
  if (env.OBJECT_STORE_URL)
    return new S3Storage({
      endpoint: env.OBJECT_STORE_URL,
      bucket: env.OBJECT_STORE_BUCKET,
      accessKeyId: env.OBJECT_STORE_ACCESS_KEY ?? '',
      secretAccessKey: env.OBJECT_STORE_SECRET_KEY ?? '',
      region: env.OBJECT_STORE_REGION,
    });
  if (env.DATA_DIR !== ':memory:') return new LocalFolderStorage(path.resolve(env.DATA_DIR, 'objects'));
  processMemory ??= new MemoryStorage();
  return processMemory;
}
