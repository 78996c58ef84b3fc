import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { communeProcedures, departmentProcedures } from '../../src/modules/procedures/typical-catalog';
import { bearer, createTestUnit, startTestServer, testActor, type TestUnit } from '../support/app';
import { updateTenant } from '../../src/modules/tenancy/service';
import { ensureFields } from './fixture';

/** The public catalog: no sign-in, published procedures of open units only, search without diacritics. */
let running: Running;
let commune: TestUnit;
let department: TestUnit;
const ids = new Map<string, string>();
const api = (p: string) => `/api/v1${p}`;

const wanted = [
  ...communeProcedures.filter((p) =>
    ['1.001193', '1.000894', '1.009994', '2.000720', '1.004873'].includes(p.code),
  ),
  ...departmentProcedures.filter((p) => ['2.000488', '1.002809'].includes(p.code)),
];

async function add(unit: TestUnit, p: (typeof wanted)[number], publish = true): Promise<string> {
  const key = bearer(unit.keys.tenant_admin!);
  const res = await request(running.url)
    .post(api('/procedures'))
    .set('Authorization', key)
    .send({
      nationalCode: p.code,
      name: p.name,
      fieldCode: p.field,
      level: p.level,
      processingDays: p.days,
      fees: p.fees.map(([name, amount]) => ({ name, amount })),
      requiredPapers: [{ name: 'Tờ khai theo mẫu', originals: 1, copies: 0, fromDataStore: false }],
      resultType: p.result,
    });
  expect(res.status, res.text).toBe(201);
  if (publish)
    await request(running.url)
      .post(api(`/procedures/${res.body.id}/publish`))
      .set('Authorization', key);
  return res.body.id as string;
}

const search = (filter: Record<string, unknown>, range = '[0,199]') =>
  request(running.url)
    .get(api('/public/procedures'))
    .query({ filter: JSON.stringify(filter), range });

/** Every match, page by page: the run's database may also hold the demo province's ~18,000 procedures. */
async function searchEverywhere(q: string): Promise<string[]> {
  const found: string[] = [];
  for (let from = 0; ; from += 200) {
    const res = await search({ q }, `[${from},${from + 199}]`);
    found.push(...res.body.map((r: { id: string }) => r.id));
    const total = Number(String(res.headers['content-range']).split('/')[1]);
    if (from + 200 >= total) return found;
  }
}

beforeAll(async () => {
  running = await startTestServer();
  await ensureFields(running);
  commune = await createTestUnit(running);
  department = await createTestUnit(running);
  for (const p of wanted) {
    const unit = departmentProcedures.includes(p) ? department : commune;
    ids.set(p.code, await add(unit, p));
  }
  ids.set(
    'draft',
    await add(commune, { ...wanted[0]!, code: '9.999001', name: 'Đăng ký khai sinh bản nháp' }, false),
  );
});
afterAll(() => running?.close());

