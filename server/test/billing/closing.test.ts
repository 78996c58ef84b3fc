import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveInvoice,
  billChunk,
  voidInvoice,
  type Contract,
  type Invoice,
} from '../../../billing/src/index';
import { recordUsage, recordUsageEvents, reconcileUsage } from '../../../metering/src/index';
import type { Running } from '../../src/boot';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import { renderInvoicePdf } from '../../src/modules/invoices/pdf';
import { startTestServer } from '../support/app';
import { createBillingPlan, invoicesOf, newRun, unitWithUsage } from './fixtures';

/**
 * Every dossier of a contract year is billed exactly once, by its overage invoice or by one
 * adjustment, whenever it is recorded: before the run, between the draft and its approval, or while
 * the run and the approval are happening. The contract years are 2021, before any other test file's
 * years; other files' runs may bill this file's late usage too, so the checks add up every invoice
 * of the contract, whichever run made it.
 */
let running: Running;
let planId: string;
const now = new Date('2022-01-05T02:00:00Z');

beforeAll(async () => {
  running = await startTestServer();
  planId = (await createBillingPlan(running)).id;
});
afterAll(async () => {
  await running?.close();
});

const finance = <T>(fn: Parameters<Running['transactor']['withPlatform']>[1]) =>
  running.transactor.withPlatform({ role: 'finance', actorId: null }, fn) as Promise<T>;

/** Dossiers received on the contract's first day, recorded by the unit's software at `now`. */
const receive = (c: Contract, quantity: number) =>
  running.transactor.withTenant({ tenantId: c.tenantId, actorId: null }, async (tx) => {
    const out = await recordUsageEvents(
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
    );
    return out.items[0]!;
  });

/** One dossier received at the desk on the year's last day, as the reception transaction records it. */
const reception = (c: Contract) =>
  running.transactor.withTenant({ tenantId: c.tenantId, actorId: null }, (tx) =>
    recordUsage(
      tx,
      {
        tenantId: c.tenantId,
        metric: 'dossier.received',
        quantity: 1,
        occurredAt: new Date(`${c.lastDay}T09:00:00Z`),
        idempotencyKey: randomUUID(),
        source: 'reception',
        dossierId: null,
      },
      now,
    ),
  );

async function run(kind: 'lease' | 'overage', from: string, to: string) {
  const r = await newRun(running, kind, from, to);
  await executeInvoiceRun(running.transactor, r.id, now);
}

const yearEndRun = (c: Contract) => run('overage', c.lastDay, c.lastDay);
const nextRun = () => run('lease', '2022-01-01', '2022-01-31');

const approve = (id: string) =>
  finance<Invoice>((tx) => approveInvoice(tx, id, 'test-finance', now, renderInvoicePdf));

/** Dossiers over quota and their amount billed by the year's overage and adjustments, void ones aside. */
const billed = (c: Contract) =>
  finance<{ quantity: number; amount: number; invoices: number }>(async (tx) => {
    const row = (await tx('invoices as i')
      .join('invoice_lines as l', function () {
        this.on('l.tenant_id', 'i.tenant_id').andOn('l.invoice_id', 'i.id');
      })
      .where({ 'i.tenant_id': c.tenantId, 'i.contract_id': c.id, 'l.kind': 'overage' })
      .whereIn('i.kind', ['overage', 'adjustment'])
      .whereNot('i.status', 'void')
      .select(
        tx.raw('coalesce(sum(l.quantity), 0)::int as quantity'),
        tx.raw('coalesce(sum(l.amount), 0)::int as amount'),
        tx.raw('count(distinct i.id)::int as invoices'),
      )
      .first()) as { quantity: number; amount: number; invoices: number };
    return row;
  });

const used = (c: Contract) =>
  finance<number>(async (tx) => {
    const row = (await tx('usage_counters')
      .where({ tenant_id: c.tenantId, contract_id: c.id, metric: 'dossier.received' })
      .first()) as { quantity: string | number };
    return Number(row.quantity);
  });

