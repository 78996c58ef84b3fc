import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveInvoice,
  financeSummary,
  invoiceDocument,
  invoiceLines,
  listInvoices,
  usageBehindInvoice,
  type Contract,
  type Invoice,
} from '../../../billing/src/index';
import { recordUsageEvents } from '../../../metering/src/index';
import type { Running } from '../../src/boot';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import { renderInvoicePdf } from '../../src/modules/invoices/pdf';
import { startTestServer } from '../support/app';
import { createBillingPlan, invoicesOf, newRun, unitWithUsage } from './fixtures';

/**
 * Late usage (recorded after its contract year was closed) goes to an adjustment invoice in the next
 * run. The clock is injected: the contract years are 2039 and 2040, which no other test file's runs
 * reach (a run takes the late usage of years ended by its period's end).
 */
let running: Running;
let planId: string;
const now = new Date('2041-01-05T02:00:00Z');

beforeAll(async () => {
  running = await startTestServer();
  planId = (await createBillingPlan(running)).id;
});
afterAll(async () => {
  await running?.close();
});

const finance = <T>(fn: Parameters<Running['transactor']['withPlatform']>[1]) =>
  running.transactor.withPlatform({ role: 'finance', actorId: null }, fn) as Promise<T>;

/** Dossiers received on the contract's first day, recorded (by the unit's software) at `now`. */
async function receive(c: Contract, quantity: number) {
  const out = await running.transactor.withTenant({ tenantId: c.tenantId, actorId: null }, (tx) =>
    recordUsageEvents(
      tx,
      c.tenantId,
      [
        {
          tenantId: c.tenantId,
          metric: 'dossier.received',
          quantity,
          occurredAt: new Date(`${c.startDate}T03:00:00Z`),
          idempotencyKey: randomUUID(),
          source: 'ingestion',
          dossierId: null,
        },
      ],
      now,
    ),
  );
  return out.items[0]!;
}

async function run(kind: 'lease' | 'overage', from: string, to: string) {
  const r = await newRun(running, kind, from, to);
  await executeInvoiceRun(running.transactor, r.id, now);
}

const approve = (id: string) =>
  finance<Invoice>((tx) => approveInvoice(tx, id, 'test-finance', now, renderInvoicePdf));

const counter = (c: Contract) =>
  finance<{ quantity: string; closed_period_quantity: string; settled_closed_quantity: string }>((tx) =>
    tx('usage_counters').where({ tenant_id: c.tenantId, contract_id: c.id }).first(),
  );