describe('public catalog search', () => {
  it.each([
    ['dang ky khai sinh', '1.001193'],
    ['ĐĂNG KÝ KẾT HÔN', '1.000894'],
    ['giay phep xay dung', '1.009994'],
    ['ho kinh doanh', '2.000720'],
    ['tinh trang hon nhan', '1.004873'],
    ['ly lich tu phap', '2.000488'],
    ['giay phep lai xe', '1.002809'],
    ['khai snh', '1.001193'],
    ['giay phep xay dng', '1.009994'],
    ['1.001193', '1.001193'],
  ])('"%s" finds %s first in its unit', async (q, code) => {
    const unit = code === '2.000488' || code === '1.002809' ? department : commune;
    const res = await search({ q, unit: unit.tenant.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body[0]?.id, JSON.stringify(res.body.map((r: { name: string }) => r.name))).toBe(
      ids.get(code),
    );
    expect(await searchEverywhere(q)).toContain(ids.get(code));
  });

  it('"ho tich" finds the civil-status procedures through their field, exact names first', async () => {
    const res = await search({ q: 'ho tich', unit: commune.tenant.code });
    const codes = res.body.map((r: { nationalCode: string }) => r.nationalCode);
    expect(codes).toEqual(expect.arrayContaining(['1.001193', '1.000894', '1.004873']));
    expect(codes).not.toContain('1.009994');
  });

  it('answers the react-admin list shape and pages consistently', async () => {
    const all = await search({ unit: commune.tenant.id });
    expect(all.headers['content-range']).toBe(`procedures 0-4/5`);
    const second = await search({ unit: commune.tenant.id }, '[2,3]');
    expect(second.headers['content-range']).toBe('procedures 2-3/5');
    expect(second.body.map((r: { id: string }) => r.id)).toEqual(
      all.body.slice(2, 4).map((r: { id: string }) => r.id),
    );
  });

  it('filters by unit kind, field, level and fee', async () => {
    const free = await search({ unit: commune.tenant.id, fee: 'free' });
    expect(free.body.every((r: { feeTotal: number }) => r.feeTotal === 0)).toBe(true);
    const paid = await search({ unit: commune.tenant.id, fee: 'paid' });
    expect(free.body.length + paid.body.length).toBe(5);
    const building = await search({ field: 'XAY_DUNG', unit: commune.tenant.id, level: 4 });
    expect(building.body.map((r: { nationalCode: string }) => r.nationalCode)).toEqual(['1.009994']);
    const departments = await search({
      q: 'ly lich tu phap',
      unitKind: 'commune',
      unit: department.tenant.id,
    });
    expect(departments.body).toEqual([]);
    const bad = await search({ level: 9 });
    expect(bad.status).toBe(400);
  });

  it('answers 400 naming filter={"q":…} for ?q=… and any other unknown parameter, instead of ignoring it', async () => {
    const res = await request(running.url).get(api('/public/procedures')).query({ q: 'khai sinh' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toContain('filter={"q":');
    expect(res.body.detail_en).toContain('filter={"q":');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'query.q' })]);
    const other = await request(running.url)
      .get(api('/public/procedures'))
      .query({ filter: JSON.stringify({ q: 'khai sinh' }), page: '2' });
    expect(other.status).toBe(400);
    expect(other.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.page']);
    const right = await search({ q: 'khai sinh' }, '[0,4]');
    expect(right.status).toBe(200);
  });

  it('never shows drafts, and hides every procedure of a suspended unit', async () => {
    const drafts = await search({ q: 'ban nhap' });
    expect(drafts.body.map((r: { id: string }) => r.id)).not.toContain(ids.get('draft'));
    expect((await request(running.url).get(api(`/public/procedures/${ids.get('draft')}`))).status).toBe(404);

    const closing = await createTestUnit(running);
    const id = await add(closing, wanted[0]!);
    expect((await search({ unit: closing.tenant.id })).body).toHaveLength(1);
    await running.transactor.withSystem((tx) =>
      updateTenant(tx, closing.tenant.id, { status: 'suspended', statusReason: 'thử' }, testActor),
    );
    expect((await search({ unit: closing.tenant.id })).body).toEqual([]);
    expect((await search({ q: 'dang ky khai sinh' })).body.map((r: { id: string }) => r.id)).not.toContain(
      id,
    );
    expect((await request(running.url).get(api(`/public/procedures/${id}`))).status).toBe(404);
  });
});

describe('public procedure detail', () => {
  it('shows fees, papers, unit, field and the published form', async () => {
    const id = ids.get('1.009994')!;
    const plain = await request(running.url).get(api(`/public/procedures/${id}`));
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({
      nationalCode: '1.009994',
      fees: [{ name: 'Lệ phí', amount: 75_000 }],
      feeTotal: 75_000,
      requiredPapers: [{ name: 'Tờ khai theo mẫu', originals: 1 }],
      unit: { id: commune.tenant.id, code: commune.tenant.code },
      field: { code: 'XAY_DUNG', name: 'Xây dựng' },
      form: null,
    });
    // A published form version, written as the unit would (the forms module's own API is tested there).
    await running.transactor.withTenant({ tenantId: commune.tenant.id, actorId: null }, async (tx) => {
      const [form] = (await tx('forms')
        .insert({ tenant_id: commune.tenant.id, procedure_id: id, name: 'Tờ khai', draft: '{}' })
        .returning('id')) as { id: string }[];
      await tx('form_versions').insert({
        tenant_id: commune.tenant.id,
        form_id: form!.id,
        version: 1,
        definition: '{}',
        json_schema: JSON.stringify({ type: 'object' }),
        ui_layout: JSON.stringify({ sections: [] }),
      });
      await tx('forms').where({ id: form!.id }).update({ latest_version: 1 });
    });
    const withForm = await request(running.url).get(api(`/public/procedures/${id}`));
    expect(withForm.body.form).toMatchObject({
      version: 1,
      jsonSchema: { type: 'object' },
      uiLayout: { sections: [] },
    });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect(
      (await request(running.url).get(api('/public/procedures/00000000-0000-4000-8000-000000000000'))).status,
    ).toBe(404);
    expect((await request(running.url).get(api('/public/procedures/nope'))).status).toBe(404);
  });
});