describe('closing a contract year when its overage invoice is drafted', () => {
  it('bills dossiers recorded between the draft and its approval once, by the next adjustment', async () => {
    // Quota 1,000; over 1–100 at 10,000 ₫, beyond at 8,000 ₫.
    const c = await unitWithUsage(running, planId, '2021-01-01', '2021-12-31', 0);
    await receive(c, 1_050);
    await yearEndRun(c);
    const [overage] = await invoicesOf(running, [c.id]);
    expect(overage).toMatchObject({ kind: 'overage', status: 'draft' });

    // Recorded after the draft counted 1,050, before finance approves it: late.
    expect(await receive(c, 30)).toMatchObject({ recorded: true, periodClosed: true });
    await approve(overage!.id);
    await nextRun();
    await nextRun();

    const all = await invoicesOf(running, [c.id]);
    expect(all.map((i) => i.kind).sort()).toEqual(['adjustment', 'overage']);
    expect(await billed(c)).toEqual({ quantity: 80, amount: 800_000, invoices: 2 });
  });

  it('bills every dossier once when 20 receptions race the run and the approval', async () => {
    const c = await unitWithUsage(running, planId, '2021-01-01', '2021-12-31', 1_090);
    const receptions = Array.from({ length: 20 }, async (_, i) => {
      await sleep(i * 15);
      return reception(c);
    });
    const closing = (async () => {
      await sleep(60);
      await yearEndRun(c);
      const overage = (await invoicesOf(running, [c.id])).find((i) => i.kind === 'overage');
      if (overage) await approve(overage.id);
    })();
    const outcomes = await Promise.all([...receptions, closing]);
    expect(outcomes.filter((o) => o && o.recorded)).toHaveLength(20);
    await nextRun();
    await nextRun();

    const total = await used(c);
    expect(total).toBe(1_110);
    // 110 over quota: 100 at 10,000 ₫ and 10 at 8,000 ₫, however they were split between invoices.
    expect(await billed(c)).toMatchObject({ quantity: 110, amount: 1_080_000 });
    const reconciled = await finance<Awaited<ReturnType<typeof reconcileUsage>>>((tx) =>
      reconcileUsage(tx, 2021),
    );
    expect(reconciled.differences.filter((d) => d.tenantId === c.tenantId)).toEqual([]);
  });

  it('makes a reception wait for the chunk closing its year, then records it late', async () => {
    const c = await unitWithUsage(running, planId, '2021-01-01', '2021-12-31', 1_010);
    const r = await newRun(running, 'overage', c.lastDay, c.lastDay);
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let drafted!: () => void;
    const chunkDrafted = new Promise<void>((resolve) => (drafted = resolve));
    const chunk = running.transactor.withSystem(async (tx) => {
      await billChunk(tx, r, null, 10_000, now);
      drafted();
      await committing; // the chunk has counted 1,010 and closed the year, not yet committed
    });
    await chunkDrafted;
    let done = false;
    const late = reception(c).finally(() => (done = true));
    await sleep(300);
    expect(done).toBe(false); // waiting for the counter the chunk locked
    commit();
    await chunk;
    expect(await late).toMatchObject({ recorded: true, periodClosed: true });
    await nextRun();
    expect(await billed(c)).toMatchObject({ quantity: 11, amount: 110_000 });
  });

  it('bills the dossiers of a voided overage draft again, by one adjustment per void', async () => {
    const c = await unitWithUsage(running, planId, '2021-01-01', '2021-12-31', 1_020);
    await yearEndRun(c);
    const [overage] = await invoicesOf(running, [c.id]);
    await finance((tx) => voidInvoice(tx, overage!.id, 'Sai định mức', 'test-finance', now));
    expect(await billed(c)).toMatchObject({ quantity: 0, invoices: 0 });
    expect(await receive(c, 5)).toMatchObject({ periodClosed: true }); // still closed by the draft

    await yearEndRun(c); // the overage draft is not made twice (its key); the adjustment bills it all
    await nextRun();
    expect(await billed(c)).toEqual({ quantity: 25, amount: 250_000, invoices: 1 });
    const adjustment = (await invoicesOf(running, [c.id])).find((i) => i.kind === 'adjustment')!;
    expect(adjustment.instalment).toBe(1);

    await finance((tx) => voidInvoice(tx, adjustment.id, 'Lập lại', 'test-finance', now));
    await nextRun();
    await nextRun();
    expect(await billed(c)).toEqual({ quantity: 25, amount: 250_000, invoices: 1 });
    expect(
      (await invoicesOf(running, [c.id])).map((i) => `${i.kind}/${i.instalment}/${i.status}`).sort(),
    ).toEqual(['adjustment/1/void', 'adjustment/2/draft', 'overage/1/void']);
  });
});
