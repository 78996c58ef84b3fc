import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import {
  bearer,
  createTestPlatformKey,
  createTestUnit,
  startTestServer,
  uniqueSuffix,
  type TestUnit,
} from '../support/app';
import { apiEvent } from './fixtures';

/** Plans, contracts and usage over HTTP: who may do what, and plan versions that never change. */
let running: Running;
let a: TestUnit;
let b: TestUnit;
let admin: IssuedKey;
let finance: IssuedKey;
let planId: string;
const contracts: Record<'a' | 'b', string> = { a: '', b: '' };

const api = () => request(running.url);
const as = (key: IssuedKey | string) => ({
  get: (path: string) => api().get(`/api/v1${path}`).set('Authorization', bearer(key)),
  post: (path: string, body: object = {}) =>
    api().post(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
  patch: (path: string, body: object) =>
    api().patch(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
});

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) =>
  new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  running = await startTestServer();
  a = await createTestUnit(running, ['tenant_admin', 'desk_officer']);
  b = await createTestUnit(running, ['tenant_admin']);
  admin = await createTestPlatformKey(running, 'platform_admin');
  finance = await createTestPlatformKey(running, 'finance');
});
afterAll(async () => {
  await running?.close();
});

describe('plans', () => {
  it('platform_admin publishes a plan; staff read it; others may not write', async () => {
    const code = `GOI-${uniqueSuffix()}`;
    const body = {
      code,
      name: 'Gói cấp xã',
      terms: {
        annualFee: 24_000_000,
        includedDossiers: 2_000,
        overage: {
          model: 'graduated',
          tiers: [
            { upTo: 200, unitPrice: 10_000 },
            { upTo: null, unitPrice: 8_000 },
          ],
        },
        vatRateBp: 0,
        vatNote: 'Thuế GTGT do tỉnh quyết định',
        effectiveFrom: '2020-01-01',
      },
    };
    const created = await as(admin).post('/plans', body).expect(201);
    planId = created.body.id;
    expect(created.body.latestVersion).toMatchObject({
      version: 1,
      annualFee: 24_000_000,
      includedDossiers: 2_000,
    });
    for (const key of [finance, a.keys.tenant_admin!, a.keys.desk_officer!]) {
      expect((await as(key).get(`/plans/${planId}`)).status).toBe(200);
      expect((await as(key).post('/plans', { ...body, code: `${code}x` })).status).toBe(403);
    }
    const list = await as(a.keys.desk_officer!)
      .get(`/plans?filter=${encodeURIComponent(JSON.stringify({ id: [planId] }))}`)
      .expect(200);
    expect(list.headers['content-range']).toBe('plans 0-0/1');
    const bad = await as(admin).post('/plans', {
      ...body,
      code: `${code}-bad`,
      terms: { ...body.terms, overage: { model: 'graduated', tiers: [{ upTo: 10, unitPrice: 1 }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^terms\.overage/);
  });

  it('a price change is a new version; the old one stays as it was', async () => {
    const v2 = await as(admin)
      .post(`/plans/${planId}/versions`, {
        annualFee: 30_000_000,
        includedDossiers: 2_500,
        overage: { model: 'flat', unitPrice: 9_000 },
        effectiveFrom: '2030-01-01',
      })
      .expect(201);
    expect(
      v2.body.versions.map((v: { version: number; annualFee: number }) => [v.version, v.annualFee]),
    ).toEqual([
      [2, 30_000_000],
      [1, 24_000_000],
    ]);
    const backwards = await as(admin).post(`/plans/${planId}/versions`, {
      annualFee: 1,
      includedDossiers: 1,
      overage: { model: 'flat', unitPrice: 1 },
      effectiveFrom: '2025-01-01',
    });
    expect(backwards.status).toBe(400);
  });

  it('the runtime role cannot UPDATE or DELETE a plan version, even by SQL', async () => {
    for (const sql of ['update plan_versions set annual_fee = 1', 'delete from plan_versions'])
      for (const run of [
        () => running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) => tx.raw(sql)),
        () => running.transactor.withSystem((tx) => tx.raw(sql)),
      ])
        await expect(run()).rejects.toThrow(/permission denied/);
  });
});

describe('contracts', () => {
  it('platform_admin creates contracts; finance approves an override; the quota follows it', async () => {
    const ca = await as(admin)
      .post('/contracts', {
        tenantId: a.tenant.id,
        planId,
        startDate: daysAgo(30),
        quotaOverride: 3_000,
        instalments: 4,
      })
      .expect(201);
    contracts.a = ca.body.id;
    // Until finance approves, the plan's quota and fee apply.
    expect(ca.body).toMatchObject({
      quota: 2_000,
      leaseFee: 24_000_000,
      leaseInstalments: [6_000_000, 6_000_000, 6_000_000, 6_000_000],
      overrideApprovedBy: null,
    });
    expect((await as(admin).post(`/contracts/${contracts.a}/approve-override`)).status).toBe(403);
    expect((await as(a.keys.tenant_admin!).post(`/contracts/${contracts.a}/approve-override`)).status).toBe(
      403,
    );
    const approved = await as(finance).post(`/contracts/${contracts.a}/approve-override`).expect(200);
    expect(approved.body.quota).toBe(3_000);
    expect(approved.body.overrideApprovedBy).toBeTruthy();
    expect((await as(finance).post(`/contracts/${contracts.a}/approve-override`)).status).toBe(409);
    const cb = await as(admin)
      .post('/contracts', { tenantId: b.tenant.id, planId, startDate: daysAgo(10) })
      .expect(201);
    contracts.b = cb.body.id;
    expect(
      (await as(finance).post('/contracts', { tenantId: b.tenant.id, planId, startDate: daysAgo(400) }))
        .status,
    ).toBe(403);
    const overlap = await as(admin).post('/contracts', { tenantId: b.tenant.id, planId, startDate: today() });
    expect(overlap.status).toBe(409);
  });

  it('a tenant_admin reads its own contracts only; another unit’s answers 404; a desk officer none', async () => {
    const own = await as(a.keys.tenant_admin!).get('/contracts').expect(200);
    expect(own.body.map((c: { tenantId: string }) => c.tenantId)).toEqual([a.tenant.id]);
    const sneaky = await as(a.keys.tenant_admin!)
      .get(`/contracts?filter=${encodeURIComponent(JSON.stringify({ tenantId: b.tenant.id }))}`)
      .expect(200);
    // The unit's own filter wins over the one asked for: never another unit's rows.
    expect(sneaky.body.every((c: { tenantId: string }) => c.tenantId === a.tenant.id)).toBe(true);
    expect((await as(a.keys.tenant_admin!).get(`/contracts/${contracts.b}`)).status).toBe(404);
    expect((await as(a.keys.desk_officer!).get('/contracts')).status).toBe(403);
    expect(
      (await as(a.keys.tenant_admin!).post(`/contracts/${contracts.a}/suspend`, { reason: 'x' })).status,
    ).toBe(403);
  });

  it('suspension needs a reason, keeps read access, is reversible and audited', async () => {
    expect((await as(admin).post(`/contracts/${contracts.b}/suspend`, {})).status).toBe(400);
    const s = await as(admin)
      .post(`/contracts/${contracts.b}/suspend`, { reason: 'Chưa thanh toán' })
      .expect(200);
    expect(s.body).toMatchObject({ status: 'suspended', statusReason: 'Chưa thanh toán' });
    expect((await as(b.keys.tenant_admin!).get(`/contracts/${contracts.b}`)).status).toBe(200); // keeps read access
    expect((await as(admin).post(`/contracts/${contracts.b}/resume`, {})).body.status).toBe('active');
    const audit = await as(admin)
      .get(`/audit-log?filter=${encodeURIComponent(JSON.stringify({ entityId: contracts.b }))}`)
      .expect(200);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['contract.created', 'contract.suspended', 'contract.resumed']),
    );
  });
});

