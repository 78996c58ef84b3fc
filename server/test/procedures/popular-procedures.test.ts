import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { listPopularProcedures } from '../../src/modules/catalog/popular';
import { recomputeDay } from '../../src/modules/monitoring/refresh';
import { localDay } from '../../src/modules/monitoring/days';
import { changeProcedureStatus } from '../../src/modules/procedures/service';
import type { TestUnit } from '../support/app';
import { uniqueSuffix } from '../support/app';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  enterAtDesk,
  startDossierServer,
} from '../dossiers/fixture';

/**
 * The portal's popular procedures: dossiers received over 90 days per national code, summed over the
 * units, from the monitoring rollup, read in the public context; counts only.
 */
let running: Running;
let a: TestUnit;
let b: TestUnit;
const shared = `9.${uniqueSuffix()}`;
let sharedAtA: string;
let sharedAtB: string;
let onlyAtA: string;
let archived: string;

async function receive(u: TestUnit, procedureId: string, times: number) {
  for (let i = 0; i < times; i++) {
    const id = await enterAtDesk(running, u, procedureId);
    await api(running, desk(u)).post(`/dossiers/${id}/receive`).expect(200);
  }
}

const popular = (now = new Date()) =>
  running.transactor.withPublic((tx) => listPopularProcedures(tx, now, 100_000));

async function eventually(check: () => Promise<void>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

beforeAll(async () => {
  running = await startDossierServer();
  [a, b] = await Promise.all([createDossierUnit(running), createDossierUnit(running)]);
  sharedAtA = await createPublishedProcedure(running, a.tenant.id);
  sharedAtB = await createPublishedProcedure(running, b.tenant.id);
  onlyAtA = await createPublishedProcedure(running, a.tenant.id);
  archived = await createPublishedProcedure(running, a.tenant.id);
  // The same national procedure published by two units.
  await running.transactor.withSystem((tx) =>
    tx('procedures').whereIn('id', [sharedAtA, sharedAtB]).update({ national_code: shared }),
  );
  await receive(a, sharedAtA, 2);
  await receive(b, sharedAtB, 1);
  await receive(a, onlyAtA, 1);
  await receive(a, archived, 3);
  await running.transactor.withTenant({ tenantId: a.tenant.id, actorId: null }, (tx) =>
    changeProcedureStatus(tx, a.tenant.id, archived, 'archive', { kind: 'system', id: 'test' }),
  );
});
afterAll(async () => {
  await running?.close();
});

const codeOf = (id: string) =>
  running.transactor.withSystem(
    async (tx) =>
      ((await tx('procedures').where({ id }).first('national_code')) as { national_code: string })
        .national_code,
  );

describe('popular procedures', () => {
  it('sum the receptions of the last 90 days per national code over the units, published procedures only', async () => {
    const [only, gone] = await Promise.all([codeOf(onlyAtA), codeOf(archived)]);
    await eventually(async () => {
      const rows = await popular();
      expect(rows.find((r) => r.nationalCode === shared)).toEqual({
        nationalCode: shared,
        name: 'Đăng ký khai sinh',
        received: 3,
      });
      expect(rows.find((r) => r.nationalCode === only)?.received).toBe(1);
    });
    const rows = await popular();
    expect(rows.some((r) => r.nationalCode === gone)).toBe(false);
    // Most received first.
    expect(rows.map((r) => r.received)).toEqual([...rows.map((r) => r.received)].sort((x, y) => y - x));
    // Ninety local days back and no further.
    const later = new Date(Date.now() + 89 * 86_400_000);
    expect((await popular(later)).find((r) => r.nationalCode === shared)?.received).toBe(3);
    const tooLate = new Date(Date.now() + 90 * 86_400_000);
    expect((await popular(tooLate)).some((r) => r.nationalCode === shared)).toBe(false);
  });

  it('are recomputed with the monitoring bucket, the same however often', async () => {
    const day = localDay(new Date());
    const rowsOf = () =>
      running.transactor.withSystem((tx) =>
        tx('monitoring_procedure_days')
          .where({ tenant_id: a.tenant.id, day })
          .orderBy('procedure_id')
          .select('procedure_id', 'received'),
      );
    await eventually(async () => expect(await rowsOf()).toHaveLength(3));
    const before = await rowsOf();
    for (let i = 0; i < 2; i++)
      await running.transactor.withTenant({ tenantId: a.tenant.id, actorId: null }, (tx) =>
        recomputeDay(tx, a.tenant.id, day),
      );
    expect(await rowsOf()).toEqual(before);
    expect(before.find((r) => r.procedure_id === archived)?.received).toBe(3);
  });

  it('are a public route answering counts only, never ids', async () => {
    const res = await request(running.url).get('/api/v1/public/popular-procedures').expect(200);
    expect(res.headers['cache-control']).toContain('max-age=300');
    const rows = res.body as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(8);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['name', 'nationalCode', 'received']);
    for (const id of [a.tenant.id, b.tenant.id, sharedAtA, sharedAtB, onlyAtA])
      expect(res.text).not.toContain(id);
  });
});
