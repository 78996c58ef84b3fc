import type { Knex } from 'knex';
import type { LateUsage } from './adjustment-draft';

type Tx = Knex.Transaction;

/**
 * Late usage an adjustment accounted for: the counter's settled mark moves from `from` to `to`, and
 * its count of void overage and adjustment invoices already re-billed from `voidsFrom` to `voidsTo`.
 */
export interface Settlement {
  tenantId: string;
  contractId: string;
  from: number;
  to: number;
  voidsFrom: number;
  voidsTo: number;
}

/** A contract year the year-end run closes: with its overage draft, or without one (within quota). */
export interface Closure {
  tenantId: string;
  contractId: string;
  through: string;
}

/** What the overage and adjustment invoices of these contract years already billed. */
export async function billedOverage(
  tx: Tx,
  keys: { tenantId: string; contractId: string }[],
): Promise<Map<string, Omit<LateUsage, 'used'>>> {
  if (keys.length === 0) return new Map();
  const rows = (await tx('invoices as i')
    .leftJoin('invoice_lines as l', function () {
      this.on('l.tenant_id', 'i.tenant_id').andOn('l.invoice_id', 'i.id');
    })
    .whereIn(
      ['i.tenant_id', 'i.contract_id'],
      keys.map((k) => [k.tenantId, k.contractId]),
    )
    .whereIn('i.kind', ['overage', 'adjustment'])
    .groupBy('i.contract_id')
    .select(
      'i.contract_id',
      tx.raw("coalesce(max(i.instalment) filter (where i.kind = 'adjustment'), 0)::int as last_adjustment"),
      tx.raw(
        "coalesce(sum(l.quantity) filter (where i.status <> 'void' and l.kind = 'overage'), 0)::bigint as billed_over",
      ),
      tx.raw(
        `coalesce(array_agg(distinct i.series || '-' || i.number_year || '-' || lpad(i.number::text, 7, '0'))
           filter (where i.number is not null and i.status <> 'void'), '{}') as numbers`,
      ),
    )) as { contract_id: string; last_adjustment: number; billed_over: string | number; numbers: string[] }[];
  return new Map(
    rows.map((r) => [
      r.contract_id,
      {
        lastAdjustment: r.last_adjustment,
        billedOver: Number(r.billed_over),
        billedNumbers: r.numbers.sort(),
      },
    ]),
  );
}

/**
 * Marks late usage and voided invoices settled (billed by the adjustment written in the same
 * transaction, or within quota). Only from the mark the run read: a concurrent run that moved it first wins, and this
 * one's adjustment was skipped by the unique key anyway.
 */
export async function settleLateUsage(tx: Tx, settlements: Settlement[]): Promise<void> {
  for (const s of settlements)
    await tx('usage_counters')
      .where({
        tenant_id: s.tenantId,
        contract_id: s.contractId,
        metric: 'dossier.received',
        settled_closed_quantity: s.from,
        rebilled_void_invoices: s.voidsFrom,
      })
      .update({ settled_closed_quantity: s.to, rebilled_void_invoices: s.voidsTo });
}
