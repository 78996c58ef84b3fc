// The console's data provider against the real server (an operator's platform key in place of the
// browser's session): the API query each method makes, totals from Content-Range, errors as
// react-admin's HttpError with field errors, PATCH of changed fields only, fetchAll across pages.
import { HttpError } from 'react-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../server/src/boot';
import { createTenant } from '../../../server/src/modules/tenancy/service';
import {
  bearer,
  createTestPlatformKey,
  createTestTenant,
  startTestServer,
  testActor,
  uniqueTenantCode,
} from '../../../server/test/support/app';
import { dataProvider, fetchAll, MAX_PAGE } from '../../src/core/dataProvider';
import { installConsoleCore } from '../support/console-core';

let running: Running;
let core: ReturnType<typeof installConsoleCore>;

beforeAll(async () => {
  running = await startTestServer();
  core = installConsoleCore(running.url, bearer(await createTestPlatformKey(running, 'platform_admin')));
});
afterAll(async () => {
  core?.restore();
  await running?.close();
});

const query = (url: URL) => Object.fromEntries([...url.searchParams].map(([k, v]) => [k, JSON.parse(v)]));

describe('dataProvider', () => {
  it('getList sends filter, sort and range as the API reads them, and returns the total', async () => {
    const parent = await createTestTenant(running, { kind: 'district' });
    const names = ['An', 'Bình', 'Cường', 'Dũng', 'Đông'].map((n) => `Xã ${n}`);
    for (const name of names) await createTestTenant(running, { name, kind: 'commune', parentId: parent.id });
    await createTestTenant(running, { name: 'Phòng khác', kind: 'department', parentId: parent.id });
    core.take();

    const res = await dataProvider.getList('tenants', {
      filter: { parentId: parent.id, kind: 'commune' },
      sort: { field: 'name', order: 'DESC' },
      pagination: { page: 2, perPage: 2 },
    });

    const [req] = core.take();
    expect(req!.method).toBe('GET');
    expect(req!.url.pathname).toBe('/api/v1/tenants');
    expect(query(req!.url)).toEqual({
      filter: { parentId: parent.id, kind: 'commune' },
      sort: ['name', 'DESC'],
      range: [2, 3],
    });
    expect(res.total).toBe(5);
    const byName = [...names].sort((a, b) => b.localeCompare(a, 'vi')).slice(2, 4);
    expect(res.data.map((t) => t.name as string)).toEqual(byName);
  });

  it("getList leaves react-admin's default sort by id to the server's order", async () => {
    core.take();
    await dataProvider.getList('tenants', {
      filter: {},
      sort: { field: 'id', order: 'ASC' },
      pagination: { page: 1, perPage: 10 },
    });
    const [req] = core.take();
    expect(req!.url.searchParams.has('sort')).toBe(false);
    expect(query(req!.url).range).toEqual([0, 9]);
  });

  it('getOne of a missing record is an HttpError 404 with the API message', async () => {
    const err = await dataProvider
      .getOne('tenants', { id: '00000000-0000-4000-8000-000000000000' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
    expect((err as HttpError).message).toMatch(/Không tìm thấy/);
  });

  it('update sends a PATCH of the changed fields only', async () => {
    const tenant = await createTestTenant(running);
    const { data: previous } = await dataProvider.getOne('tenants', { id: tenant.id });
    // The record as the form holds it: every field, read-only ones (code, createdAt) included,
    // which the API's strict schema would refuse.
    expect(previous).toHaveProperty('createdAt');
    core.take();
    const { data } = await dataProvider.update('tenants', {
      id: tenant.id,
      data: { ...previous, name: 'Tên đã đổi' },
      previousData: previous,
    });
    const [req] = core.take();
    expect(req!.method).toBe('PATCH');
    expect(req!.url.pathname).toBe(`/api/v1/tenants/${tenant.id}`);
    expect(req!.body).toEqual({ name: 'Tên đã đổi' });
    expect(data).toMatchObject({ id: tenant.id, name: 'Tên đã đổi', code: tenant.code });
  });

  it("create's problem+json field errors arrive keyed by field, in the chosen language", async () => {
    const create = () =>
      dataProvider.create('tenants', { data: { code: 'mã sai!', name: '', kind: 'commune' } }).then(
        () => {
          throw new Error('the API accepted an invalid unit');
        },
        (e: unknown) => e as HttpError,
      );
    const err = await create();
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(400);
    const errors = (err.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['code', 'name']);
    expect(errors.code).toMatch(/Mã đơn vị chỉ gồm chữ, số/);

    localStorage.setItem('RaStore.locale', JSON.stringify('en'));
    try {
      const en = await create();
      expect(en.message).not.toBe(err.message);
      expect(Object.keys((en.body as { errors: Record<string, string> }).errors).sort()).toEqual([
        'code',
        'name',
      ]);
    } finally {
      localStorage.removeItem('RaStore.locale');
    }
  });

  it(`fetchAll reads every page when a list is longer than ${MAX_PAGE} rows`, async () => {
    const parent = await createTestTenant(running, { kind: 'district' });
    const count = MAX_PAGE + 7;
    await running.transactor.withSystem(async (tx) => {
      for (let i = 0; i < count; i++)
        await createTenant(
          tx,
          {
            code: uniqueTenantCode(),
            name: `Xã ${String(i).padStart(3, '0')}`,
            kind: 'commune',
            parentId: parent.id,
          },
          testActor,
        );
    });
    core.take();
    const rows = await fetchAll<{ id: string; name: string }>('tenants', {
      filter: { parentId: parent.id },
      sort: { field: 'name', order: 'ASC' },
    });
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);
    expect(rows[0]!.name).toBe('Xã 000');
    expect(rows.at(-1)!.name).toBe(`Xã ${count - 1}`);
    expect(core.take().map((r) => query(r.url).range)).toEqual([
      [0, MAX_PAGE - 1],
      [MAX_PAGE, 2 * MAX_PAGE - 1],
    ]);
  });
});
