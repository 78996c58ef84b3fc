import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { BillingError } from '../errors';
import { localDate } from '../pricing/dates';
import {
  formatInvoiceNumber,
  SERIES,
  type Invoice,
  type InvoiceDraft,
  type InvoiceFilter,
  type InvoiceLine,
  type InvoiceStatus,
} from './schema';
import type { Closure } from './adjustments';
import { invoiceActions } from './transitions';

type Tx = Knex.Transaction;

interface InvoiceRow {
  id: string;
  tenant_id: string;
  tenant_code: string;
  tenant_name: string;
  contract_id: string;
  plan_version_id: string;
  kind: Invoice['kind'];
  instalment: number;
  instalments: number;
  status: InvoiceStatus;
  series: string;
  number_year: number | null;
  number: number | null;
  period_start: string;
  period_end: string;
  subtotal: number;
  vat_rate_bp: number;
  vat_amount: number;
  total: number;
  credited: number;
  payment_terms_days: number;
  approved_at: Date | null;
  approved_by: string | null;
  issued_at: Date | null;
  due_date: string | null;
  paid_at: Date | null;
  payment_reference: string | null;
  voided_at: Date | null;
  void_reason: string | null;
  billing_run_id: string | null;
  created_at: Date;
}

export function toInvoice(r: InvoiceRow): Invoice {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    tenantCode: r.tenant_code,
    tenantName: r.tenant_name,
    contractId: r.contract_id,
    planVersionId: r.plan_version_id,
    kind: r.kind,
    instalment: r.instalment,
    instalments: r.instalments,
    status: r.status,
    number: r.number_year && r.number ? formatInvoiceNumber(r.series, r.number_year, r.number) : null,
    series: r.series,
    numberYear: r.number_year,
    sequence: r.number,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    subtotal: r.subtotal,
    vatRateBp: r.vat_rate_bp,
    vatAmount: r.vat_amount,
    total: r.total,
    credited: Number(r.credited),
    paymentTermsDays: r.payment_terms_days,
    approvedAt: r.approved_at?.toISOString() ?? null,
    approvedBy: r.approved_by,
    issuedAt: r.issued_at?.toISOString() ?? null,
    dueDate: r.due_date,
    paidAt: r.paid_at?.toISOString() ?? null,
    paymentReference: r.payment_reference,
    voidedAt: r.voided_at?.toISOString() ?? null,
    voidReason: r.void_reason,
    billingRunId: r.billing_run_id,
    createdAt: r.created_at.toISOString(),
    actions: invoiceActions(r.status),
  };
}

export function invoicesQuery(tx: Tx) {
  return tx('invoices as i')
    .join('tenants as t', 't.id', 'i.tenant_id')
    .select(
      'i.id',
      'i.tenant_id',
      't.code as tenant_code',
      't.name as tenant_name',
      'i.contract_id',
      'i.plan_version_id',
      'i.kind',
      'i.instalment',
      'i.instalments',
      'i.status',
      'i.series',
      'i.number_year',
      'i.number',
      'i.subtotal',
      'i.vat_rate_bp',
      'i.vat_amount',
      'i.total',
      'i.payment_terms_days',
      'i.approved_at',
      'i.approved_by',
      'i.issued_at',
      'i.paid_at',
      'i.payment_reference',
      'i.voided_at',
      'i.void_reason',
      'i.billing_run_id',
      'i.created_at',
      tx.raw("to_char(i.period_start, 'YYYY-MM-DD') as period_start"),
      tx.raw("to_char(i.period_end, 'YYYY-MM-DD') as period_end"),
      tx.raw("to_char(i.due_date, 'YYYY-MM-DD') as due_date"),
      tx.raw(
        '(select coalesce(sum(n.amount), 0) from credit_notes n where n.tenant_id = i.tenant_id and n.invoice_id = i.id) as credited',
      ),
    );
}

export const invoiceNotFound = () =>
  new BillingError('not_found', { vi: 'Không tìm thấy hóa đơn', en: 'Invoice not found' });

