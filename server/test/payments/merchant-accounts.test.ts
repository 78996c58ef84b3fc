import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { merchantFor } from '../../src/modules/payments/index';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
import {
  bearer,
  createTestPlatformKey,
  createTestTenant,
  createTestTenantKey,
  uniqueSuffix,
} from '../support/app';
import { startPaymentsWorld, type PaymentsWorld } from './fixtures';

/** The platform_admin's terminals: set per unit with a write-only secret, listed without it. */
let w: PaymentsWorld;
let admin: IssuedKey;
let finance: IssuedKey;
beforeAll(async () => {
  w = await startPaymentsWorld();
  admin = await createTestPlatformKey(w.running, 'platform_admin');
  finance = await createTestPlatformKey(w.running, 'finance');
}, 60_000);
afterAll(() => w.close());

const put = (key: IssuedKey, tenantId: string, body: object) =>
  request(w.running.url)
    .put(`/api/v1/tenants/${tenantId}/merchant-account`)
    .set('Authorization', bearer(key))
    .send(body);
const list = (key: IssuedKey) =>
  request(w.running.url).get('/api/v1/merchant-accounts').set('Authorization', bearer(key));
const secrets: string[] = [];
const newSecret = () => {
  const s = `TERMSECRET${uniqueSuffix()}${uniqueSuffix()}${uniqueSuffix()}`;
  secrets.push(s);
  return s;
};
const newCode = () => `M${uniqueSuffix().toUpperCase()}`;
const activeSecret = (tenantId: string) =>
  w.running.transactor.withSystem((tx) => merchantFor(tx, signingKeysFrom(w.running.env), tenantId));

describe('merchant accounts', () => {
  it('platform_admin sets a unit terminal; the secret is sealed and never answered', async () => {
    const unit = await createTestTenant(w.running);
    const tmnCode = newCode();
    const secret = newSecret();
    const res = await put(admin, unit.id, { tmnCode, secret });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId: unit.id, tmnCode, status: 'active' });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(Object.keys(res.body as object)).not.toContain('secret');
    expect((await activeSecret(unit.id))?.secret).toBe(secret);

    // The same code again re-seals its secret.
    const rotated = newSecret();
    expect((await put(admin, unit.id, { tmnCode, secret: rotated })).status).toBe(200);
    expect((await activeSecret(unit.id))?.secret).toBe(rotated);

    // A new code replaces it; the old one stays, disabled (past payments name it).
    const next = newCode();
    expect((await put(admin, unit.id, { tmnCode: next, secret: newSecret() })).status).toBe(200);
    const all = await list(admin);
    expect(all.status).toBe(200);
    expect(all.headers['content-range']).toMatch(/^merchant-accounts /);
    const mine = (all.body as { tenantId: string; tmnCode: string; status: string }[]).filter(
      (a) => a.tenantId === unit.id,
    );
    expect(mine.map((a) => [a.tmnCode, a.status]).sort()).toEqual(
      [
        [tmnCode, 'disabled'],
        [next, 'active'],
      ].sort(),
    );
    const text = JSON.stringify(all.body);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toMatch(/secret/i);
  });

  it("refuses another unit's terminal code, a short secret and an unknown unit", async () => {
    const a = await createTestTenant(w.running);
    const b = await createTestTenant(w.running);
    const tmnCode = newCode();
    expect((await put(admin, a.id, { tmnCode, secret: newSecret() })).status).toBe(200);
    expect((await put(admin, b.id, { tmnCode, secret: newSecret() })).status).toBe(409);
    const short = await put(admin, b.id, { tmnCode: newCode(), secret: 'short' });
    expect(short.status).toBe(400);
    expect(
      (await put(admin, '00000000-0000-4000-8000-000000000000', { tmnCode: newCode(), secret: newSecret() }))
        .status,
    ).toBe(404);
  });

  it('only platform_admin: finance and a unit admin get 403', async () => {
    const unit = await createTestTenant(w.running);
    const unitAdmin = await createTestTenantKey(w.running, unit.id, 'tenant_admin');
    expect((await put(finance, unit.id, { tmnCode: newCode(), secret: newSecret() })).status).toBe(403);
    expect((await put(unitAdmin, unit.id, { tmnCode: newCode(), secret: newSecret() })).status).toBe(403);
    expect((await list(finance)).status).toBe(403);
    expect((await list(unitAdmin)).status).toBe(403);
    expect(await activeSecret(unit.id)).toBeNull();
  });

  it('no secret reaches the logs', () => {
    const all = w.logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const s of secrets) expect(all).not.toContain(s);
  });
});
