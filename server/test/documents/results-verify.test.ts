import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { Tx } from '../../src/db/transactor';
import { issueResult, resultFileKey } from '../../src/modules/results/issue-result';
import { recordResult, revokeResult } from '../../src/modules/results/repository';
import type { Result } from '../../src/modules/results/schema';
import { LocalFolderStorage } from '../../src/modules/storage/object-storage';
import { ensureDevAuthority } from '../../src/modules/signing/authority';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
import type { Tenant } from '../../src/modules/tenancy/schema';
import { createTestTenant, startTestServer, uniqueSuffix } from '../support/app';

/**
 * The results repository and the public verify route: valid, revoked and unknown answers, no
 * personal data, no listing, a number of any unit verifiable, and each unit's results its own.
 */
let running: Running;
let owner: Knex;
let unitA: Tenant;
let unitB: Tenant;
let issued: Result;
let revoked: Result;
let ofB: Result;
const keys = signingKeysFrom({});
const storage = new LocalFolderStorage(mkdtempSync(path.join(tmpdir(), 'motcua-objects-')));
const file = new TextEncoder().encode(`%PDF-1.7 Giấy phép xây dựng ${uniqueSuffix()}`);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const suffix = uniqueSuffix();

const asUnit = <T>(t: Tenant, fn: (tx: Tx) => Promise<T>) =>
  running.transactor.withTenant({ tenantId: t.id, actorId: null }, fn);
const verify = (body: object) => request(running.url).post('/api/v1/public/results/verify').send(body);

beforeAll(async () => {
  running = await startTestServer();
  owner = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 0, max: 1 } });
  await running.transactor.withSystem((tx) => ensureDevAuthority(tx, keys));
  unitA = await createTestTenant(running, { name: 'Sở Xây dựng (kiểm thử kho kết quả)' });
  unitB = await createTestTenant(running);
  const base = {
    title: 'Giấy phép xây dựng nhà ở riêng lẻ',
    holderName: 'Nguyễn Văn Bình',
    holderPid: '056201009999',
    mime: 'application/pdf',
    storage,
    keys,
  };
  issued = await asUnit(unitA, (tx) =>
    issueResult(tx, {
      ...base,
      tenantId: unitA.id,
      code: `GPXD-${suffix}-1`,
      bytes: file,
      validUntil: new Date('2036-01-01T00:00:00Z'),
    }),
  );
  revoked = await asUnit(unitA, async (tx) => {
    const r = await issueResult(tx, { ...base, tenantId: unitA.id, code: `GPXD-${suffix}-2`, bytes: file });
    return revokeResult(tx, { tenantId: unitA.id, id: r.id, reason: 'Cấp sai đối tượng' });
  });
  // Unit B uses the same number for its own, different, result.
  ofB = await asUnit(unitB, (tx) =>
    issueResult(tx, {
      ...base,
      tenantId: unitB.id,
      code: `GPXD-${suffix}-1`,
      bytes: new TextEncoder().encode('kết quả khác của đơn vị B'),
    }),
  );
});
afterAll(async () => {
  await owner?.destroy();
  await running?.close();
});

