import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  localDate,
  renewContract,
  resumeContract,
  suspendContract,
  terminateContract,
} from '../../../billing/src/index';
import { assertMayReceive, MeteringError, usageSummary } from '../../../metering/src/index';
import type { Running } from '../../src/boot';
import { receptionUsage } from '../../src/modules/usage/record-usage';
import { runJob } from '../../src/jobs/registry';
import { createTestStaff, createTestTenant, startTestServer, uniqueSuffix } from '../support/app';
import { createTestContract, createTestPlan } from './fixtures';

/** assertMayReceive and the 80%/100% quota alerts, on the domain functions with chosen instants. */
let running: Running;

beforeAll(async () => {
  running = await startTestServer();
});
afterAll(async () => {
  await running?.close();
});

const asOperator = <T>(fn: Parameters<Running['transactor']['withPlatform']>[1]) =>
  running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, fn) as Promise<T>;

async function mayReceive(tenantId: string, now: Date) {
  return running.transactor.withTenant({ tenantId, actorId: null }, (tx) =>
    assertMayReceive(tx, tenantId, now),
  );
}

async function refusal(tenantId: string, now: Date): Promise<MeteringError> {
  const err = await mayReceive(tenantId, now).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MeteringError);
  return err as MeteringError;
}

describe('assertMayReceive', () => {
  it('a unit without a contract cannot receive, and is told so in Vietnamese and English', async () => {
    const t = await createTestTenant(running);
    const err = await refusal(t.id, new Date());
    expect(err.code).toBe('no_active_contract');
    expect(err.detail.vi).toContain('không tiếp nhận được hồ sơ');
    expect(err.detail.en).toContain('cannot receive dossiers');
  });

  it('an active contract covering today allows it; before its start, after its end, suspended or terminated it does not', async () => {
    const t = await createTestTenant(running);
    const plan = await createTestPlan(running);
    const c = await createTestContract(running, t.id, plan.id, { startDate: '2027-07-01' });
    expect(c.endDate).toBe('2028-06-30');
    expect(c.contractDays).toBe(366);
    // 2027-07-01 00:00 in Hà Nội is 2027-06-30T17:00Z.
    expect((await refusal(t.id, new Date('2027-06-30T16:59:59Z'))).code).toBe('no_active_contract');
    expect((await mayReceive(t.id, new Date('2027-06-30T17:00:00Z'))).id).toBe(c.id);
    expect((await mayReceive(t.id, new Date('2028-06-30T16:59:59Z'))).id).toBe(c.id);
    expect((await refusal(t.id, new Date('2028-06-30T17:00:00Z'))).code).toBe('no_active_contract');

    const inside = new Date('2028-01-15T03:00:00Z');
    await asOperator((tx) => suspendContract(tx, c.id, 'Chưa thanh toán phí thuê năm 2027', inside));
    const suspended = await refusal(t.id, inside);
    expect(suspended.code).toBe('contract_suspended');
    expect(suspended.detail.vi).toContain('Chưa thanh toán phí thuê năm 2027');
    await asOperator((tx) => resumeContract(tx, c.id, inside));
    expect((await mayReceive(t.id, inside)).id).toBe(c.id);

    const ended = await asOperator<{ endedOn: string; quota: number; leaseFee: number }>((tx) =>
      terminateContract(tx, c.id, { reason: 'Sáp nhập đơn vị', lastDay: '2027-12-31' }, inside),
    );
    expect(ended.endedOn).toBe('2027-12-31');
    expect(ended.quota).toBe(5_027); // 10,000 × 184/366
    expect(ended.leaseFee).toBe(597_245_902); // 1,188,000,000 × 184/366
    expect((await refusal(t.id, inside)).code).toBe('no_active_contract');
    // Termination is final: not even the days it still covers can receive.
    expect((await refusal(t.id, new Date('2027-12-31T10:00:00Z'))).code).toBe('no_active_contract');
  });

  it('a suspended unit cannot receive even with an active contract', async () => {
    const t = await createTestTenant(running);
    const plan = await createTestPlan(running);
    await createTestContract(running, t.id, plan.id);
    await mayReceive(t.id, new Date());
    await running.transactor.withSystem((tx) =>
      tx('tenants').where({ id: t.id }).update({ status: 'suspended', status_reason: 'Kiểm tra' }),
    );
    expect((await refusal(t.id, new Date())).code).toBe('contract_suspended');
  });

  it('renewal continues from the day after, and overlapping contracts are refused', async () => {
    const t = await createTestTenant(running);
    const plan = await createTestPlan(running);
    const c = await createTestContract(running, t.id, plan.id, { startDate: '2027-07-01' });
    const next = await asOperator<{ startDate: string; endDate: string; renewedFrom: string }>((tx) =>
      renewContract(tx, c.id, {}, 'test', new Date()),
    );
    expect(next).toMatchObject({ startDate: '2028-07-01', endDate: '2029-06-30', renewedFrom: c.id });
    await expect(
      createTestContract(running, t.id, plan.id, { startDate: '2028-01-01' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      createTestContract(running, t.id, plan.id, { startDate: '2029-07-01', endDate: '2030-07-01' }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('quota alerts at 80% and 100%, once each per contract year', () => {
  it('alerts when crossing each threshold and never again; notifications go through the outbox', async () => {
    const t = await createTestTenant(running);
    const plan = await createTestPlan(running, { includedDossiers: 10 });
    const c = await createTestContract(running, t.id, plan.id); // full year: quota 10
    const tag = uniqueSuffix();
    const now = new Date();
    const receive = (i: number, quantity = 1) =>
      running.transactor.withTenant({ tenantId: t.id, actorId: null }, (tx) =>
        receptionUsage(
          tx,
          {
            tenantId: t.id,
            metric: 'dossier.received',
            quantity,
            occurredAt: new Date(now.getTime() - 60_000),
            idempotencyKey: `r-${tag}-${i}`,
          },
          now,
        ),
      );
    const alerts = async () =>
      running.transactor.withSystem(async (tx) => ({
        rows: (await tx('quota_alerts').where({ tenant_id: t.id }).orderBy('threshold')) as {
          threshold: number;
          used: number;
        }[],
        jobs: (await tx('outbox')
          .where({ tenant_id: t.id, job_name: 'quota-alert' })
          .pluck('job_key')) as string[],
      }));
    for (let i = 0; i < 7; i++) await receive(i);
    expect((await alerts()).rows).toEqual([]);
    await receive(7); // 8 of 10
    expect((await alerts()).rows.map((r) => [r.threshold, r.used])).toEqual([[80, 8]]);
    await receive(8);
    await receive(7); // a repeated key: not counted, no alert
    await receive(9, 5); // 14 of 10
    await receive(10);
    const final = await alerts();
    expect(final.rows.map((r) => [r.threshold, r.used])).toEqual([
      [80, 8],
      [100, 14],
    ]);
    expect(final.jobs.sort()).toEqual([`quota-alert.${c.id}.100`, `quota-alert.${c.id}.80`]);
    const summary = await running.transactor.withTenant({ tenantId: t.id, actorId: null }, (tx) =>
      usageSummary(tx, t.id, c, now),
    );
    expect(summary).toMatchObject({ used: 15, quota: 10, remaining: 0, overQuota: 5, percent: 150 });
  });

  it("the alert job e-mails the unit's admins and the operator, once", async () => {
    const t = await createTestTenant(running);
    const sub = `qa.admin.${uniqueSuffix()}`;
    await createTestStaff(running, { sub, memberships: [{ tenantId: t.id, roles: ['tenant_admin'] }] });
    const op = `qa.op.${uniqueSuffix()}`;
    await createTestStaff(running, { sub: op, platformRoles: ['platform_admin'] });
    const plan = await createTestPlan(running, { includedDossiers: 10 });
    const c = await createTestContract(running, t.id, plan.id);
    const payload = { tenantId: t.id, contractId: c.id, threshold: 100 as const, used: 12, quota: 10 };
    const jobKey = `quota-alert.${c.id}.100`;
    for (const attempt of [1, 2])
      await runJob('notifications', 'quota-alert', payload, running.jobs.deps, {
        jobKey,
        tenantId: t.id,
        attempt,
      });
    const emails = (await running.transactor.withSystem((tx) =>
      tx('outbox').where({ job_key: `${jobKey}.email` }),
    )) as {
      payload: { to: string[]; subject: string; text: string };
    }[];
    expect(emails).toHaveLength(1);
    expect(emails[0]!.payload.to).toEqual(
      expect.arrayContaining([`${sub}@example.test`, `${op}@example.test`]),
    );
    expect(emails[0]!.payload.subject).toContain('đã dùng hết định mức');
    expect(emails[0]!.payload.text).toContain('12');
  });

  it('two transactions crossing a threshold at once still alert once', async () => {
    const t = await createTestTenant(running);
    const plan = await createTestPlan(running, { includedDossiers: 10 });
    await createTestContract(running, t.id, plan.id);
    const now = new Date();
    const tag = uniqueSuffix();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        running.transactor.withTenant({ tenantId: t.id, actorId: null }, (tx) =>
          receptionUsage(
            tx,
            {
              tenantId: t.id,
              metric: 'dossier.received',
              quantity: 1,
              occurredAt: new Date(now.getTime() - 1000),
              idempotencyKey: `p-${tag}-${i}`,
            },
            now,
          ),
        ),
      ),
    );
    const rows = await running.transactor.withSystem((tx) =>
      tx('quota_alerts').where({ tenant_id: t.id }).pluck('threshold'),
    );
    expect((rows as number[]).sort()).toEqual([100, 80]);
  });

  it('the forecast extrapolates the pace so far to the contract year', async () => {
    const t = await createTestTenant(running);
    const plan = await createTestPlan(running, { includedDossiers: 3_650 });
    const today = localDate(new Date());
    const c = await createTestContract(running, t.id, plan.id, { startDate: addDays(today, -9) }); // day 10 of 365 or 366
    await running.transactor.withTenant({ tenantId: t.id, actorId: null }, (tx) =>
      receptionUsage(
        tx,
        {
          tenantId: t.id,
          metric: 'dossier.received',
          quantity: 100,
          occurredAt: new Date(),
          idempotencyKey: `f-${uniqueSuffix()}`,
        },
        new Date(),
      ),
    );
    const s = await running.transactor.withTenant({ tenantId: t.id, actorId: null }, (tx) =>
      usageSummary(tx, t.id, c, new Date()),
    );
    expect(s.elapsedDays).toBe(10);
    expect(s.forecast).toBe(c.contractDays * 10);
  });
});
