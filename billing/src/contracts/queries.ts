import type { Knex } from 'knex';
import type { IsoDate } from '../pricing/dates';
import type { Contract, ContractFilter, ContractStatus } from './schema';
import { DEFAULT_PAYMENT_TERMS_DAYS } from '../invoices/schema';
import { contractTerms } from './terms';

type Tx = Knex.Transaction;

interface ContractRow {
  id: string;
  tenant_id: string;
  tenant_code: string;
  tenant_name: string;
  plan_id: string;
  plan_code: string;
  plan_version_id: string;
  plan_version: number;
  plan_name: string;
  annual_fee: number;
  included_dossiers: number;
  vat_rate_bp: number;
  start_date: string;
  end_date: string;
  ended_on: string | null;
  status: ContractStatus;
  status_reason: string | null;
  quota_override: number | null;
  price_override: number | null;
  override_approved_by: string | null;
  override_approved_at: Date | null;
  instalments: number;
  payment_terms_days: number | null;
  plan_payment_terms_days: number | null;
  renewed_from: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toContract(r: ContractRow): Contract {
  const terms = contractTerms({
    startDate: r.start_date,
    endDate: r.end_date,
    endedOn: r.ended_on,
    includedDossiers: r.included_dossiers,
    annualFee: r.annual_fee,
    quotaOverride: r.quota_override,
    priceOverride: r.price_override,
    overrideApproved: r.override_approved_by !== null,
    instalments: r.instalments,
  });
  return {
    id: r.id,
    tenantId: r.tenant_id,
    tenantCode: r.tenant_code,
    tenantName: r.tenant_name,
    planId: r.plan_id,
    planCode: r.plan_code,
    planVersionId: r.plan_version_id,
    planVersion: r.plan_version,
    planName: r.plan_name,
    startDate: r.start_date,
    endDate: r.end_date,
    endedOn: r.ended_on,
    lastDay: terms.lastDay,
    status: r.status,
    statusReason: r.status_reason,
    quotaOverride: r.quota_override,
    priceOverride: r.price_override,
    overrideApprovedBy: r.override_approved_by,
    overrideApprovedAt: r.override_approved_at?.toISOString() ?? null,
    instalments: r.instalments,
    paymentTermsDays: r.payment_terms_days,
    effectivePaymentTermsDays:
      r.payment_terms_days ?? r.plan_payment_terms_days ?? DEFAULT_PAYMENT_TERMS_DAYS,
    renewedFrom: r.renewed_from,
    contractDays: terms.contractDays,
    activeDays: terms.activeDays,
    quota: terms.quota,
    leaseFee: terms.leaseFee,
    leaseInstalments: terms.leaseInstalments,
    vatRateBp: r.vat_rate_bp,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Contracts with their unit and plan version; dates as 'YYYY-MM-DD' (calendar days, not instants). */
export function contractsQuery(tx: Tx) {
  return tx('contracts as c')
    .join('tenants as t', 't.id', 'c.tenant_id')
    .join('plan_versions as v', 'v.id', 'c.plan_version_id')
    .join('plans as p', 'p.id', 'v.plan_id')
    .select(
      'c.id',
      'c.tenant_id',
      't.code as tenant_code',
      't.name as tenant_name',
      'p.id as plan_id',
      'p.code as plan_code',
      'c.plan_version_id',
      'v.version as plan_version',
      'v.name as plan_name',
      'v.annual_fee',
      'v.included_dossiers',
      'v.vat_rate_bp',
      'c.status',
      'c.status_reason',
      'c.quota_override',
      'c.price_override',
      'c.override_approved_by',
      'c.override_approved_at',
      'c.instalments',
      'c.payment_terms_days',
      'v.payment_terms_days as plan_payment_terms_days',
      'c.renewed_from',
      'c.created_at',
      'c.updated_at',
      tx.raw("to_char(c.start_date, 'YYYY-MM-DD') as start_date"),
      tx.raw("to_char(c.end_date, 'YYYY-MM-DD') as end_date"),
      tx.raw("to_char(c.ended_on, 'YYYY-MM-DD') as ended_on"),
    );
}

export async function findContract(
  tx: Tx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Contract | null> {
  const q = contractsQuery(tx).where('c.id', id).first();
  if (opts.forUpdate) q.forUpdate('c');
  const row = (await q) as ContractRow | undefined;
  return row ? toContract(row) : null;
}

/** The unit's contracts whose covered days (start … last day) include the date, newest first. */
export async function contractsCovering(tx: Tx, tenantId: string, date: IsoDate): Promise<Contract[]> {
  const rows = (await contractsQuery(tx)
    .where('c.tenant_id', tenantId)
    .where('c.start_date', '<=', date)
    .whereRaw('coalesce(c.ended_on, c.end_date) >= ?', [date])
    .orderBy('c.start_date', 'desc')) as ContractRow[];
  return rows.map(toContract);
}

/** Every contract of a unit, oldest first: callers pick the one covering each event's date in memory. */
export async function contractsOfTenant(tx: Tx, tenantId: string): Promise<Contract[]> {
  const rows = (await contractsQuery(tx)
    .where('c.tenant_id', tenantId)
    .orderBy('c.start_date', 'asc')) as ContractRow[];
  return rows.map(toContract);
}

/**
 * A unit's own status and every contract of it (oldest first), in one statement: what a reception
 * checks and meters against. A unit with no contract costs a second read, for its status.
 */
export async function unitWithContracts(
  tx: Tx,
  tenantId: string,
): Promise<{ unit: { status: string; statusReason: string | null } | null; contracts: Contract[] }> {
  const rows = (await contractsQuery(tx)
    .select('t.status as tenant_status', 't.status_reason as tenant_status_reason')
    .where('c.tenant_id', tenantId)
    .orderBy('c.start_date', 'asc')) as (ContractRow & {
    tenant_status: string;
    tenant_status_reason: string | null;
  })[];
  const first = rows[0];
  if (first)
    return {
      unit: { status: first.tenant_status, statusReason: first.tenant_status_reason },
      contracts: rows.map(toContract),
    };
  const unit = (await tx('tenants').select('status', 'status_reason').where({ id: tenantId }).first()) as
    { status: string; status_reason: string | null } | undefined;
  return { unit: unit ? { status: unit.status, statusReason: unit.status_reason } : null, contracts: [] };
}

/** Another contract of the unit whose covered days overlap first … last. */
export async function overlappingContract(
  tx: Tx,
  tenantId: string,
  first: IsoDate,
  last: IsoDate,
  exceptId: string | null,
): Promise<{ id: string } | null> {
  const q = tx('contracts')
    .select('id')
    .where({ tenant_id: tenantId })
    .where('start_date', '<=', last)
    .whereRaw('coalesce(ended_on, end_date) >= ?', [first])
    // An ended-before-it-started contract covers no day.
    .whereRaw('coalesce(ended_on, end_date) >= start_date')
    .first();
  if (exceptId) q.whereNot({ id: exceptId });
  return ((await q) as { id: string } | undefined) ?? null;
}

export interface ContractListParams {
  sort: { field: string; order: 'asc' | 'desc' };
  range: { from: number; to: number };
  filter: ContractFilter;
}

const sortColumn: Record<string, string> = {
  startDate: 'c.start_date',
  endDate: 'c.end_date',
  status: 'c.status',
  createdAt: 'c.created_at',
  tenantId: 't.code',
};

export function applyContractFilter(q: Knex.QueryBuilder, f: ContractFilter): Knex.QueryBuilder {
  if (f.tenantId) q.where('c.tenant_id', f.tenantId);
  if (f.status) q.where('c.status', f.status);
  if (f.planId) q.where('v.plan_id', f.planId);
  if (f.id) q.whereIn('c.id', f.id);
  if (f.year) q.whereRaw('extract(year from c.start_date) = ?', [f.year]);
  if (f.activeOn)
    q.where('c.start_date', '<=', f.activeOn).whereRaw('coalesce(c.ended_on, c.end_date) >= ?', [f.activeOn]);
  return q;
}

export async function listContracts(tx: Tx, p: ContractListParams) {
  const base = applyContractFilter(contractsQuery(tx), p.filter);
  const countRow = (await base.clone().clearSelect().count({ n: '*' }).first()) as { n: number | string };
  const rows = (await base
    .clone()
    .orderBy(sortColumn[p.sort.field] ?? 'c.start_date', p.sort.order)
    .orderBy('c.id')
    .offset(p.range.from)
    .limit(p.range.to - p.range.from + 1)) as ContractRow[];
  return {
    rows: rows.map(toContract),
    total: Number(countRow.n),
    from: p.range.from,
    to: p.range.from + Math.max(rows.length - 1, 0),
  };
}
