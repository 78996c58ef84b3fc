import type { Knex } from 'knex';
import { overagePricing } from '../pricing/schema';
import type { Plan, PlanVersion } from './schema';

type Tx = Knex.Transaction;

interface PlanRow {
  id: string;
  code: string;
  name: string;
  description: string;
  status: Plan['status'];
  created_at: Date;
  updated_at: Date;
}

export interface PlanVersionRow {
  id: string;
  plan_id: string;
  version: number;
  name: string;
  annual_fee: string | number;
  included_dossiers: string | number;
  overage: unknown;
  vat_rate_bp: number;
  vat_note: string;
  payment_terms_days: number | null;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
  created_by: string | null;
}

export function toPlanVersion(r: PlanVersionRow): PlanVersion {
  return {
    id: r.id,
    planId: r.plan_id,
    version: r.version,
    name: r.name,
    annualFee: Number(r.annual_fee),
    includedDossiers: Number(r.included_dossiers),
    // Parsed again on the way out: a stored shape the code no longer knows fails loudly here.
    overage: overagePricing.parse(r.overage),
    vatRateBp: r.vat_rate_bp,
    vatNote: r.vat_note,
    paymentTermsDays: r.payment_terms_days,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  };
}

function toPlan(r: PlanRow, versions: PlanVersion[]): Plan {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    latestVersion: versions[0] ?? null,
    versions,
  };
}

// Dates come back as 'YYYY-MM-DD' strings: contract dates are calendar days, never instants.
const versionColumns = [
  'id',
  'plan_id',
  'version',
  'name',
  'annual_fee',
  'included_dossiers',
  'overage',
  'vat_rate_bp',
  'vat_note',
  'payment_terms_days',
  'created_at',
  'created_by',
];

function selectVersions(tx: Tx) {
  return tx('plan_versions').select(
    ...versionColumns,
    tx.raw("to_char(effective_from, 'YYYY-MM-DD') as effective_from"),
    tx.raw("to_char(effective_to, 'YYYY-MM-DD') as effective_to"),
  );
}

export async function versionsOf(tx: Tx, planIds: string[]): Promise<Map<string, PlanVersion[]>> {
  const out = new Map<string, PlanVersion[]>();
  if (planIds.length === 0) return out;
  const rows = (await selectVersions(tx)
    .whereIn('plan_id', planIds)
    .orderBy('version', 'desc')) as PlanVersionRow[];
  for (const r of rows) out.set(r.plan_id, [...(out.get(r.plan_id) ?? []), toPlanVersion(r)]);
  return out;
}

export async function findPlanVersion(tx: Tx, id: string): Promise<PlanVersion | null> {
  const row = (await selectVersions(tx).where({ id }).first()) as PlanVersionRow | undefined;
  return row ? toPlanVersion(row) : null;
}

/** The version in force on a date: the newest whose effective range contains it. */
export async function planVersionInForce(tx: Tx, planId: string, date: string): Promise<PlanVersion | null> {
  const row = (await selectVersions(tx)
    .where({ plan_id: planId })
    .where('effective_from', '<=', date)
    .where((w) => w.whereNull('effective_to').orWhere('effective_to', '>', date))
    .orderBy('version', 'desc')
    .first()) as PlanVersionRow | undefined;
  return row ? toPlanVersion(row) : null;
}

export async function findPlan(tx: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<Plan | null> {
  const q = tx('plans').where({ id }).first();
  if (opts.forUpdate) q.forUpdate();
  const row = (await q) as PlanRow | undefined;
  if (!row) return null;
  return toPlan(row, (await versionsOf(tx, [row.id])).get(row.id) ?? []);
}

export async function findPlanByCode(tx: Tx, code: string): Promise<{ id: string } | null> {
  return ((await tx('plans').select('id').where({ code }).first()) as { id: string } | undefined) ?? null;
}

export interface PlanListParams {
  sort: { field: string; order: 'asc' | 'desc' };
  range: { from: number; to: number };
  filter: { q?: string; status?: Plan['status']; id?: string[] };
}

const planColumns: Record<string, string> = { createdAt: 'created_at' };

export async function listPlans(tx: Tx, p: PlanListParams) {
  const base = tx('plans');
  if (p.filter.status) base.where({ status: p.filter.status });
  if (p.filter.id) base.whereIn('id', p.filter.id);
  if (p.filter.q) {
    const like = `%${p.filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base.where((w) => w.whereILike('name', like).orWhereILike('code', like));
  }
  const [{ n }] = (await base.clone().count({ n: '*' })) as [{ n: string | number }];
  const rows = (await base
    .clone()
    .select('*')
    .orderBy(planColumns[p.sort.field] ?? p.sort.field, p.sort.order)
    .offset(p.range.from)
    .limit(p.range.to - p.range.from + 1)) as PlanRow[];
  const versions = await versionsOf(
    tx,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map((r) => toPlan(r, versions.get(r.id) ?? [])),
    total: Number(n),
    from: p.range.from,
    to: p.range.from + Math.max(rows.length - 1, 0),
  };
}

export async function insertPlan(
  tx: Tx,
  p: { code: string; name: string; description: string },
): Promise<string> {
  const [row] = (await tx('plans').insert(p).returning('id')) as { id: string }[];
  return row!.id;
}

export async function updatePlanRow(
  tx: Tx,
  id: string,
  patch: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await tx('plans')
    .where({ id })
    .update({ ...patch, updated_at: now });
}

export async function insertPlanVersion(
  tx: Tx,
  v: Omit<PlanVersion, 'id' | 'createdAt'>,
  now: Date,
): Promise<string> {
  const [row] = (await tx('plan_versions')
    .insert({
      plan_id: v.planId,
      version: v.version,
      name: v.name,
      annual_fee: v.annualFee,
      included_dossiers: v.includedDossiers,
      overage: JSON.stringify(v.overage),
      vat_rate_bp: v.vatRateBp,
      vat_note: v.vatNote,
      payment_terms_days: v.paymentTermsDays,
      effective_from: v.effectiveFrom,
      effective_to: v.effectiveTo,
      created_at: now,
      created_by: v.createdBy,
    })
    .returning('id')) as { id: string }[];
  return row!.id;
}
