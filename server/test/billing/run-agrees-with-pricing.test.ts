import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  graduatedLines,
  overageCharge,
  prorate,
  vat,
  type Contract,
  type GraduatedOverage,
} from '../../../billing/src/index';
import type { Running } from '../../src/boot';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import { startTestServer } from '../support/app';
import { createBillingPlan, newRun, unitWithUsage } from './fixtures';

/**
 * The invoice run writes whole chunks at once (one aggregate read, one statement for invoices and
 * lines); the pure pricing functions stay the reference. Contract years 2011-05-01 … 2012-04-30
 * (366 days, 29 Feb 2012) belong to this file alone.
 */
const pricing: GraduatedOverage = {
  model: 'graduated',
  tiers: [
    { upTo: 100, unitPrice: 10_000 },
    { upTo: null, unitPrice: 8_000 },
  ],
};
const VAT_BP = 1000;

let running: Running;
let planId: string;

beforeAll(async () => {
  running = await startTestServer();
  planId = (await createBillingPlan(running, pricing, VAT_BP)).id;
});
afterAll(async () => {
  await running?.close();
});

const cases: { name: string; end: string; used: number }[] = [
  { name: 'under quota', end: '2012-04-30', used: 999 },
  { name: 'quota met exactly', end: '2012-04-30', used: 1_000 },
  { name: 'one over', end: '2012-04-30', used: 1_001 },
  { name: 'last of tier 1', end: '2012-04-30', used: 1_100 },
  { name: 'first of tier 2', end: '2012-04-30', used: 1_101 },
  { name: 'far over', end: '2012-04-30', used: 25_000 },
  // Ended after 184 of 366 days: the quota is 1,000 × 184 ÷ 366 = 502.7 → 503.
  { name: 'prorated, over the prorated quota', end: '2011-10-31', used: 600 },
  { name: 'prorated, exactly the prorated quota', end: '2011-10-31', used: 503 },
];

describe('the set-based invoice run agrees with the pricing functions', () => {
  it('on every case of the table', async () => {
    const contracts: { c: Contract; used: number; name: string }[] = [];
    for (const k of cases)
      contracts.push({
        c: await unitWithUsage(running, planId, '2011-05-01', k.end, k.used),
        used: k.used,
        name: k.name,
      });
    const run = await newRun(running, 'overage', '2011-10-31', '2012-04-30');
    await executeInvoiceRun(running.transactor, run.id, new Date(), { chunkSize: 3 });

    const rows = (await running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
      tx('invoices as i')
        .join('invoice_lines as l', function () {
          this.on('l.tenant_id', 'i.tenant_id').andOn('l.invoice_id', 'i.id');
        })
        .whereIn(
          'i.contract_id',
          contracts.map((x) => x.c.id),
        )
        .orderBy(['i.contract_id', 'l.line_no'])
        .select(
          'i.contract_id',
          'i.subtotal',
          'i.vat_amount',
          'i.total',
          'l.quantity',
          'l.unit_price',
          'l.amount',
          'l.tier_from',
          'l.tier_to',
        ),
    )) as {
      contract_id: string;
      subtotal: number;
      vat_amount: number;
      total: number;
      quantity: number;
      unit_price: number;
      amount: number;
      tier_from: number;
      tier_to: number;
    }[];

    for (const { c, used, name } of contracts) {
      const quota = c.activeDays < c.contractDays ? prorate(1_000, c.contractDays, c.activeDays) : 1_000;
      expect(c.quota, name).toBe(quota);
      const over = used - quota;
      const subtotal = overageCharge(over, pricing);
      const mine = rows.filter((r) => r.contract_id === c.id);
      if (subtotal === 0) {
        expect(mine, name).toEqual([]);
        continue;
      }
      expect(
        mine.map((r) => ({
          from: Number(r.tier_from),
          to: Number(r.tier_to),
          quantity: Number(r.quantity),
          unitPrice: Number(r.unit_price),
          amount: Number(r.amount),
        })),
        name,
      ).toEqual(graduatedLines(over, pricing));
      const vatAmount = vat(subtotal, VAT_BP);
      expect(
        {
          subtotal: Number(mine[0]!.subtotal),
          vat: Number(mine[0]!.vat_amount),
          total: Number(mine[0]!.total),
        },
        name,
      ).toEqual({ subtotal, vat: vatAmount, total: subtotal + vatAmount });
    }
  });
});
