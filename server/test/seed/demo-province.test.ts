import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { AppError } from '../../src/errors';
import { getVersion } from '../../src/modules/forms/service';
import { validateSubmission } from '../../src/modules/forms/submission/validate';
import { demoForms } from '../../src/seed/demo-forms';
import { demoUnits } from '../../src/seed/demo-province';
import { seedDemo, type DemoSeedReport } from '../../src/seed/seed-demo';
import { startTestServer } from '../support/app';
import { samples } from './demo-samples';

/**
 * The demo province at realistic size. The run's database is shared, and other files boot with the
 * demo seeded too: the seed is idempotent and serialized, and everything here is looked up by the
 * demo's stable unit codes.
 */
let running: Running;
let again: DemoSeedReport;
let before: Counts;
const unitIds = new Map<string, string>();

interface Counts {
  units: number;
  procedures: number;
  forms: number;
  versions: number;
}

const PHUONG_NHA_TRANG = '000.20.00.H34';
const SO_XAY_DUNG = '000.00.06.H34';
const SO_TU_PHAP = '000.00.03.H34';

function counts(): Promise<Counts> {
  const ids = [...unitIds.values()];
  return running.transactor.withSystem(async (tx) => {
    const { rows } = await tx.raw<{ rows: Counts[] }>(
      `select (select count(*) from tenants where id = any(:ids))::int as units,
              (select count(*) from procedures where tenant_id = any(:ids))::int as procedures,
              (select count(*) from forms where tenant_id = any(:ids))::int as forms,
              (select count(*) from form_versions where tenant_id = any(:ids))::int as versions`,
      { ids },
    );
    return rows[0]!;
  });
}

/** The product's search key: no diacritics, đ → d, lower case. */
const unaccented = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

interface Found {
  id: string;
  name: string;
  field: { code: string };
  unit: { code: string };
}

async function search(q: string, range = '[0,19]', unit?: string): Promise<Found[]> {
  const res = await request(running.url)
    .get('/api/v1/public/procedures')
    .query({ filter: JSON.stringify({ q, unit }), range });
  expect(res.status, res.text).toBe(200);
  return res.body as Found[];
}

beforeAll(async () => {
  running = await startTestServer();
  await seedDemo(running.transactor);
  const rows = await running.transactor.withSystem(
    (tx) =>
      tx('tenants')
        .select('id', 'code')
        .whereIn(
          'code',
          demoUnits.map((u) => u.code),
        ) as Promise<{ id: string; code: string }[]>,
  );
  for (const r of rows) unitIds.set(r.code, r.id);
  before = await counts();
  again = await seedDemo(running.transactor);
}, 120_000);
afterAll(() => running?.close());

describe('the demo province', () => {
  it('has about 200 units: the committee, about 20 departments, the rest communes', async () => {
    expect(unitIds.size).toBe(demoUnits.length);
    expect(unitIds.size).toBeGreaterThanOrEqual(190);
    const kinds = await running.transactor.withSystem(
      (tx) =>
        tx('tenants')
          .select('kind')
          .count<{ kind: string; count: string }[]>('* as count')
          .whereIn('id', [...unitIds.values()])
          .groupBy('kind') as Promise<{ kind: string; count: string }[]>,
    );
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.count)]));
    expect(byKind.department).toBeGreaterThanOrEqual(18);
    expect(byKind.commune).toBeGreaterThanOrEqual(170);
  });

  it('publishes at least 2,000 procedures over at least 20 fields, spread over the units', async () => {
    const stats = await running.transactor.withSystem(async (tx) => {
      const { rows } = await tx.raw<{
        rows: { total: number; published: number; fields: number; units: number; free: number }[];
      }>(
        `select count(*)::int as total, count(*) filter (where status = 'published')::int as published,
                count(distinct field_code)::int as fields, count(distinct tenant_id)::int as units,
                count(*) filter (where fee_total = 0)::int as free
           from procedures where tenant_id = any(?)`,
        [[...unitIds.values()]],
      );
      return rows[0]!;
    });
    expect(stats.total).toBeGreaterThanOrEqual(2000);
    expect(stats.fields).toBeGreaterThanOrEqual(20);
    expect(stats.units).toBeGreaterThanOrEqual(190);
    // Mostly published, some drafts; some free, most paid or not.
    expect(stats.published / stats.total).toBeGreaterThan(0.9);
    expect(stats.published).toBeLessThan(stats.total);
    expect(stats.free).toBeGreaterThan(0);
    expect(stats.free).toBeLessThan(stats.total);
  });

  it('creates nothing when it runs again', async () => {
    expect(again).toMatchObject({ unitsCreated: 0, proceduresCreated: 0, formsPublished: 0 });
    expect(await counts()).toEqual(before);
  });
});

