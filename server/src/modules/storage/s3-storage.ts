import aws4 from 'aws4';
import { assertObjectKey } from './object-key';
import type { ObjectStorage } from './object-storage';

export interface S3Config {
  /** The S3-compatible endpoint, e.g. http://minio:9000 (path-style addressing: MinIO, Ceph RGW, …). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/**
 * An S3-compatible object store (MinIO in the compose file and the cluster), signed with AWS
 * Signature V4. Only what ObjectStorage needs: PUT and GET of one object. Several API and worker
 * processes share it, which the local folder cannot do across machines.
 */
export class S3Storage implements ObjectStorage {
  private readonly base: URL;

  constructor(private readonly c: S3Config) {
    this.base = new URL(c.endpoint);
  }

  async put(key: string, bytes: Uint8Array, meta: { contentType: string }): Promise<void> {
    const res = await this.send('PUT', key, Buffer.from(bytes), { 'content-type': meta.contentType });
    if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
  }

  async get(key: string): Promise<Uint8Array | null> {
    const res = await this.send('GET', key);
    if (res.status === 404) {
      await res.arrayBuffer();
      return null;
    }
    if (!res.ok) throw new Error(`S3 GET ${key}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  private send(method: 'GET' | 'PUT', key: string, body?: Buffer, headers: Record<string, string> = {}) {
    assertObjectKey(key);
    // Object keys are [A-Za-z0-9._-/] only (assertObjectKey), so the path needs no further escaping.
    const prefix = this.base.pathname.replace(/\/$/, '');
    const signed = aws4.sign(
      {
        host: this.base.host,
        path: `${prefix}/${this.c.bucket}/${key}`,
        method,
        service: 's3',
        region: this.c.region,
        headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        body,
      },
      { accessKeyId: this.c.accessKeyId, secretAccessKey: this.c.secretAccessKey },
    );
    const sent: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers ?? {}))
      if (v !== undefined && k.toLowerCase() !== 'host' && k.toLowerCase() !== 'content-length')
        sent[k] = String(v);
    return fetch(`${this.base.protocol}//${this.base.host}${signed.path}`, {
      method,
      headers: sent,
      body: body ? new Uint8Array(body) : undefined,
    });
  }
}
