import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renewContract, type Contract } from '../../../billing/src/index';
import { recordUsageEvents, reconcileUsage, type UsageEvent } from '../../../metering/src/index';
import type { Running } from '../../src/boot';
import { createTestTenant, startTestServer, uniqueSuffix } from '../support/app';
import { createTestContract, createTestPlan } from './fixtures';

/** After a random workload the counters equal the raw events, and `usage reconcile` says so. */
let running: Running;
const units: { id: string; contracts: Contract[] }[] = [];
const YEAR = 2031;

beforeAll(async () => {
  running = await startTestServer();
  const plan = await createTestPlan(running, { includedDossiers: 500 });
  for (let i = 0; i < 3; i++) {
    const t = await createTestTenant(running);
    const first = await createTestContract(running, t.id, plan.id, { startDate: `${YEAR}-03-01` });
    const second = await running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
      renewContract(tx, first.id, {}, 'test', new Date()),
    );
    units.push({ id: t.id, contracts: [first, second] });
  }
});
afterAll(async () => {
  await running?.close();
});

// A deterministic pseudo-random sequence, so a failure can be replayed.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

describe('usage reconciliation', () => {
  it('counters equal the events after a random workload with duplicates and concurrency', async () => {
    const rnd = lcg(20261123);
    const tag = uniqueSuffix();
    const expected = new Map<string, number>();
    const seen = new Set<string>();
    const batches: { tenantId: string; events: UsageEvent[]; now: Date }[] = [];
    for (let b = 0; b < 40; b++) {
      const unit = units[Math.floor(rnd() * units.length)]!;
      const events: UsageEvent[] = [];
      for (let i = 0, n = 1 + Math.floor(rnd() * 30); i < n; i++) {
        // Keys from a small pool, so many repeat across and within batches.
        const key = `k-${tag}-${Math.floor(rnd() * 400)}`;
        // Within the first contract year (2031-03-01 … 2032-02-29) or the renewed one.
        const day = Math.floor(rnd() * 700);
        const occurredAt = new Date(Date.UTC(YEAR, 2, 1) + day * 86_400_000 + 3 * 3_600_000);
        const quantity = 1 + Math.floor(rnd() * 3);
        events.push({
          tenantId: unit.id,
          metric: 'dossier.received',
          quantity,
          occurredAt,
          idempotencyKey: key,
          source: 'ingestion',
        });
        const first = `${unit.id}/${key}`;
        if (!seen.has(first) && occurredAt < new Date(Date.UTC(YEAR + 1, 2, 1))) {
          expected.set(unit.id, (expected.get(unit.id) ?? 0) + quantity);
        }
        // The first occurrence of a key (in workload order) is what counts, whatever year it falls in.
        seen.add(first);
      }
      batches.push({ tenantId: unit.id, events, now: new Date(Date.UTC(YEAR + 3, 0, 1)) });
    }
    // Half in order (so "first occurrence" is well defined), then the same batches again, concurrently.
    for (const b of batches)
      await running.transactor.withTenant({ tenantId: b.tenantId, actorId: null }, (tx) =>
        recordUsageEvents(tx, b.tenantId, b.events, b.now),
      );
    await Promise.all(
      batches.map((b) =>
        running.transactor.withTenant({ tenantId: b.tenantId, actorId: null }, (tx) =>
          recordUsageEvents(tx, b.tenantId, b.events, b.now),
        ),
      ),
    );
    const mine = (r: { differences: { tenantId: string }[] }) =>
      r.differences.filter((d) => units.some((u) => u.id === d.tenantId));
    for (const year of [YEAR, YEAR + 1])
      expect(mine(await running.transactor.withSystem((tx) => reconcileUsage(tx, year)))).toEqual([]);
    // The counters also match an independent tally of the workload for the first contract year.
    const counted = await running.transactor.withSystem((tx) =>
      tx('usage_counters')
        .whereIn(
          'contract_id',
          units.map((u) => u.contracts[0]!.id),
        )
        .select('tenant_id', 'quantity'),
    );
    for (const u of units)
      expect(
        (counted as { tenant_id: string; quantity: number }[]).find((c) => c.tenant_id === u.id)?.quantity ??
          0,
      ).toBe(expected.get(u.id) ?? 0);
  });

  it('a counter changed behind the application is reported, by the function and by the CLI', async () => {
    const unit = units[0]!;
    const owner = knexFactory({ client: 'pg', connection: inject('ownerUrl') });
    try {
      await owner('usage_counters')
        .where({ tenant_id: unit.id, contract_id: unit.contracts[0]!.id })
        .increment('quantity', 7);
      const r = await running.transactor.withSystem((tx) => reconcileUsage(tx, YEAR));
      expect(r.differences.find((d) => d.tenantId === unit.id)).toMatchObject({ difference: 7 });
      const cli = await motcua('usage', 'reconcile', '--year', String(YEAR));
      expect(cli.code).toBe(2);
      expect(cli.stdout).toMatch(/DIFF unit=\S+ metered=\d+ expected=\d+ difference=7/);
    } finally {
      await owner('usage_counters')
        .where({ tenant_id: unit.id, contract_id: unit.contracts[0]!.id })
        .decrement('quantity', 7);
      await owner.destroy();
    }
    const clean = await motcua('usage', 'reconcile', '--year', String(YEAR));
    expect(clean.stdout).not.toContain(`difference=7`);
    expect((await motcua('usage', 'reconcile', '--year', 'abcd')).code).toBe(1);
  });
});

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..', '..');

async function motcua(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: inject('ownerUrl'), LOG_LEVEL: 'silent' };
  try {
    const r = await run(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['server/src/cli/index.ts', ...args],
      { cwd: root, env },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