describe('the demo forms', () => {
  const where: Record<string, string> = {
    '1.001193': PHUONG_NHA_TRANG,
    '1.000894': PHUONG_NHA_TRANG,
    '2.000720': PHUONG_NHA_TRANG,
    '1.009994': PHUONG_NHA_TRANG,
    '1.009974': SO_XAY_DUNG,
    '2.000488': SO_TU_PHAP,
  };

  it.each(demoForms.map((f) => [f.name, f.procedure] as const))(
    '%s (%s) is published as version 1 and validates submissions',
    async (_name, code) => {
      const tenantId = unitIds.get(where[code]!)!;
      const version = await running.transactor.withTenant({ tenantId, actorId: null }, async (tx) => {
        const form = (await tx('forms')
          .join('procedures', 'procedures.id', 'forms.procedure_id')
          .where('procedures.national_code', code)
          .first('forms.id', 'forms.latest_version')) as { id: string; latest_version: number } | undefined;
        expect(form?.latest_version).toBe(1);
        return getVersion(tx, form!.id, 1);
      });
      expect(version.jsonSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(version.uiLayout.sections.length).toBeGreaterThanOrEqual(3);
      expect(version.definition.attachments.length).toBeGreaterThan(0);

      const sample = samples[code]!;
      for (const good of sample.good) expect(() => validateSubmission(version, good)).not.toThrow();
      let refused: unknown;
      try {
        validateSubmission(version, sample.bad);
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(AppError);
      const paths = (refused as AppError).errors.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(sample.badAt));
    },
  );

  it('has a condition and a repeating group where the paper has them', () => {
    const items = (code: string) =>
      demoForms.find((f) => f.procedure === code)!.definition.sections.flatMap((s) => s.items);
    expect(items('1.001193').some((i) => i.visibleWhen)).toBe(true);
    expect(items('2.000488').some((i) => i.visibleWhen)).toBe(true);
    expect(items('2.000720').some((i) => i.kind === 'group')).toBe(true);
  });

  it('shows the published form on the public detail page', async () => {
    const [birth] = await search('dang ky khai sinh', '[0,0]', PHUONG_NHA_TRANG);
    expect(birth?.unit.code).toBe(PHUONG_NHA_TRANG);
    const detail = await request(running.url).get(`/api/v1/public/procedures/${birth!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.form).toMatchObject({ version: 1 });
  });
});

describe('the public search over the demo catalog', () => {
  it('finds each of 50 demo procedures by its unaccented name, first', async () => {
    const names = await running.transactor.withSystem(
      (tx) =>
        tx('procedures')
          .distinct('name')
          .whereIn('tenant_id', [...unitIds.values()])
          .where({ status: 'published' })
          .orderBy('name') as Promise<{ name: string }[]>,
    );
    const step = Math.max(1, Math.floor(names.length / 50));
    const sample = names.filter((_, i) => i % step === 0).slice(0, 50);
    expect(sample).toHaveLength(50);
    const missed: string[] = [];
    for (const { name } of sample) {
      const [first] = await search(unaccented(name), '[0,4]');
      if (unaccented(first?.name ?? '') !== unaccented(name)) missed.push(`${name} → ${first?.name}`);
    }
    expect(missed).toEqual([]);
  });

  it('"ho tich" finds civil-status procedures first', async () => {
    const found = await search('ho tich');
    expect(found).toHaveLength(20);
    expect(found.every((p) => p.field.code === 'HO_TICH')).toBe(true);
  });

  it('"khai sinh" finds birth registration first', async () => {
    const [first] = await search('khai sinh');
    expect(first?.name).toBe('Đăng ký khai sinh');
  });

  it('"giay phep xay dung" finds construction permits first', async () => {
    const found = await search('giay phep xay dung', '[0,9]');
    expect(found).toHaveLength(10);
    for (const p of found) {
      expect(unaccented(p.name)).toContain('giay phep xay dung');
      expect(p.field.code).toBe('XAY_DUNG');
    }
  });
});
