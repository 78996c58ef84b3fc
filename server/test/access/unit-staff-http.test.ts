import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import {
  bearer,
  createTestStaff,
  createTestUnit,
  startTestServer,
  uniqueSuffix,
  type TestUnit,
} from '../support/app';

/** The unit admin keeps the unit's staff and roles: list, add by account, change, remove; never zero admins. */
let running: Running;
let unit: TestUnit;
let other: TestUnit;

const as = (key: string) => {
  const r = request(running.url);
  return {
    get: (p: string) => r.get(`/api/v1${p}`).set('Authorization', bearer(key)),
    post: (p: string, body: object) => r.post(`/api/v1${p}`).set('Authorization', bearer(key)).send(body),
    put: (p: string, body: object) => r.put(`/api/v1${p}`).set('Authorization', bearer(key)).send(body),
  };
};

beforeAll(async () => {
  running = await startTestServer();
  unit = await createTestUnit(running, ['tenant_admin', 'desk_officer']);
  other = await createTestUnit(running, ['tenant_admin']);
});
afterAll(async () => {
  await running?.close();
});

describe('/unit-staff', () => {
  it('lists the unit’s staff with roles and accounts, and nobody of another unit', async () => {
    const colleague = await createTestStaff(running, {
      name: 'Trần Văn Chuyên',
      memberships: [
        { tenantId: unit.tenant.id, roles: ['processing_officer'] },
        { tenantId: other.tenant.id, roles: ['leader'] },
      ],
    });
    const res = await as(unit.keys.tenant_admin!.key).get('/unit-staff');
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toMatch(/^unit-staff 0-1\/2$/);
    const ids = res.body.map((m: { id: string }) => m.id).sort();
    expect(ids).toEqual([unit.staffId, colleague].sort());
    const c = res.body.find((m: { id: string }) => m.id === colleague);
    expect(c).toMatchObject({ name: 'Trần Văn Chuyên', roles: ['processing_officer'], status: 'active' });
    expect(c.login).toMatch(/^test\.staff\./);
  });

  it('adds a person by their account, sets roles, removes them; changes are audited', async () => {
    const login = `nv.moi.${uniqueSuffix()}`;
    const admin = as(unit.keys.tenant_admin!.key);
    const added = await admin.post('/unit-staff', {
      login,
      name: 'Nguyễn Thị Mới',
      email: 'moi@example.test',
      roles: ['desk_officer'],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ login, name: 'Nguyễn Thị Mới', roles: ['desk_officer'] });
    const id = added.body.id as string;

    const changed = await admin.put(`/unit-staff/${id}/roles`, { roles: ['leader', 'desk_officer'] });
    expect(changed.status).toBe(200);
    expect([...changed.body.roles].sort()).toEqual(['desk_officer', 'leader']);

    // Adding the same account again keeps one person and does not take the name from a unit.
    const again = await admin.post('/unit-staff', { login, name: 'Tên khác', roles: ['leader'] });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id, name: 'Nguyễn Thị Mới', roles: ['leader'] });

    const removed = await admin.put(`/unit-staff/${id}/roles`, { roles: [] });
    expect(removed.status).toBe(200);
    expect(removed.body.roles).toEqual([]);
    const list = await admin.get('/unit-staff');
    expect(list.body.map((m: { id: string }) => m.id)).not.toContain(id);

    const audit = (await running.transactor.withSystem((tx) =>
      tx('audit_log')
        .where({ tenant_id: unit.tenant.id, entity_id: id })
        .orderBy('seq')
        .select('action', 'data'),
    )) as { action: string; data: { role: string } }[];
    expect(audit.map((a) => `${a.action}:${a.data.role}`)).toEqual([
      'membership.granted:desk_officer',
      'membership.granted:leader',
      'membership.revoked:desk_officer',
      'membership.revoked:leader',
    ]);
  });

  it('keeps at least one admin, and cannot reach a person of another unit', async () => {
    const admin = as(other.keys.tenant_admin!.key);
    const last = await admin.put(`/unit-staff/${other.staffId}/roles`, { roles: ['leader'] });
    expect(last.status).toBe(409);
    expect(last.body.errors[0]).toMatchObject({ path: 'roles' });
    const still = await admin.get('/unit-staff');
    expect(still.body[0].roles).toEqual(['tenant_admin']);

    const foreign = await admin.put(`/unit-staff/${unit.staffId}/roles`, { roles: ['leader'] });
    expect(foreign.status).toBe(404);
  });

  it('is for the unit admin only, and refuses bad input field by field', async () => {
    const desk = as(unit.keys.desk_officer!.key);
    expect((await desk.get('/unit-staff')).status).toBe(403);
    const bad = await as(unit.keys.tenant_admin!.key).post('/unit-staff', {
      login: '',
      name: 'X',
      roles: ['mayor'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['login', 'roles.0']),
    );
  });
});
