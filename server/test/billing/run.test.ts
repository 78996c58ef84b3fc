import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBillingRun } from '../../../billing/src/index';
import type { Running } from '../../src/boot';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import { startTestServer } from '../support/app';
import { createBillingPlan, invoicesOf, newRun, unitWithUsage } from './fixtures';

/** The invoice run: crash and resume, idempotence, instalments. Each test owns a distinct contract year. */
let running: Running;
let planId: string;
const now = new Date();

beforeAll(async () => {
  running = await startTestServer();
  planId = (await createBillingPlan(running)).id;
});
afterAll(async () => {
  await running?.close();
});

const finance = <T>(fn: Parameters<Running['transactor']['withPlatform']>[1]) =>
  running.transactor.withPlatform({ role: 'finance', actorId: null }, fn) as Promise<T>;

describe('invoice run', () => {
  it('killed after 2 of 5 units and restarted leaves exactly one overage invoice per unit; a second run creates nothing', async () => {
    const contracts = [];
    for (let i = 0; i < 5; i++)
      contracts.push(await unitWithUsage(running, planId, '2003-02-11', '2004-02-10', 1_500 + i));
    const ids = contracts.map((c) => c.id);
    const run = await newRun(running, 'overage', '2004-02-10', '2004-02-10');
    const crash = new Error('worker killed');
    await expect(
      executeInvoiceRun(running.transactor, run.id, now, {
        chunkSize: 1,
        afterChunk: (done) => {
          if (done === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(await invoicesOf(running, ids)).toHaveLength(2);
    const half = await finance((tx) => getBillingRun(tx, run.id));
    expect(half).toMatchObject({ status: 'failed', total: 5, done: 2, created: 2 });

    await executeInvoiceRun(running.transactor, run.id, now, { chunkSize: 1 });
    const after = await invoicesOf(running, ids);
    expect(after).toHaveLength(5);
    expect(new Set(after.map((i) => i.contract_id)).size).toBe(5);
    expect(await finance((tx) => getBillingRun(tx, run.id))).toMatchObject({
      status: 'completed',
      total: 5,
      done: 5,
      created: 5,
      skipped: 0,
    });

    const again = await newRun(running, 'overage', '2004-02-10', '2004-02-10');
    await executeInvoiceRun(running.transactor, again.id, now);
    expect(await invoicesOf(running, ids)).toHaveLength(5);
    expect(await finance((tx) => getBillingRun(tx, again.id))).toMatchObject({
      status: 'completed',
      done: 5,
      created: 0,
      skipped: 5,
    });
  });

  it('skips units within quota and prices tiers onto lines with VAT', async () => {
    const under = await unitWithUsage(running, planId, '2003-03-11', '2004-03-10', 1_000);
    const one = await unitWithUsage(running, planId, '2003-03-11', '2004-03-10', 1_001);
    const far = await unitWithUsage(running, planId, '2003-03-11', '2004-03-10', 1_500);
    const run = await newRun(running, 'overage', '2004-03-10', '2004-03-10');
    await executeInvoiceRun(running.transactor, run.id, now);
    const invoices = await invoicesOf(running, [under.id, one.id, far.id]);
    expect(invoices.map((i) => i.contract_id).sort()).toEqual([one.id, far.id].sort());
    const lines = await finance<
      { contract_id: string; line_no: number; quantity: number; unit_price: number; amount: number }[]
    >((tx) =>
      tx('invoice_lines as l')
        .join('invoices as i', 'i.id', 'l.invoice_id')
        .where('i.contract_id', far.id)
        .orderBy('l.line_no')
        .select('i.contract_id', 'l.line_no', 'l.quantity', 'l.unit_price', 'l.amount'),
    );
    expect(lines.map((l) => [l.quantity, l.unit_price, l.amount])).toEqual([
      [100, 10_000, 1_000_000],
      [400, 8_000, 3_200_000],
    ]);
    expect(invoices.find((i) => i.contract_id === far.id)!.total).toBe(4_620_000);
    expect(invoices.find((i) => i.contract_id === one.id)!.total).toBe(11_000);
  });

  it('lease run bills each instalment starting in its period; a mid-year end prorates by days', async () => {
    // 2007-07-01 … 2008-06-30 has 366 days (29 Feb 2008); ended on 2007-12-31 = 184 days.
    const c = await unitWithUsage(running, planId, '2007-07-01', '2007-12-31', 0, 2);
    expect(c.leaseFee).toBe(Math.round((36_500_000 * 184) / 366));
    const first = await newRun(running, 'lease', '2007-07-01', '2007-07-31');
    await executeInvoiceRun(running.transactor, first.id, now);
    expect((await invoicesOf(running, [c.id])).map((i) => i.instalment)).toEqual([1]);
    const second = await newRun(running, 'lease', '2007-08-01', '2007-12-31');
    await executeInvoiceRun(running.transactor, second.id, now);
    const all = await invoicesOf(running, [c.id]);
    expect(all.map((i) => i.instalment).sort()).toEqual([1, 2]);
    // 10% VAT on each half; the halves sum exactly to the fee.
    expect(all.reduce((s, i) => s + i.total, 0)).toBe(
      c.leaseInstalments.reduce((s, a) => s + a + Math.round(a / 10), 0),
    );
  });
});
