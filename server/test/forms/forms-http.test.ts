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
import { insertProcedure } from './procedure-fixture';

/** The form engine over HTTP: builder, preview, publish, versions, validation, tenant isolation. */
let running: Running;
let admin: IssuedKey;
let a: TestUnit;
let b: TestUnit;
let procA: string;
let procB: string;
const sfx = uniqueSuffix().replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
const k = (name: string) => `t${sfx}.${name}`;
const api = (path: string) => `/api/v1${path}`;

const field = (key: string, type: string, more: Record<string, unknown> = {}) => ({
  key,
  type,
  label: `Nhãn ${key}`,
  label_en: `Label ${key}`,
  ...more,
});

const draft = () => ({
  sections: [
    {
      id: 'chung',
      title: 'Thông tin chung',
      items: [
        { kind: 'field', key: k('name'), required: true },
        { kind: 'field', key: k('pid'), required: true },
        { kind: 'field', key: k('post') },
        { kind: 'field', key: k('addr'), required: true, visibleWhen: { field: k('post'), equals: true } },
      ],
    },
  ],
  attachments: [
    { id: 'cccd', name: 'Bản sao CCCD', required: true, accept: ['application/pdf'], maxSizeMb: 5 },
  ],
});

function as(key: IssuedKey) {
  const r = request(running.url);
  const auth = bearer(key);
  return {
    get: (p: string) => r.get(api(p)).set('Authorization', auth),
    post: (p: string, body: object = {}) => r.post(api(p)).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => r.patch(api(p)).set('Authorization', auth).send(body),
    delete: (p: string) => r.delete(api(p)).set('Authorization', auth),
  };
}

beforeAll(async () => {
  running = await startTestServer();
  admin = await createTestPlatformKey(running, 'platform_admin');
  a = await createTestUnit(running, ['tenant_admin', 'desk_officer']);
  b = await createTestUnit(running, ['tenant_admin']);
  procA = await insertProcedure(running, a.tenant.id);
  procB = await insertProcedure(running, b.tenant.id);
  for (const f of [
    field(k('name'), 'text', { validation: { maxLength: 100 } }),
    field(k('pid'), 'pid'),
    field(k('post'), 'boolean'),
    field(k('addr'), 'address'),
    field(k('spare'), 'text'),
  ])
    await as(admin).post('/dictionary', f).expect(201);
});

afterAll(async () => {
  await running?.close();
});

describe('the dictionary', () => {
  it('platform_admin writes, staff read; keys with dots route fine', async () => {
    const got = await as(a.keys.desk_officer!)
      .get(`/dictionary/${k('name')}`)
      .expect(200);
    expect(got.body).toMatchObject({ key: k('name'), type: 'text', revision: 1, status: 'active' });
    const list = await as(a.keys.tenant_admin!)
      .get(`/dictionary?filter=${encodeURIComponent(JSON.stringify({ prefix: `t${sfx}.` }))}`)
      .expect(200);
    expect(list.headers['content-range']).toBe('dictionary 0-4/5');
    const search = await as(a.keys.tenant_admin!)
      .get(`/dictionary?filter=${encodeURIComponent(JSON.stringify({ q: `nhan t${sfx}.na` }))}`)
      .expect(200);
    expect(search.body.map((f: { key: string }) => f.key)).toEqual([k('name')]);
    await as(a.keys.tenant_admin!)
      .post('/dictionary', field(k('x'), 'text'))
      .expect(403);
    await as(admin)
      .post('/dictionary', field(k('name'), 'text'))
      .expect(409);
  });

  it('refuses an invalid pattern, misplaced rules and bounds out of order, precisely', async () => {
    const res = await as(admin)
      .post('/dictionary', field(k('bad'), 'text', { validation: { pattern: '([0-9]', min: 1 } }))
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'validation.min',
      'validation.pattern',
    ]);
    const pattern = res.body.errors.find((e: { path: string }) => e.path === 'validation.pattern');
    expect(pattern.message).toMatch(/^Biểu thức chính quy không hợp lệ: /);
    expect(pattern.message_en).toMatch(/^The regular expression does not compile: /);
    const dates = await as(admin)
      .post(
        '/dictionary',
        field(k('bad'), 'date', { validation: { minDate: '2020-01-01', maxDate: '2019-01-01' } }),
      )
      .expect(400);
    expect(dates.body.errors[0].path).toBe('validation.minDate');
    const select = await as(admin)
      .post('/dictionary', field(k('bad'), 'select'))
      .expect(400);
    expect(select.body.errors[0]).toMatchObject({
      path: 'options',
      message_en: 'A choice field needs at least one option',
    });
  });

  it('an edit bumps the revision and is audited on the platform chain; a no-op does not', async () => {
    const r1 = await as(admin)
      .patch(`/dictionary/${k('spare')}`, { help: 'Gợi ý' })
      .expect(200);
    expect(r1.body.revision).toBe(2);
    const r2 = await as(admin)
      .patch(`/dictionary/${k('spare')}`, { help: 'Gợi ý' })
      .expect(200);
    expect(r2.body.revision).toBe(2);
    const audit = await running.transactor.withSystem((tx) =>
      tx('platform_audit_log')
        .where({ entity_id: k('spare') })
        .orderBy('seq')
        .select('action'),
    );
    expect(audit.map((x: { action: string }) => x.action)).toEqual([
      'dictionary.created',
      'dictionary.updated',
    ]);
  });
});