describe('usage', () => {
  it('finance and the operator see every unit; a tenant_admin only its own; a desk officer none', async () => {
    await as(a.keys.desk_officer!)
      .post('/usage/events', { events: [apiEvent(`u-${uniqueSuffix()}`, 300)] })
      .expect(200);
    await as(b.keys.tenant_admin!)
      .post('/usage/events', { events: [apiEvent(`u-${uniqueSuffix()}`, 5)] })
      .expect(200);
    const both = encodeURIComponent(JSON.stringify({ id: [contracts.a, contracts.b] }));
    for (const key of [finance, admin]) {
      const all = await as(key)
        .get(`/usage?filter=${both}&sort=${encodeURIComponent('["tenantId","ASC"]')}`)
        .expect(200);
      expect(all.headers['content-range']).toBe('usage 0-1/2');
      const byTenant = Object.fromEntries(
        all.body.map((u: { tenantId: string; used: number }) => [u.tenantId, u]),
      );
      expect(byTenant[a.tenant.id]).toMatchObject({
        id: contracts.a,
        used: 300,
        quota: 3_000,
        remaining: 2_700,
        percent: 10,
      });
      expect(byTenant[b.tenant.id]).toMatchObject({ id: contracts.b, used: 5, quota: 2_000 });
      expect(byTenant[a.tenant.id].forecast).toBeGreaterThan(300);
    }
    const own = await as(a.keys.tenant_admin!).get(`/usage?filter=${both}`).expect(200);
    expect(own.body.map((u: { tenantId: string }) => u.tenantId)).toEqual([a.tenant.id]);
    expect((await as(a.keys.tenant_admin!).get(`/usage/${contracts.b}`)).status).toBe(404);
    expect((await as(a.keys.tenant_admin!).get(`/usage/${contracts.a}`)).body.used).toBe(300);
    expect((await as(a.keys.desk_officer!).get('/usage')).status).toBe(403);
    expect((await as(a.keys.desk_officer!).get(`/usage/${contracts.a}`)).status).toBe(403);
  });
});