describe('results repository', () => {
  it('issuing stores the file by its hash, signs it and records it', async () => {
    expect(issued).toMatchObject({
      status: 'valid',
      source: 'issued',
      signed: true,
      fileSha256: sha256(file),
      fileSize: file.byteLength,
      storageKey: resultFileKey(unitA.id, sha256(file)),
    });
    expect(Buffer.from((await storage.get(issued.storageKey))!).equals(Buffer.from(file))).toBe(true);
  });

  it('a number is unique within a unit (409), and revoking twice is a conflict', async () => {
    await expect(
      asUnit(unitA, (tx) =>
        recordResult(tx, {
          tenantId: unitA.id,
          code: issued.code,
          title: 'Trùng số',
          holderName: 'X',
          issuedAt: new Date(),
          source: 'digitized',
          file: { sha256: sha256(file), size: 1, mime: 'application/pdf', storageKey: 'results/x' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      asUnit(unitA, (tx) => revokeResult(tx, { tenantId: unitA.id, id: revoked.id, reason: 'lần nữa' })),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      asUnit(unitB, (tx) =>
        revokeResult(tx, { tenantId: unitB.id, id: issued.id, reason: 'không phải của B' }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("a unit's transaction sees only its own results", async () => {
    const rows = (await asUnit(unitB, (tx) => tx('results').select('tenant_id', 'id'))) as {
      tenant_id: string;
      id: string;
    }[];
    expect(rows.map((r) => r.id)).toContain(ofB.id);
    expect(rows.every((r) => r.tenant_id === unitB.id)).toBe(true);
    const byId = await asUnit(unitB, (tx) => tx('results').where({ id: issued.id }));
    expect(byId).toEqual([]);
  });
});

describe('POST /api/v1/public/results/verify', () => {
  it('valid by number and SHA-256, with the unit and title and nothing personal', async () => {
    const res = await verify({ code: issued.code, sha256: sha256(file) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'valid',
      unit: { code: unitA.code, name: unitA.name },
      title: 'Giấy phép xây dựng nhà ở riêng lẻ',
      issuedAt: issued.issuedAt,
      validUntil: '2036-01-01T00:00:00.000Z',
      expired: false,
    });
    expect(res.text).not.toContain('Nguyễn Văn Bình');
    expect(res.text).not.toContain('056201009999');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('valid by the file itself (base64), and an upper-case hash is the same hash', async () => {
    const byFile = await verify({ code: issued.code, file: Buffer.from(file).toString('base64') });
    expect(byFile.body.status).toBe('valid');
    const upper = await verify({ code: issued.code, sha256: sha256(file).toUpperCase() });
    expect(upper.body.status).toBe('valid');
  });

  it('a revoked result says revoked', async () => {
    const res = await verify({ code: revoked.code, sha256: sha256(file) });
    expect(res.body).toMatchObject({ status: 'revoked', unit: { code: unitA.code }, title: revoked.title });
    expect(res.text).not.toContain('Cấp sai đối tượng');
  });

  it('an unknown number, and a known number with another hash, both say unknown and nothing else', async () => {
    const unknownCode = await verify({ code: `KHONG-CO-${suffix}`, sha256: sha256(file) });
    const tampered = Uint8Array.from(file);
    tampered[3]! ^= 1;
    const mismatch = await verify({ code: issued.code, sha256: sha256(tampered) });
    for (const res of [unknownCode, mismatch]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'unknown' });
    }
  });

  it("the same number in two units: each file verifies as its own unit's", async () => {
    const res = await verify({ code: ofB.code, sha256: ofB.fileSha256 });
    expect(res.body).toMatchObject({ status: 'valid', unit: { code: unitB.code } });
  });

  it('a row whose hash was altered in the database no longer verifies (the signature does not match)', async () => {
    const forged = new TextEncoder().encode('tài liệu giả mạo');
    const r = await asUnit(unitA, (tx) =>
      issueResult(tx, {
        tenantId: unitA.id,
        code: `GPXD-${suffix}-3`,
        title: 'T',
        holderName: 'H',
        bytes: file,
        mime: 'application/pdf',
        storage,
        keys,
      }),
    );
    await owner('results')
      .where({ tenant_id: unitA.id, id: r.id })
      .update({ file_sha256: sha256(forged) });
    expect((await verify({ code: r.code, sha256: sha256(forged) })).body).toEqual({ status: 'unknown' });
  });

  it('bad input answers 400 field by field, never 500', async () => {
    for (const body of [
      {},
      { code: issued.code },
      { code: issued.code, sha256: sha256(file), file: 'AAAA' },
      { code: issued.code, sha256: 'not-a-hash' },
      { code: issued.code, file: '***' },
      { code: 'x'.repeat(101), sha256: sha256(file) },
      { code: issued.code, sha256: sha256(file), extra: 1 },
    ]) {
      const res = await verify(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('nobody can list results: the public context sees only the number it looks up', async () => {
    const count = (tx: Tx) =>
      tx('results')
        .count<{ count: string }[]>('* as count')
        .then((r) => Number(r[0]!.count));
    expect(await running.transactor.withPublic(count)).toBe(0);
    const looked = await running.transactor.withPublic(async (tx) => {
      await tx.raw(`select set_config('app.lookup_code', ?, true)`, [issued.code]);
      return tx('results').select('code', 'tenant_id');
    });
    // The number's rows in both units, and no other number.
    expect(looked.length).toBe(2);
    expect(looked.every((r: { code: string }) => r.code === issued.code)).toBe(true);
    // Patterns are not numbers.
    const pattern = await running.transactor.withPublic(async (tx) => {
      await tx.raw(`select set_config('app.lookup_code', ?, true)`, ['%']);
      return count(tx);
    });
    expect(pattern).toBe(0);
    // The setting ends with its transaction.
    expect(await running.transactor.withPublic(count)).toBe(0);
  });
});
