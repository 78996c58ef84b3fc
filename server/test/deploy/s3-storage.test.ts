import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/index';
import { objectStorageFrom } from '../../src/modules/storage/object-storage';
import { S3Storage } from '../../src/modules/storage/s3-storage';

/**
 * The S3-compatible store against an S3 protocol server (s3rver), as the API and workers use MinIO in
 * a deployment. s3rver checks the access key but not the V4 signature itself: signing is aws4's
 * (tested upstream against AWS's vectors); the compose stack's MinIO checks it end to end.
 */
let server: S3rver;
let endpoint: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-s3-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'motcua-test', configs: [] }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) =>
  parseEnv({
    OBJECT_STORE_URL: endpoint,
    OBJECT_STORE_BUCKET: 'motcua-test',
    OBJECT_STORE_ACCESS_KEY: 'S3RVER',
    OBJECT_STORE_SECRET_KEY: 'S3RVER',
    ...extra,
  });

describe('S3 object storage', () => {
  it('is chosen by OBJECT_STORE_URL and keeps bytes by key', async () => {
    const store = objectStorageFrom(env());
    expect(store).toBeInstanceOf(S3Storage);
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 37, 80, 68, 70]);
    await store.put('results/3f1c/ket-qua.pdf', bytes, { contentType: 'application/pdf' });
    expect(await store.get('results/3f1c/ket-qua.pdf')).toEqual(bytes);
    expect(await store.get('results/3f1c/khong-co.pdf')).toBeNull();
  });

  it('reports a refused request instead of pretending', async () => {
    const store = objectStorageFrom(env({ OBJECT_STORE_ACCESS_KEY: 'UNKNOWN' }));
    await expect(store.put('ab/abcdef', new Uint8Array([1]), { contentType: 'text/plain' })).rejects.toThrow(
      /S3 PUT ab\/abcdef: 403/,
    );
  });

  it('refuses an object key that could escape its prefix', async () => {
    const store = objectStorageFrom(env());
    await expect(store.get('../etc/passwd')).rejects.toThrow(/not an object key/);
  });

  it('needs both keys with an endpoint', () => {
    expect(() => parseEnv({ OBJECT_STORE_URL: 'http://127.0.0.1:9000' })).toThrow(/OBJECT_STORE_ACCESS_KEY/);
  });
});
