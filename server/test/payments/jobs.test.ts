import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayOf } from '../../src/jobs/payments/reconcile';
import {
  enqueuePaymentsSchedule,
  reconcileSlotOf,
  startPaymentsSchedule,
} from '../../src/jobs/payments/schedule';
import { runJob } from '../../src/jobs/registry';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { createPayment, getPayment, paymentsGatewayFrom } from '../../src/modules/payments/index';
import { bearer, createTestPlatformKey, createTestTenantKey } from '../support/app';
import { decideOnGateway, newSubject, startPaymentsWorld, type PaymentsWorld } from './fixtures';

/** The reconciliation and mismatch-report jobs, their schedule and the finance list. */
let w: PaymentsWorld;
let finance: IssuedKey;
beforeAll(async () => {
  w = await startPaymentsWorld();
  finance = await createTestPlatformKey(w.running, 'finance');
}, 60_000);
afterAll(() => w.close());

const read = async (id: string) => (await w.running.transactor.withSystem((tx) => getPayment(tx, id)))!;
/** A payment approved at the gateway whose IPN never reached us: pending in our ledger. */
async function lostIpnPayment(amount: number) {
  const gw = paymentsGatewayFrom(w.running.env, w.running.url);
  w.gw.dropIpn(true);
  try {
    const { payment, redirectUrl } = await createPayment(w.running.transactor, gw, {
      kind: 'test',
      subjectId: newSubject(w, amount),
      payerCitizenId: null,
      payerIp: '127.0.0.1',
      locale: 'vn',
      createdBy: null,
    });
    await decideOnGateway(redirectUrl, 'approve');
    return payment;
  } finally {
    w.gw.dropIpn(false);
  }
}
// Through the registry, with the deps boot gave the workers (JobDeps.payments included). The run's
// database is shared: other files' pending payments may fail querydr here, so the job may throw
// after settling ours — the queue would retry; this test looks at its own payment.
const runAsJob = (name: string, payload: object, jobKey: string) =>
  runJob('payments', name, payload, w.running.jobs.deps, { jobKey, tenantId: null, attempt: 1 }).catch(
    () => undefined,
  );

describe('payment reconciliation jobs', () => {
  it('the reconcile job settles a payment whose IPN was lost', async () => {
    const p = await lostIpnPayment(31_000);
    expect((await read(p.id)).status).toBe('pending');
    await runAsJob('reconcile', { olderThanMinutes: 0 }, `test-reconcile-${p.id}`);
    expect((await read(p.id)).status).toBe('paid');
  });

  it('one job per 5-minute slot and per local day, however many servers tick', async () => {
    // A slot of its own (far future): the run's database is shared.
    const at = new Date(
      Date.UTC(2090 + Math.floor(Math.random() * 9), 5, 1 + Math.floor(Math.random() * 28), 10, 7),
    );
    const tick = (d: Date) =>
      enqueuePaymentsSchedule({
        transactor: w.running.transactor,
        logger: w.running.logger,
        olderThanMinutes: 1440,
        now: () => d,
      });
    await Promise.all([tick(at), tick(at), tick(new Date(at.getTime() + 60_000))]);
    const slot = reconcileSlotOf(at);
    expect(slot.endsWith('1005')).toBe(true);
    const day = localDayOf(new Date(at.getTime() - 86_400_000)).replaceAll('-', '');
    const rows = await w.running.transactor.withSystem((tx) =>
      tx('outbox')
        .whereIn('job_key', [`payments-reconcile.${slot}`, `payments-mismatch-report.${day}`])
        .select('job_key', 'job_name'),
    );
    expect(rows.map((r: { job_name: string }) => r.job_name).sort()).toEqual([
      'mismatch-report',
      'reconcile',
    ]);
    // The next slot is a new job.
    await tick(new Date(at.getTime() + 5 * 60_000));
    const next = await w.running.transactor.withSystem((tx) =>
      tx('outbox').where({
        job_key: `payments-reconcile.${reconcileSlotOf(new Date(at.getTime() + 300_000))}`,
      }),
    );
    expect(next).toHaveLength(1);
  });

  it('the daily mismatch report is recorded and listed for finance', async () => {
    const p = await lostIpnPayment(27_000);
    const day = localDayOf(new Date());
    await runAsJob('mismatch-report', { day }, `test-mismatch-${p.id}`);
    const res = await request(w.running.url)
      .get('/api/v1/payments/mismatches')
      .set('Authorization', bearer(finance));
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toMatch(/^payment-mismatches /);
    const report = (res.body as { day: string; mismatches: { txnRef: string; ledger: object }[] }[]).find(
      (r) => r.day === day,
    );
    expect(report?.mismatches.find((m) => m.txnRef === p.txnRef)).toMatchObject({
      ledger: { status: 'pending', amount: 27_000 },
      gateway: { responseCode: '00', transactionStatus: '00', amount: 27_000 },
    });
    const unitKey = await createTestTenantKey(w.running, w.tenantId, 'tenant_admin');
    const denied = await request(w.running.url)
      .get('/api/v1/payments/mismatches')
      .set('Authorization', bearer(unitKey));
    expect(denied.status).toBe(403);
  });

  it('the timer enqueues on each tick and stops when told', async () => {
    const at = new Date(
      Date.UTC(2080 + Math.floor(Math.random() * 9), 2, 1 + Math.floor(Math.random() * 28), 3, 0),
    );
    const key = `payments-reconcile.${reconcileSlotOf(at)}`;
    const count = async () =>
      (await w.running.transactor.withSystem((tx) => tx('outbox').where({ job_key: key }))).length;
    const timer = startPaymentsSchedule({
      transactor: w.running.transactor,
      logger: w.running.logger,
      olderThanMinutes: 1440,
      now: () => at,
      intervalMs: 20,
    });
    await new Promise((r) => setTimeout(r, 300));
    timer.stop();
    expect(await count()).toBe(1);
  });
});
