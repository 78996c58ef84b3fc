import type { Knex } from 'knex';
import { applyContractFilter, contractsQuery, toContract } from '../contracts/queries';
import { localDate } from '../pricing/dates';
import type { Invoice } from './schema';

type Tx = Knex.Transaction;

/** One unit's contract year as finance reviews it (and the council's table shows it). */
export interface FinanceRow {
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  contractId: string;
  planName: string;
  startDate: string;
  lastDay: string;
  quota: number;
  used: number;
  overage: number;
  leaseBilled: number;
  overageBilled: number;
  /** Adjustment invoices: late usage of the year, billed after it was closed. */
  adjustmentBilled: number;
  credited: number;
  paid: number;
  outstanding: number;
  overdue: number;
}

export type FinanceTotals = Omit<
  FinanceRow,
  'tenantId' | 'tenantCode' | 'tenantName' | 'contractId' | 'planName' | 'startDate' | 'lastDay'
>;

interface Agg {
  contract_id: string;
  lease_billed: number;
  overage_billed: number;
  adjustment_billed: number;
  credited: number;
  paid: number;
  outstanding: number;
  overdue: number;
}

/**
 * Per unit and contract year starting in `year`: usage against quota, what was billed (issued or
 * paid, net of nothing), credited, paid, outstanding (issued, not paid, less credits) and overdue
 * (outstanding past its due date on `now`'s day). Drafts and void invoices count nowhere.
 */
export async function financeSummary(
  tx: Tx,
  filter: { year: number; tenantId?: string },
  now: Date,
): Promise<{ rows: FinanceRow[]; totals: FinanceTotals }> {
  const contracts = (await applyContractFilter(
    contractsQuery(tx)
      .select(tx.raw('coalesce(u.quantity, 0)::bigint as used'))
      .leftJoin('usage_counters as u', function () {
        this.on('u.tenant_id', 'c.tenant_id')
          .andOn('u.contract_id', 'c.id')
          .andOnVal('u.metric', 'dossier.received');
      }),
    { year: filter.year, tenantId: filter.tenantId },
  ).orderBy('t.code')) as (Parameters<typeof toContract>[0] & { used: number })[];
  const today = localDate(now);
  const aggQuery = tx('invoices as i')
    .join('contracts as c', function () {
      this.on('c.tenant_id', 'i.tenant_id').andOn('c.id', 'i.contract_id');
    })
    .leftJoin(
      tx('credit_notes')
        .select('tenant_id', 'invoice_id')
        .sum({ amount: 'amount' })
        .groupBy('tenant_id', 'invoice_id')
        .as('n'),
      function () {
        this.on('n.tenant_id', 'i.tenant_id').andOn('n.invoice_id', 'i.id');
      },
    )
    .whereRaw('extract(year from c.start_date) = ?', [filter.year])
    .whereIn('i.status', ['issued', 'paid'])
    .groupBy('i.contract_id')
    .select(
      'i.contract_id',
      tx.raw("coalesce(sum(i.total) filter (where i.kind = 'lease'), 0)::bigint as lease_billed"),
      tx.raw("coalesce(sum(i.total) filter (where i.kind = 'overage'), 0)::bigint as overage_billed"),
      tx.raw("coalesce(sum(i.total) filter (where i.kind = 'adjustment'), 0)::bigint as adjustment_billed"),
      tx.raw('coalesce(sum(n.amount), 0)::bigint as credited'),
      tx.raw("coalesce(sum(i.total) filter (where i.status = 'paid'), 0)::bigint as paid"),
      tx.raw(
        "coalesce(sum(i.total - coalesce(n.amount, 0)) filter (where i.status = 'issued'), 0)::bigint as outstanding",
      ),
      tx.raw(
        "coalesce(sum(i.total - coalesce(n.amount, 0)) filter (where i.status = 'issued' and i.due_date < ?), 0)::bigint as overdue",
        [today],
      ),
    );
  if (filter.tenantId) aggQuery.where('i.tenant_id', filter.tenantId);
  const aggs = new Map(((await aggQuery) as Agg[]).map((a) => [a.contract_id, a]));
  const rows = contracts.map((r): FinanceRow => {
    const c = toContract(r);
    const a = aggs.get(c.id);
    const used = Number(r.used);
    return {
      tenantId: c.tenantId,
      tenantCode: c.tenantCode,
      tenantName: c.tenantName,
      contractId: c.id,
      planName: c.planName,
      startDate: c.startDate,
      lastDay: c.lastDay,
      quota: c.quota,
      used,
      overage: Math.max(0, used - c.quota),
      leaseBilled: a?.lease_billed ?? 0,
      overageBilled: a?.overage_billed ?? 0,
      adjustmentBilled: a?.adjustment_billed ?? 0,
      credited: a?.credited ?? 0,
      paid: a?.paid ?? 0,
      outstanding: a?.outstanding ?? 0,
      overdue: a?.overdue ?? 0,
    };
  });
  const keys = [
    'quota',
    'used',
    'overage',
    'leaseBilled',
    'overageBilled',
    'adjustmentBilled',
    'credited',
    'paid',
    'outstanding',
    'overdue',
  ] as const;
  const totals = Object.fromEntries(
    keys.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)]),
  ) as FinanceTotals;
  return { rows, totals };
}

/**
 * The usage events behind an overage line, oldest first, paginated. An overage invoice: the
 * contract year's events recorded before it was closed. An adjustment: the late ones (recorded
 * after), up to its drafting and after the year's previous adjustment.
 */
export async function usageBehindInvoice(
  tx: Tx,
  invoice: Pick<
    Invoice,
    'tenantId' | 'contractId' | 'kind' | 'instalment' | 'createdAt' | 'periodStart' | 'periodEnd'
  >,
  range: { from: number; to: number },
) {
  const base = tx('usage_events').where({
    tenant_id: invoice.tenantId,
    contract_id: invoice.contractId,
    period_closed: invoice.kind === 'adjustment',
  });
  if (invoice.kind === 'adjustment')
    base.where('recorded_at', '<=', invoice.createdAt).whereRaw(
      `recorded_at > coalesce((select max(p.created_at) from invoices p
         where p.tenant_id = ? and p.contract_id = ? and p.kind = 'adjustment' and p.instalment < ?), '-infinity')`,
      [invoice.tenantId, invoice.contractId, invoice.instalment],
    );
  const countRow = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
  const rows = (await base
    .clone()
    .select(
      'id',
      'metric',
      'quantity',
      'occurred_at',
      'idempotency_key',
      'source',
      'dossier_id',
      'recorded_at',
    )
    .orderBy('occurred_at')
    .orderBy('id')
    .offset(range.from)
    .limit(range.to - range.from + 1)) as {
    id: string;
    metric: string;
    quantity: number;
    occurred_at: Date;
    idempotency_key: string;
    source: string;
    dossier_id: string | null;
    recorded_at: Date;
  }[];
  return {
    rows: rows.map((r) => ({
      id: r.id,
      metric: r.metric,
      quantity: r.quantity,
      occurredAt: r.occurred_at.toISOString(),
      idempotencyKey: r.idempotency_key,
      source: r.source,
      dossierId: r.dossier_id,
      recordedAt: r.recorded_at.toISOString(),
    })),
    total: Number(countRow.n),
    from: range.from,
    to: range.from + Math.max(rows.length - 1, 0),
  };
}