describe('forms, versions and the dictionary', () => {
  let formId: string;

  it('a unit admin builds a form for its own procedure, not another unit’s', async () => {
    const res = await as(a.keys.tenant_admin!)
      .post('/forms', { procedureId: procA, name: 'Tờ khai', draft: draft() })
      .expect(201);
    formId = res.body.id;
    expect(res.body).toMatchObject({ procedureId: procA, latestVersion: null });
    const foreign = await as(a.keys.tenant_admin!)
      .post('/forms', { procedureId: procB, name: 'X' })
      .expect(400);
    expect(foreign.body.errors[0].path).toBe('procedureId');
    await as(a.keys.desk_officer!).post('/forms', { procedureId: procA, name: 'X' }).expect(403);
  });

  it('a bad draft is refused at its path, and nothing is stored', async () => {
    const bad = draft();
    bad.sections[0]!.items[1] = { kind: 'field', key: 'no.such_key' };
    const res = await as(a.keys.tenant_admin!).patch(`/forms/${formId}`, { draft: bad }).expect(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: 'draft.sections.0.items.1.key',
        message_en: "Field 'no.such_key' is not in the shared dictionary",
      }),
    ]);
    const now = await as(a.keys.tenant_admin!).get(`/forms/${formId}`).expect(200);
    expect(now.body.draft.sections[0].items[1].key).toBe(k('pid'));
  });

  it('publishing freezes a version; dictionary edits reach the preview, never the version', async () => {
    const v1 = await as(a.keys.tenant_admin!).post(`/forms/${formId}/publish`).expect(201);
    expect(v1.body).toMatchObject({ formId, version: 1 });
    expect(v1.body.definition.fields[k('name')].label).toBe(`Nhãn ${k('name')}`);
    await as(admin)
      .patch(`/dictionary/${k('name')}`, { label: 'Họ và tên', validation: { maxLength: 5 } })
      .expect(200);
    const preview = await as(a.keys.desk_officer!).get(`/forms/${formId}/preview`).expect(200);
    const item = preview.body.uiLayout.sections[0].items[0];
    expect(item).toMatchObject({ label: 'Họ và tên', revision: 2 });
    expect(preview.body.jsonSchema.properties[k('name')].maxLength).toBe(5);
    const again = await as(a.keys.desk_officer!).get(`/forms/${formId}/versions/1`).expect(200);
    expect(again.body.uiLayout.sections[0].items[0].label).toBe(`Nhãn ${k('name')}`);
    expect(again.body.jsonSchema.properties[k('name')].maxLength).toBe(100);
    const v2 = await as(a.keys.tenant_admin!).post(`/forms/${formId}/publish`).expect(201);
    expect(v2.body.version).toBe(2);
    const versions = await as(a.keys.desk_officer!).get(`/forms/${formId}/versions`).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('the runtime role cannot rewrite a published version, even by SQL', async () => {
    const attempt = running.transactor.withTenant({ tenantId: a.tenant.id, actorId: null }, (tx) =>
      tx('form_versions').where({ form_id: formId, version: 1 }).update({ json_schema: '{}' }),
    );
    await expect(attempt).rejects.toThrow(/permission denied/);
    const del = running.transactor.withSystem((tx) =>
      tx('form_versions').where({ form_id: formId }).delete(),
    );
    await expect(del).rejects.toThrow(/permission denied/);
  });

  it('validates submissions against a version, field by field in Vietnamese and English', async () => {
    const good = { [k('name')]: 'Nguyễn Văn An', [k('pid')]: '056201001234' };
    await as(a.keys.desk_officer!)
      .post(`/forms/${formId}/versions/1/validate`, { data: good })
      .expect(200, { valid: true });
    const res = await as(a.keys.desk_officer!)
      .post(`/forms/${formId}/versions/2/validate`, {
        data: { ...good, [k('pid')]: '0562', [k('post')]: true, extra: 1 },
      })
      .expect(400);
    expect(res.body.type).toBe('urn:motcua:problem:validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        {
          path: `data.${k('name')}`,
          message: 'Họ và tên: tối đa 5 ký tự',
          message_en: `Label ${k('name')}: at most 5 characters`,
        },
        expect.objectContaining({
          path: `data.${k('pid')}`,
          message: `Nhãn ${k('pid')}: phải gồm đúng 12 chữ số`,
        }),
        expect.objectContaining({ path: `data.${k('addr')}`, message_en: `Label ${k('addr')}: is required` }),
        expect.objectContaining({ path: 'data.extra', message: 'extra: không thuộc biểu mẫu này' }),
      ]),
    );
    await as(a.keys.desk_officer!).post(`/forms/${formId}/versions/9/validate`, { data: good }).expect(404);
  });

  it('a field in use cannot be deleted or change type, only retired; a retired field blocks the draft, not the versions', async () => {
    const del = await as(admin)
      .delete(`/dictionary/${k('post')}`)
      .expect(409);
    expect(del.body.detail_en).toMatch(
      /used by 1 form drafts and 2 published form versions: it cannot be deleted, only retired/,
    );
    await as(admin)
      .patch(`/dictionary/${k('post')}`, { type: 'text' })
      .expect(409);
    await as(admin)
      .delete(`/dictionary/${k('spare')}`)
      .expect(204);
    await as(admin)
      .get(`/dictionary/${k('spare')}`)
      .expect(404);
    const retired = await as(admin)
      .post(`/dictionary/${k('post')}/retire`)
      .expect(200);
    expect(retired.body.status).toBe('retired');
    const preview = await as(a.keys.tenant_admin!).get(`/forms/${formId}/preview`).expect(400);
    expect(preview.body.errors[0]).toMatchObject({ path: 'draft.sections.0.items.2.key' });
    expect(preview.body.errors[0].message).toContain('đã ngừng sử dụng');
    await as(a.keys.tenant_admin!).post(`/forms/${formId}/publish`).expect(400);
    await as(a.keys.desk_officer!)
      .post(`/forms/${formId}/versions/2/validate`, {
        data: { [k('name')]: 'An', [k('pid')]: '056201001234', [k('post')]: false },
      })
      .expect(200);
  });

  it('another unit’s form is a 404 on every form route', async () => {
    const bForm = await as(b.keys.tenant_admin!)
      .post('/forms', { procedureId: procB, name: 'Của B' })
      .expect(201);
    const id = bForm.body.id as string;
    const A = as(a.keys.tenant_admin!);
    await A.get(`/forms/${id}`).expect(404);
    await A.patch(`/forms/${id}`, { name: 'chiếm' }).expect(404);
    await A.post(`/forms/${id}/publish`).expect(404);
    await A.get(`/forms/${id}/preview`).expect(404);
    await A.get(`/forms/${id}/versions`).expect(404);
    await A.get(`/forms/${id}/versions/1`).expect(404);
    await A.post(`/forms/${id}/versions/1/validate`, { data: {} }).expect(404);
    const list = await A.get(`/forms?filter=${encodeURIComponent(JSON.stringify({ id: [id] }))}`).expect(200);
    expect(list.body).toEqual([]);
    const still = await as(b.keys.tenant_admin!).get(`/forms/${id}`).expect(200);
    expect(still.body.name).toBe('Của B');
  });
});
