import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { TestUnit } from '../support/app';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  officer,
  startDossierServer,
} from './fixture';

/** Seed 003: a desk receives for another unit's procedure; the competent unit owns and processes it. */
let running: Running;
let competent: TestUnit;
let deskUnit: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startDossierServer();
  [competent, deskUnit] = await Promise.all([
    createDossierUnit(running),
    createDossierUnit(running, { contract: false }),
  ]);
  procedureId = await createPublishedProcedure(running, competent.tenant.id);
});
afterAll(async () => {
  await running?.close();
});

const entry = (name: string) => ({
  procedureId,
  channel: 'desk',
  applicant: { fullName: name },
  data: { 'applicant.full_name': name.toUpperCase() },
});
const receptions = (key?: string, name = 'Võ Thị Hoa') => {
  const req = api(running, desk(deskUnit)).post('/desk-receptions', entry(name));
  return key ? req.set('Idempotency-Key', key) : req;
};
const usage = (tenantId: string) =>
  running.transactor.withSystem(async (tx) =>
    Number(
      ((await tx('usage_events').where({ tenant_id: tenantId }).count({ n: '*' }).first()) as { n: string })
        .n,
    ),
  );

describe('desk reception for another unit', () => {
  it('creates and receives the dossier in the competent unit; the desk keeps its receipt row', async () => {
    const before = await usage(competent.tenant.id);
    const res = await receptions();
    expect(res.status, res.text).toBe(201);
    const r = res.body as {
      id: string;
      dossierId: string;
      dossierCode: string;
      dossierUnitId: string;
      dueAt: string;
    };
    expect(r.dossierUnitId).toBe(competent.tenant.id);
    expect(r.dossierCode.startsWith(`${competent.tenant.code}-`)).toBe(true);
    expect(r.dueAt).toBeTruthy();
    // Exactly one usage event, for the OWNING unit; none for the desk.
    expect(await usage(competent.tenant.id)).toBe(before + 1);
    expect(await usage(deskUnit.tenant.id)).toBe(0);

    const owned = await api(running, officer(competent)).get(`/dossiers/${r.dossierId}`);
    expect(owned.status, owned.text).toBe(200);
    expect(owned.body).toMatchObject({
      status: 'received',
      code: r.dossierCode,
      receivingTenantId: deskUnit.tenant.id,
      channel: 'desk',
    });
    expect(owned.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'receive']);
    // The desk does not see the dossier itself, only its own row.
    await api(running, desk(deskUnit)).get(`/dossiers/${r.dossierId}`).expect(404);
    const list = await api(running, desk(deskUnit)).get('/desk-receptions');
    expect(list.status, list.text).toBe(200);
    expect(list.body.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(list.headers['content-range']).toMatch(/^desk-receptions 0-\d+\/\d+$/);
    expect((await api(running, desk(competent)).get('/desk-receptions')).body).toEqual([]);
    const found = await api(running, desk(deskUnit)).get(
      `/desk-receptions?filter=${encodeURIComponent(JSON.stringify({ q: r.dossierCode }))}`,
    );
    expect(found.body.map((x: { id: string }) => x.id)).toEqual([r.id]);
  });

  it('the same Idempotency-Key twice (also in parallel) is one reception', async () => {
    const key = `desk-${Date.now()}`;
    const before = await usage(competent.tenant.id);
    const [a, b] = await Promise.all([receptions(key, 'Đỗ Minh Khoa'), receptions(key, 'Đỗ Minh Khoa')]);
    expect([a.status, b.status].sort(), a.text + b.text).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const c = await receptions(key, 'Đỗ Minh Khoa');
    expect(c.status).toBe(200);
    expect(c.body.dossierCode).toBe(a.body.dossierCode);
    expect(await usage(competent.tenant.id)).toBe(before + 1);
  });

  it('refuses the desk’s own procedure and bad input, leaving nothing behind', async () => {
    const own = await createPublishedProcedure(running, deskUnit.tenant.id);
    const res = await api(running, desk(deskUnit)).post('/desk-receptions', {
      ...entry('Lý Văn Nam'),
      procedureId: own,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('procedureId');
    expect((await api(running, desk(deskUnit)).get('/dossiers')).body).toEqual([]);
    await api(running, desk(deskUnit))
      .post('/desk-receptions', { ...entry(''), procedureId })
      .expect(400);
    await api(running, officer(deskUnit)).post('/desk-receptions', entry('Lý Văn Nam')).expect(403);
  });

  it('a competent unit without a contract cannot receive: 409, and no dossier is left', async () => {
    const bare = await createDossierUnit(running, { contract: false });
    const proc = await createPublishedProcedure(running, bare.tenant.id);
    const res = await api(running, desk(deskUnit)).post('/desk-receptions', {
      ...entry('Hồ Văn Tư'),
      procedureId: proc,
    });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('no_active_contract');
    expect((await api(running, desk(bare)).get('/dossiers')).body).toEqual([]);
  });
});