describe('adjustment invoices for late usage', () => {
  it('bills late usage once, across a tier boundary, without touching the issued overage invoice', async () => {
    // Quota 1,000; tiers: over 1–100 at 10,000 ₫, beyond at 8,000 ₫; VAT 10%.
    const c = await unitWithUsage(running, planId, '2040-01-01', '2040-12-31', 0);
    expect((await receive(c, 1_050)).periodClosed).toBe(false);
    await run('overage', '2040-12-31', '2040-12-31');
    const [overage] = await invoicesOf(running, [c.id]);
    expect(overage).toMatchObject({ kind: 'overage', total: 550_000 });
    await approve(overage!.id);
    const issuedRow = await finance((tx) => tx('invoices').where({ id: overage!.id }).first());

    // 60 more dossiers of 2040 arrive after the year was invoiced: over quota 51…110.
    expect(await receive(c, 40)).toMatchObject({ recorded: true, periodClosed: true });
    expect(await receive(c, 20)).toMatchObject({ recorded: true, periodClosed: true });
    await run('lease', '2041-01-01', '2041-01-31'); // the next run, whatever its kind

    const all = await invoicesOf(running, [c.id]);
    expect(all).toHaveLength(2);
    const adj = all.find((i) => i.kind === 'adjustment')!;
    expect(adj).toMatchObject({ instalment: 1, status: 'draft', total: 638_000 });
    const lines = await finance<Awaited<ReturnType<typeof invoiceLines>>>((tx) =>
      invoiceLines(tx, { id: adj.id, tenantId: c.tenantId }),
    );
    expect(lines.map((l) => [l.quantity, l.unitPrice, l.amount, l.tierFrom, l.tierTo])).toEqual([
      [50, 10_000, 500_000, 51, 100],
      [10, 8_000, 80_000, 101, 110],
    ]);
    expect(lines[0]!.descriptionVi).toContain('01/01/2040–31/12/2040');
    expect(lines[0]!.descriptionVi).toMatch(/VM-2041-\d{7}/);
    expect(await finance((tx) => tx('invoices').where({ id: overage!.id }).first())).toEqual(issuedRow);
    expect(await counter(c)).toMatchObject({ closed_period_quantity: 60, settled_closed_quantity: 60 });

    // Run twice: nothing new.
    await run('overage', '2040-12-31', '2040-12-31');
    await run('lease', '2041-01-01', '2041-01-31');
    expect(await invoicesOf(running, [c.id])).toHaveLength(2);

    // Issued in its own series with its PDF; shown in the lists, drill-down and summary.
    const issued = await approve(adj.id);
    expect(issued.number).toMatch(/^BS-2041-\d{7}$/);
    await finance(async (tx) => {
      expect((await invoiceDocument(tx, issued))?.content.subarray(0, 5).toString()).toBe('%PDF-');
      const listed = await listInvoices(
        tx,
        {
          sort: { field: 'createdAt', order: 'asc' },
          range: { from: 0, to: 9 },
          filter: { tenantId: c.tenantId, kind: 'adjustment' },
        },
        now,
      );
      expect(listed.rows.map((i) => i.id)).toEqual([adj.id]);
      const late = await usageBehindInvoice(tx, issued, { from: 0, to: 9 });
      expect(late.rows.map((e) => e.quantity).sort()).toEqual([20, 40]);
      const first = await usageBehindInvoice(tx, { ...issued, kind: 'overage' }, { from: 0, to: 9 });
      expect(first.rows.map((e) => e.quantity)).toEqual([1_050]);
      const { rows } = await financeSummary(tx, { year: 2040, tenantId: c.tenantId }, now);
      expect(rows[0]).toMatchObject({ used: 1_110, overageBilled: 550_000, adjustmentBilled: 638_000 });
    });
  });

  it('closes a year that ended within quota; late usage still within it is settled without an invoice', async () => {
    const c = await unitWithUsage(running, planId, '2039-01-01', '2039-12-31', 0);
    await receive(c, 900);
    await run('overage', '2039-12-31', '2039-12-31');
    expect(await invoicesOf(running, [c.id])).toEqual([]);
    const closures = await finance<{ closed_through: string; invoice_id: string | null }[]>((tx) =>
      tx('usage_period_closures')
        .where({ tenant_id: c.tenantId, contract_id: c.id })
        .select(tx.raw("to_char(closed_through, 'YYYY-MM-DD') as closed_through"), 'invoice_id'),
    );
    expect(closures).toEqual([{ closed_through: '2039-12-31', invoice_id: null }]);

    // Late, but the year reaches its quota exactly: nothing to bill, the events are settled.
    expect((await receive(c, 100)).periodClosed).toBe(true);
    await run('overage', '2039-12-31', '2039-12-31');
    expect(await invoicesOf(running, [c.id])).toEqual([]);
    expect(await counter(c)).toMatchObject({ closed_period_quantity: 100, settled_closed_quantity: 100 });

    // One more: the first dossier over quota, billed by an adjustment (10,000 ₫ + 10% VAT).
    await receive(c, 1);
    await run('lease', '2041-01-01', '2041-01-31');
    await run('lease', '2041-01-01', '2041-01-31');
    const all = await invoicesOf(running, [c.id]);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'adjustment', instalment: 1, total: 11_000 });
    expect(await counter(c)).toMatchObject({ closed_period_quantity: 101, settled_closed_quantity: 101 });
  });
});
