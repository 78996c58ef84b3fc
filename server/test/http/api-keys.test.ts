import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import {
  bearer,
  createTestPlatformKey,
  createTestUnit,
  startTestServer,
  type TestUnit,
} from '../support/app';

/** Bearer API keys: every way a key can be wrong answers 401/403 and never data. */
let running: Running;
let a: TestUnit;
let b: TestUnit;
let platformAdmin: IssuedKey;
let finance: IssuedKey;

beforeAll(async () => {
  running = await startTestServer();
  a = await createTestUnit(running, ['tenant_admin', 'desk_officer']);
  b = await createTestUnit(running, ['tenant_admin']);
  platformAdmin = await createTestPlatformKey(running, 'platform_admin');
  finance = await createTestPlatformKey(running, 'finance');
});

afterAll(async () => {
  await running?.close();
});

const api = () => request(running.url);
const get = (path: string, auth: string) => api().get(`/api/v1${path}`).set('Authorization', auth);

function expectProblem(res: request.Response, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

describe('API keys', () => {
  it('a good key works (control)', async () => {
    const res = await get('/me', bearer(a.keys.tenant_admin!)).expect(200);
    expect(res.body).toMatchObject({ kind: 'api_key', tenantId: a.tenant.id, roles: ['tenant_admin'] });
  });

  it('refuses unknown, wrong-secret and malformed keys with 401', async () => {
    const good = a.keys.tenant_admin!.key;
    const [prefix, secret] = good.split('.') as [string, string];
    const wrongSecret = `${prefix}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `mct_${'A'.repeat(16)}.${'B'.repeat(43)}`;
    const asPlatform = `mcp_${good.slice(4)}`;
    for (const auth of [
      bearer(wrongSecret),
      bearer(unknown),
      bearer(asPlatform),
      'Bearer',
      'Bearer not-a-key',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer ${good} extra`,
      '',
    ])
      expectProblem(await get('/me', auth), 401);
  });

  it('a revoked key stops working at once', async () => {
    const created = await api()
      .post('/api/v1/api-keys')
      .set('Authorization', bearer(a.keys.tenant_admin!))
      .send({ name: 'to be revoked', role: 'desk_officer' })
      .expect(201);
    const key = created.body as IssuedKey;
    expect(key.key).toMatch(/^mct_/);
    await get('/me', bearer(key)).expect(200);
    const revoked = await api()
      .post(`/api/v1/api-keys/${key.id}/revoke`)
      .set('Authorization', bearer(a.keys.tenant_admin!))
      .expect(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    expectProblem(await get('/me', bearer(key)), 401);
  });

  it("another unit's key naming this unit in X-Tenant-Id is refused, with no data", async () => {
    for (const path of ['/me', '/tenants', `/tenants/${a.tenant.id}`, '/api-keys', '/audit-log']) {
      const res = await get(path, bearer(b.keys.tenant_admin!)).set('X-Tenant-Id', a.tenant.id);
      expect([403, 404], `${path}: ${res.text}`).toContain(res.status);
      const { instance: _i, ...rest } = res.body as Record<string, unknown>;
      expect(JSON.stringify(rest)).not.toContain(a.tenant.id);
    }
  });

  it('a role the route does not name is refused with 403', async () => {
    expectProblem(await get('/api-keys', bearer(a.keys.desk_officer!)), 403);
    expectProblem(
      await api()
        .post('/api/v1/api-keys')
        .set('Authorization', bearer(a.keys.desk_officer!))
        .send({ name: 'x', role: 'tenant_admin' }),
      403,
    );
    expectProblem(await get('/audit-log', bearer(a.keys.desk_officer!)), 403);
  });

  it('a platform_admin key (mcp_) sees every unit and may onboard one', async () => {
    expect(platformAdmin.key).toMatch(/^mcp_/);
    const res = await get('/tenants', bearer(platformAdmin))
      .query({ filter: JSON.stringify({ id: [a.tenant.id, b.tenant.id] }) })
      .expect(200);
    expect((res.body as { id: string }[]).map((t) => t.id).sort()).toEqual([a.tenant.id, b.tenant.id].sort());
    await get(`/tenants/${b.tenant.id}`, bearer(platformAdmin)).expect(200);
    const code = `T${Date.now().toString(36)}.K01`;
    await api()
      .post('/api/v1/tenants')
      .set('Authorization', bearer(platformAdmin))
      .send({ code, name: 'Đơn vị mới', kind: 'commune' })
      .expect(201);
  });

  it('finance reads every unit but may not create one', async () => {
    const res = await get('/tenants', bearer(finance))
      .query({ filter: JSON.stringify({ id: [a.tenant.id, b.tenant.id] }) })
      .expect(200);
    expect(res.body).toHaveLength(2);
    expectProblem(
      await api()
        .post('/api/v1/tenants')
        .set('Authorization', bearer(finance))
        .send({ code: `T${Date.now().toString(36)}.K02`, name: 'x', kind: 'commune' }),
      403,
    );
    expectProblem(
      await api()
        .patch(`/api/v1/tenants/${a.tenant.id}`)
        .set('Authorization', bearer(finance))
        .send({ name: 'x' }),
      403,
    );
  });

  it("a terminated unit's keys stop working", async () => {
    const c = await createTestUnit(running, ['tenant_admin']);
    await get('/me', bearer(c.keys.tenant_admin!)).expect(200);
    await api()
      .patch(`/api/v1/tenants/${c.tenant.id}`)
      .set('Authorization', bearer(platformAdmin))
      .send({ status: 'terminated', statusReason: 'Sáp nhập đơn vị' })
      .expect(200);
    expectProblem(await get('/me', bearer(c.keys.tenant_admin!)), 401);
  });
});