export async function findInvoice(
  tx: Tx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Invoice | null> {
  const q = invoicesQuery(tx).where('i.id', id).first();
  if (opts.forUpdate) q.forUpdate('i');
  const row = (await q) as InvoiceRow | undefined;
  return row ? toInvoice(row) : null;
}

export async function getInvoice(tx: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<Invoice> {
  const inv = await findInvoice(tx, id, opts);
  if (!inv) throw invoiceNotFound();
  return inv;
}

const sortColumn: Record<string, string> = {
  createdAt: 'i.created_at',
  periodStart: 'i.period_start',
  total: 'i.total',
  status: 'i.status',
  number: 'i.number',
  dueDate: 'i.due_date',
};

/** `now` decides what is overdue: a due date before its day in Asia/Ho_Chi_Minh. */
export function applyInvoiceFilter(q: Knex.QueryBuilder, f: InvoiceFilter, now: Date): Knex.QueryBuilder {
  if (f.tenantId) q.where('i.tenant_id', f.tenantId);
  if (f.contractId) q.where('i.contract_id', f.contractId);
  if (f.kind) q.where('i.kind', f.kind);
  if (f.status) q.where('i.status', f.status);
  if (f.billingRunId) q.where('i.billing_run_id', f.billingRunId);
  if (f.id) q.whereIn('i.id', f.id);
  if (f.year) q.whereRaw('extract(year from i.period_start) = ?', [f.year]);
  if (f.overdue !== undefined) {
    const overdue = `i.status = 'issued' and i.due_date < ?::date and i.total > (select coalesce(sum(n.amount), 0)
      from credit_notes n where n.tenant_id = i.tenant_id and n.invoice_id = i.id)`;
    q.whereRaw(f.overdue ? overdue : `not (${overdue})`, [localDate(now)]);
  }
  return q;
}

export async function listInvoices(
  tx: Tx,
  p: {
    sort: { field: string; order: 'asc' | 'desc' };
    range: { from: number; to: number };
    filter: InvoiceFilter;
  },
  now: Date,
) {
  const base = applyInvoiceFilter(invoicesQuery(tx), p.filter, now);
  const countRow = (await applyInvoiceFilter(tx('invoices as i'), p.filter, now)
    .count({ n: '*' })
    .first()) as {
    n: number | string;
  };
  const rows = (await base
    .orderBy(sortColumn[p.sort.field] ?? 'i.created_at', p.sort.order)
    .orderBy('i.id')
    .offset(p.range.from)
    .limit(p.range.to - p.range.from + 1)) as InvoiceRow[];
  return {
    rows: rows.map(toInvoice),
    total: Number(countRow.n),
    from: p.range.from,
    to: p.range.from + Math.max(rows.length - 1, 0),
  };
}

export async function invoiceLines(
  tx: Tx,
  invoice: Pick<Invoice, 'id' | 'tenantId'>,
): Promise<InvoiceLine[]> {
  const rows = (await tx('invoice_lines')
    .where({ tenant_id: invoice.tenantId, invoice_id: invoice.id })
    .orderBy('line_no')) as {
    id: string;
    invoice_id: string;
    line_no: number;
    kind: InvoiceLine['kind'];
    description_vi: string;
    description_en: string;
    quantity: number;
    unit_price: number;
    amount: number;
    tier_from: number | null;
    tier_to: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    invoiceId: r.invoice_id,
    lineNo: r.line_no,
    kind: r.kind,
    descriptionVi: r.description_vi,
    descriptionEn: r.description_en,
    quantity: r.quantity,
    unitPrice: r.unit_price,
    amount: r.amount,
    tierFrom: r.tier_from,
    tierTo: r.tier_to,
  }));
}

/**
 * A Postgres array literal of values that need no quoting (uuids, ISO dates): pg's own array
 * serializer escapes every element, which cost the run's Node process ~30 ms per 10,000 contracts.
 */
export const plainArray = (values: readonly string[]): string => `{${values.join(',')}}`;

