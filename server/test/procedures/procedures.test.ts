import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { fieldsOfActivity } from '../../src/modules/procedures/fields-of-activity';
import {
  bearer,
  createTestPlatformKey,
  createTestTenantKey,
  createTestUnit,
  startTestServer,
  uniqueSuffix,
  type TestUnit,
} from '../support/app';
import { ensureFields, procedureBody } from './fixture';

/** A unit's catalog over HTTP: CRUD, validation, status transitions, audit, isolation, fields. */
let running: Running;
let a: TestUnit;
let b: TestUnit;
let deskA: IssuedKey;
let operator: IssuedKey;
const api = (p: string) => `/api/v1${p}`;

beforeAll(async () => {
  running = await startTestServer({ env: { LOG_LEVEL: 'error' } });
  await ensureFields(running);
  a = await createTestUnit(running);
  b = await createTestUnit(running);
  deskA = await createTestTenantKey(running, a.tenant.id, 'desk_officer');
  operator = await createTestPlatformKey(running, 'platform_admin');
});
afterAll(() => running?.close());

const post = (key: IssuedKey, path: string, body: unknown) =>
  request(running.url)
    .post(api(path))
    .set('Authorization', bearer(key))
    .send(body as object);

describe('procedures', () => {
  it('creates a draft with fees and papers, keeps fee_total, and audits it', async () => {
    const res = await post(
      a.keys.tenant_admin!,
      '/procedures',
      procedureBody({ nationalCode: '1.001193', name: 'Đăng ký khai sinh' }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      nationalCode: '1.001193',
      status: 'draft',
      feeTotal: 100_000 + 500_000,
      actions: ['publish', 'archive'],
      requiredPapers: [
        { name: 'Tờ khai theo mẫu', originals: 1, copies: 0, fromDataStore: false },
        expect.anything(),
      ],
    });
    const audit = await running.transactor.withTenant({ tenantId: a.tenant.id, actorId: null }, (tx) =>
      tx('audit_log').where({ entity_id: res.body.id, action: 'procedure.created' }).first(),
    );
    expect(audit).toBeTruthy();
  });

  it('answers precise vi/en problems for bad input', async () => {
    const res = await post(a.keys.tenant_admin!, '/procedures', {
      ...procedureBody({ nationalCode: 'bad code!' }),
      level: 5,
      fees: [
        { name: 'Lệ phí', amount: -1 },
        { name: 'Phí', amount: 1.5 },
      ],
      extra: true,
    });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string; message: string; message_en: string }[])
      .map((e) => e.path)
      .sort();
    expect(paths).toEqual(['extra', 'fees.0.amount', 'fees.1.amount', 'level', 'nationalCode']);
    for (const e of res.body.errors) expect(e.message && e.message_en).toBeTruthy();
    const unknownField = await post(
      a.keys.tenant_admin!,
      '/procedures',
      procedureBody({ fieldCode: 'KHONG_CO' }),
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0]).toMatchObject({
      path: 'fieldCode',
      message_en: 'No field of activity KHONG_CO',
    });
  });

  it('refuses a national code already in the unit with a 409 that speaks of this unit only', async () => {
    await post(b.keys.tenant_admin!, '/procedures', procedureBody({ nationalCode: '2.000001' }));
    const first = await post(
      a.keys.tenant_admin!,
      '/procedures',
      procedureBody({ nationalCode: '2.000001' }),
    );
    expect(first.status, 'another unit may use the same code').toBe(201);
    const again = await post(
      a.keys.tenant_admin!,
      '/procedures',
      procedureBody({ nationalCode: '2.000001' }),
    );
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('Danh mục của đơn vị đã có thủ tục mã 2.000001');
  });

  it('edits, publishes, archives through the transition table', async () => {
    const created = await post(
      a.keys.tenant_admin!,
      '/procedures',
      procedureBody({ nationalCode: '3.000001' }),
    );
    const id = created.body.id as string;
    const patched = await request(running.url)
      .patch(api(`/procedures/${id}`))
      .set('Authorization', bearer(a.keys.tenant_admin!))
      .send({ fees: [], processingDays: 3 });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ fees: [], feeTotal: 0, processingDays: 3, status: 'draft' });
    const statusInPatch = await request(running.url)
      .patch(api(`/procedures/${id}`))
      .set('Authorization', bearer(a.keys.tenant_admin!))
      .send({ status: 'published' });
    expect(statusInPatch.status).toBe(400);

    const published = await post(a.keys.tenant_admin!, `/procedures/${id}/publish`, {});
    expect(published.body).toMatchObject({ status: 'published', actions: ['archive'] });
    expect((await post(a.keys.tenant_admin!, `/procedures/${id}/publish`, {})).status).toBe(409);
    const archived = await post(a.keys.tenant_admin!, `/procedures/${id}/archive`, {});
    expect(archived.body).toMatchObject({ status: 'archived', actions: ['publish'] });
  });

  it('lets staff read and list with a diacritic-insensitive q, but only the admin write', async () => {
    await post(
      a.keys.tenant_admin!,
      '/procedures',
      procedureBody({ nationalCode: '4.000001', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' }),
    );
    const list = await request(running.url)
      .get(api('/procedures'))
      .query({ filter: JSON.stringify({ q: 'tinh trang hon nhan' }) })
      .set('Authorization', bearer(deskA));
    expect(list.status).toBe(200);
    expect(list.body.map((p: { nationalCode: string }) => p.nationalCode)).toEqual(['4.000001']);
    expect(list.headers['content-range']).toBe('procedures 0-0/1');
    const byLevel = await request(running.url)
      .get(api('/procedures'))
      .query({
        filter: JSON.stringify({ level: 3, status: 'draft', fieldCode: 'HO_TICH' }),
        sort: '["name","ASC"]',
      })
      .set('Authorization', bearer(deskA));
    expect(byLevel.status).toBe(200);
    expect((await post(deskA, '/procedures', procedureBody({ nationalCode: '4.000002' }))).status).toBe(403);
  });

  it("treats another unit's procedure exactly as a missing one", async () => {
    const theirs = await post(
      b.keys.tenant_admin!,
      '/procedures',
      procedureBody({ nationalCode: `5.${uniqueSuffix()}` }),
    );
    const id = theirs.body.id as string;
    const asA = (r: request.Test) => r.set('Authorization', bearer(a.keys.tenant_admin!));
    expect((await asA(request(running.url).get(api(`/procedures/${id}`)))).status).toBe(404);
    expect(
      (
        await asA(
          request(running.url)
            .patch(api(`/procedures/${id}`))
            .send({ name: 'Chiếm' }),
        )
      ).status,
    ).toBe(404);
    expect((await asA(request(running.url).post(api(`/procedures/${id}/publish`)))).status).toBe(404);
    const list = await asA(request(running.url).get(api('/procedures')).query({ range: '[0,199]' }));
    expect(list.body.every((p: { tenantId: string }) => p.tenantId === a.tenant.id)).toBe(true);
    expect(list.body.some((p: { id: string }) => p.id === id)).toBe(false);
  });
});

describe('fields of activity', () => {
  it('holds the national list, which everyone reads and only the operator writes', async () => {
    expect(fieldsOfActivity.length).toBeGreaterThanOrEqual(20);
    const list = await request(running.url).get(api('/public/procedure-fields'));
    expect(list.status).toBe(200);
    expect(list.body.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['HO_TICH', 'XAY_DUNG', 'LY_LICH_TU_PHAP']),
    );
    const code = `TEST_${uniqueSuffix().toUpperCase()}`;
    expect((await post(a.keys.tenant_admin!, '/procedure-fields', { code, name: 'Thử' })).status).toBe(403);
    const created = await post(operator, '/procedure-fields', { code, name: 'Lĩnh vực thử' });
    expect(created.status, created.text).toBe(201);
    expect((await post(operator, '/procedure-fields', { code, name: 'Lại' })).status).toBe(409);
    const renamed = await request(running.url)
      .patch(api(`/procedure-fields/${code}`))
      .set('Authorization', bearer(operator))
      .send({ name: 'Lĩnh vực thử đổi tên', nameEn: 'Renamed' });
    expect(renamed.body).toEqual({ code, name: 'Lĩnh vực thử đổi tên', nameEn: 'Renamed' });
  });
});