describe('API keys managed by the operator', () => {
  const post = (path: string, auth: string) => api().post(`/api/v1${path}`).set('Authorization', auth);

  it("lists, creates and revokes a unit's keys for any unit it names", async () => {
    const created = await post('/api-keys', bearer(platformAdmin))
      .send({ name: 'Cổng dữ liệu', role: 'leader', tenantId: b.tenant.id })
      .expect(201);
    const key = created.body as IssuedKey;
    expect(key.key).toMatch(/^mct_/);
    const me = await get('/me', bearer(key)).expect(200);
    expect(me.body).toMatchObject({ tenantId: b.tenant.id, roles: ['leader'] });

    const list = await get('/api-keys', bearer(platformAdmin))
      .query({
        filter: JSON.stringify({ tenantId: b.tenant.id }),
        sort: JSON.stringify(['createdAt', 'DESC']),
      })
      .expect(200);
    const rows = list.body as { id: string; tenantId: string; key?: string; secretHash?: string }[];
    expect(rows.every((r) => r.tenantId === b.tenant.id)).toBe(true);
    expect(rows.map((r) => r.id)).toContain(key.id);
    expect(JSON.stringify(rows)).not.toMatch(/secret|mct_/i);
    expect(list.headers['content-range']).toMatch(new RegExp(`^api-keys 0-\\d+/${rows.length}$`));

    const revoked = await post(`/api-keys/${key.id}/revoke`, bearer(platformAdmin)).expect(200);
    expect(revoked.body).toMatchObject({ id: key.id, tenantId: b.tenant.id });
    expect(revoked.body.revokedAt).toBeTruthy();
    expectProblem(await get('/me', bearer(key)), 401);
  });

  it('a unit key from the operator needs an existing unit', async () => {
    const missing = await post('/api-keys', bearer(platformAdmin)).send({ name: 'x', role: 'leader' });
    expectProblem(missing, 400);
    expect(missing.body.errors[0].path).toBe('body.tenantId');
    expectProblem(
      await post('/api-keys', bearer(platformAdmin)).send({
        name: 'x',
        role: 'leader',
        tenantId: '00000000-0000-4000-8000-000000000000',
      }),
      404,
    );
    expectProblem(
      await post('/api-keys/00000000-0000-4000-8000-000000000000/revoke', bearer(platformAdmin)),
      404,
    );
  });

  it('a unit admin naming another unit sees nothing of it: 404 like a missing key', async () => {
    expectProblem(
      await get('/api-keys', bearer(a.keys.tenant_admin!)).query({
        filter: JSON.stringify({ tenantId: b.tenant.id }),
      }),
      404,
    );
    expectProblem(
      await post('/api-keys', bearer(a.keys.tenant_admin!)).send({
        name: 'x',
        role: 'leader',
        tenantId: b.tenant.id,
      }),
      404,
    );
    expectProblem(
      await post(`/api-keys/${b.keys.tenant_admin!.id}/revoke`, bearer(a.keys.tenant_admin!)),
      404,
    );
    await get('/me', bearer(b.keys.tenant_admin!)).expect(200);
  });

  it('platform keys (mcp_): only the operator lists, creates and revokes them', async () => {
    const created = await post('/platform-api-keys', bearer(platformAdmin))
      .send({ name: 'Báo cáo tài chính', role: 'finance' })
      .expect(201);
    const key = created.body as IssuedKey;
    expect(key.key).toMatch(/^mcp_/);
    const me = await get('/me', bearer(key)).expect(200);
    expect(me.body.platformRoles).toEqual(['finance']);
    const list = await get('/platform-api-keys', bearer(platformAdmin))
      .query({ filter: JSON.stringify({ revoked: false }), range: JSON.stringify([0, 199]) })
      .expect(200);
    const row = (list.body as { id: string; tenantId?: string; revokedAt: string | null }[]).find(
      (r) => r.id === key.id,
    );
    expect(row).toMatchObject({ name: 'Báo cáo tài chính', role: 'finance', revokedAt: null });
    expect(row?.tenantId).toBeUndefined();
    for (const auth of [bearer(finance), bearer(a.keys.tenant_admin!)]) {
      expectProblem(await get('/platform-api-keys', auth), 403);
      expectProblem(await post('/platform-api-keys', auth).send({ name: 'x', role: 'platform_admin' }), 403);
      expectProblem(await post(`/platform-api-keys/${key.id}/revoke`, auth), 403);
    }
    await post(`/platform-api-keys/${key.id}/revoke`, bearer(platformAdmin)).expect(200);
    expectProblem(await get('/me', bearer(key)), 401);
  });
});
