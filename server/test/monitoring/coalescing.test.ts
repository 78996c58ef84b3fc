import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { markMonitoringDirty, REFRESH_DELAY_MS } from '../../src/jobs/monitoring/refresh-day';
import { localDay } from '../../src/modules/monitoring/days';
import { createTestTenant, startTestServer } from '../support/app';

/**
 * Actions of one unit's day while its refresh is still waiting queue no second refresh: they only
 * bump the bucket's generation. (Before the fix each mark read its own update away and queued one.)
 */
let running: Running;
beforeAll(async () => {
  running = await startTestServer();
});
afterAll(async () => {
  await running?.close();
});

describe('monitoring refresh coalescing', () => {
  it('three marks of one (unit, day) within the delay: one queued refresh, generation 3', async () => {
    expect(REFRESH_DELAY_MS).toBeGreaterThanOrEqual(2_000); // the marks below land well inside it
    const unit = await createTestTenant(running);
    const now = new Date();
    for (let i = 0; i < 3; i++)
      await running.transactor.withTenant({ tenantId: unit.id, actorId: null }, (tx) =>
        markMonitoringDirty(tx, unit.id, now),
      );
    const { outbox, dirty } = await running.transactor.withSystem(async (tx) => ({
      outbox: (await tx('outbox').where({
        tenant_id: unit.id,
        queue: 'monitoring',
        job_name: 'refresh-day',
      })) as { job_key: string; available_at: Date }[],
      dirty: (await tx('monitoring_dirty').where({ tenant_id: unit.id }).select('day', 'gen', 'queued')) as {
        gen: number;
        queued: boolean;
      }[],
    }));
    expect(outbox.map((r) => r.job_key)).toEqual([`monitoring.${unit.id}.${localDay(now)}.1`]);
    expect(outbox[0]!.available_at.getTime()).toBeGreaterThan(Date.now());
    expect(dirty).toMatchObject([{ gen: 3, queued: true }]);
  });
});