/**
 * Writes drafts with their lines in the caller's transaction, in ONE statement: the invoices are
 * inserted from a JSON recordset and their lines kept for the rows actually inserted. A draft that
 * already has its invoice (same unit, contract, kind and instalment) is skipped by the unique key —
 * its lines too: this is what makes a run idempotent. Returns how many invoices were created.
 *
 * The same statement closes the contract years an overage run drafted (or found within quota):
 * usage recorded for them from now on is late and goes to an adjustment. Their counters are locked
 * (run.ts lockYearCounters), so no event is recorded between the draft's count and the closure.
 *
 * Plain json, not jsonb: the recordset is read once, so building a jsonb tree first only costs.
 * created_at is the run's clock: an adjustment's drill-down compares it with usage recorded_at.
 */
export async function insertDrafts(
  tx: Tx,
  drafts: InvoiceDraft[],
  runId: string | null,
  now: Date,
  closures: readonly Closure[] = [],
): Promise<number> {
  if (drafts.length === 0 && closures.length === 0) return 0;
  // Ids are chosen here so each line knows its invoice; a draft skipped by the key drops its lines.
  const ids = drafts.map(() => randomUUID());
  const invoices = drafts.map((d, i) => ({
    id: ids[i],
    tenant_id: d.tenantId,
    contract_id: d.contractId,
    plan_version_id: d.planVersionId,
    kind: d.kind,
    instalment: d.instalment,
    instalments: d.instalments,
    period_start: d.periodStart,
    period_end: d.periodEnd,
    subtotal: d.subtotal,
    vat_rate_bp: d.vatRateBp,
    vat_amount: d.vatAmount,
    total: d.total,
    payment_terms_days: d.paymentTermsDays,
    series: SERIES[d.kind],
  }));
  // A line takes its unit from its invoice row.
  const lines = drafts.flatMap((d, i) =>
    d.lines.map((l) => ({
      invoice_id: ids[i],
      line_no: l.lineNo,
      kind: l.kind,
      description_vi: l.descriptionVi,
      description_en: l.descriptionEn,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      amount: l.amount,
      tier_from: l.tierFrom,
      tier_to: l.tierTo,
    })),
  );
  const { rows } = (await tx.raw(
    `with ins as (
       insert into invoices (id, tenant_id, contract_id, plan_version_id, kind, instalment, instalments,
         period_start, period_end, subtotal, vat_rate_bp, vat_amount, total, payment_terms_days, series,
         billing_run_id, created_at)
       select d.*, ?::uuid, ?::timestamptz from json_to_recordset(?::json) as d(
         id uuid, tenant_id uuid, contract_id uuid, plan_version_id uuid, kind text, instalment smallint,
         instalments smallint, period_start date, period_end date, subtotal bigint, vat_rate_bp integer,
         vat_amount bigint, total bigint, payment_terms_days integer, series text)
       on conflict on constraint invoices_one_per_instalment do nothing
       returning tenant_id, id
     ),
     lines as (
       insert into invoice_lines (tenant_id, invoice_id, line_no, kind, description_vi, description_en,
         quantity, unit_price, amount, tier_from, tier_to)
       select ins.tenant_id, l.* from json_to_recordset(?::json) as l(
         invoice_id uuid, line_no smallint, kind text, description_vi text, description_en text,
         quantity bigint, unit_price bigint, amount bigint, tier_from bigint, tier_to bigint)
       join ins on ins.id = l.invoice_id
     ),
     closed as (
       insert into usage_period_closures (tenant_id, contract_id, closed_through, closed_at, closed_by)
       select c.tenant_id, c.contract_id, c.through, ?::timestamptz, 'invoice-run'
       from unnest(?::uuid[], ?::uuid[], ?::date[]) as c(tenant_id, contract_id, through)
       on conflict (tenant_id, contract_id, closed_through) do nothing
     )
     select count(*)::int as created from ins`,
    [
      runId,
      now,
      JSON.stringify(invoices),
      JSON.stringify(lines),
      now,
      plainArray(closures.map((c) => c.tenantId)),
      plainArray(closures.map((c) => c.contractId)),
      plainArray(closures.map((c) => c.through)),
    ],
  )) as { rows: { created: number }[] };
  return rows[0]!.created;
}
