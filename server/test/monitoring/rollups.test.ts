import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { refreshMonitoringAfterRating } from '../../src/jobs/monitoring/refresh-day';
import { recomputeDay } from '../../src/modules/monitoring/refresh';
import { rateDossier } from '../../src/modules/ratings/rate';
import { createTestPlatformKey, createTestTenant, type TestUnit } from '../support/app';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  enterAtDesk,
  newCitizen,
  startDossierServer,
} from '../dossiers/fixture';
import { driveToApproved, driveToReturned, submitOnline } from '../ratings/flow';

/**
 * Monitoring rollups equal a direct count over the raw rows after a random mix of actions, stay
 * equal when recomputed again (idempotent), and roll up the unit hierarchy for the platform.
 */
let running: Running;
let unit: TestUnit;
let parentId: string;
let procedureId: string;

beforeAll(async () => {
  running = await startDossierServer();
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
  parentId = (await createTestTenant(running, { kind: 'district' })).id;
  await running.transactor.withSystem((tx) =>
    tx('tenants').where({ id: unit.tenant.id }).update({ parent_id: parentId }),
  );
});
afterAll(async () => {
  await running?.close();
});

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

type Row = Record<string, string | number>;
const LOCAL = (col: string) => `(${col} at time zone 'Asia/Ho_Chi_Minh')::date::text`;

/** The same figures, counted directly from the raw rows — written independently of refresh.ts. */
async function directCounts(tenantId: string): Promise<Row[]> {
  return running.transactor.withSystem(async (tx) => {
    const q = `
      with days as (
        select ${LOCAL('received_at')} as day from dossiers where tenant_id = :t and received_at is not null
        union select ${LOCAL('returned_at')} from dossiers where tenant_id = :t and returned_at is not null
        union select ${LOCAL('rated_at')} from dossier_ratings where tenant_id = :t)
      select days.day,
        (select count(*) from dossiers d where d.tenant_id = :t and ${LOCAL('d.received_at')} = days.day)::int as received,
        (select count(*) from dossiers d where d.tenant_id = :t and ${LOCAL('d.received_at')} = days.day and d.channel = 'online')::int as received_online,
        (select count(*) from dossiers d where d.tenant_id = :t and ${LOCAL('d.returned_at')} = days.day)::int as resolved,
        (select count(*) from dossiers d where d.tenant_id = :t and ${LOCAL('d.returned_at')} = days.day and d.timeliness in ('early', 'on_time'))::int as in_time,
        (select count(*) from dossier_events e where e.tenant_id = :t and e.action = 'approve' and ${LOCAL('e.at')} = days.day)::int as approved,
        (select count(*) from dossier_ratings r where r.tenant_id = :t and ${LOCAL('r.rated_at')} = days.day)::int as rated,
        (select count(*) from dossier_ratings r where r.tenant_id = :t and ${LOCAL('r.rated_at')} = days.day and r.level <> 'unsatisfied')::int as satisfied
      from days order by 1`;
    return (await tx.raw(q, { t: tenantId })).rows as Row[];
  });
}

async function rollupCounts(tenantId: string): Promise<Row[]> {
  return running.transactor.withSystem(
    async (tx) =>
      (
        await tx.raw(
          `select day::text as day, received, received_online, resolved, early + on_time as in_time, approved, rated,
              very_satisfied + satisfied as satisfied
         from monitoring_days where tenant_id = ? and officer = '' order by 1`,
          [tenantId],
        )
      ).rows as Row[],
  );
}

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

describe('monitoring rollups', () => {
  it('equal a direct count over the raw data after a random mix of actions, and again after a recompute', async () => {
    const next = random(766);
    const citizen = await newCitizen(running);
    // Four lanes at once, so refreshes race with actions of the same unit and day.
    const lane = async () => {
      for (let i = 0; i < 5; i++) {
        const online = next() < 0.5;
        const id = online
          ? await submitOnline(running, citizen, procedureId)
          : await enterAtDesk(running, unit, procedureId);
        const fate = next();
        if (fate < 0.15) continue;
        if (fate < 0.25) {
          await api(running, desk(unit))
            .post(`/dossiers/${id}/refuse`, { reason: 'Không đủ điều kiện' })
            .expect(200);
        } else if (fate < 0.45) {
          await api(running, desk(unit)).post(`/dossiers/${id}/receive`).expect(200);
        } else if (fate < 0.6) {
          await driveToApproved(running, unit, id);
        } else {
          await driveToReturned(running, unit, id);
          if (online && next() < 0.8) {
            const level = (['very_satisfied', 'satisfied', 'unsatisfied'] as const)[Math.floor(next() * 3)]!;
            await rateDossier(
              running.transactor,
              citizen,
              id,
              { level, reasons: level === 'unsatisfied' ? ['late'] : [] },
              new Date(),
              refreshMonitoringAfterRating,
            );
          }
        }
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    const direct = await directCounts(unit.tenant.id);
    expect(direct.reduce((s, r) => s + Number(r.received), 0)).toBeGreaterThan(0);
    await eventually(async () => expect(await rollupCounts(unit.tenant.id)).toEqual(direct));

    // Idempotent: recomputing every bucket again changes nothing.
    for (const r of direct)
      await running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, (tx) =>
        recomputeDay(tx, unit.tenant.id, String(r.day)),
      );
    expect(await rollupCounts(unit.tenant.id)).toEqual(direct);

    // The officers' rows add up to the unit's receptions and approvals.
    const officers = (await running.transactor.withSystem((tx) =>
      tx('monitoring_days')
        .where({ tenant_id: unit.tenant.id })
        .whereNot({ officer: '' })
        .sum({ received: 'received', approved: 'approved' })
        .first(),
    )) as { received: string; approved: string };
    expect(Number(officers.received)).toBe(direct.reduce((s, r) => s + Number(r.received), 0));
    expect(Number(officers.approved)).toBe(direct.reduce((s, r) => s + Number(r.approved), 0));
  });

  it('answers the leader for the unit and the platform up the hierarchy; exports CSV and XLSX', async () => {
    const direct = await directCounts(unit.tenant.id);
    const received = direct.reduce((s, r) => s + Number(r.received), 0);
    const days = direct.map((r) => String(r.day)).sort();
    const period = `from=${days[0]}&to=${days.at(-1)}`;
    const mine = await api(running, unit.keys.leader).get(`/monitoring?${period}`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.units).toHaveLength(1);
    expect(mine.body.units[0]).toMatchObject({ unitId: unit.tenant.id, own: { received } });
    expect(mine.body.officers.length).toBeGreaterThan(0);
    expect(mine.body.units[0].own.qualityIndex).toHaveProperty('progress');

    const platform = await createTestPlatformKey(running, 'finance');
    const tree = await api(running, platform).get(`/monitoring?${period}&unitId=${parentId}`);
    expect(tree.status, tree.text).toBe(200);
    const parent = (
      tree.body.units as { unitId: string; own: { received: number }; withChildren: { received: number } }[]
    ).find((u) => u.unitId === parentId)!;
    expect(parent.own.received).toBe(0);
    expect(parent.withChildren.received).toBe(received);

    const csv = await api(running, unit.keys.tenant_admin).get(`/monitoring?${period}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('Tiếp nhận');
    expect(csv.text).toContain(unit.tenant.code);
    const xlsx = await api(running, unit.keys.leader).get(`/monitoring?${period}&format=xlsx`).buffer(true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    expect((await api(running, unit.keys.desk_officer).get('/monitoring')).status).toBe(403);
    expect((await api(running, unit.keys.leader).get('/monitoring?from=2026-02-30')).status).toBe(400);
  });
});
