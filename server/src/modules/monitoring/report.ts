import type { Tx } from '../../db/transactor';
import { daysBetween } from './days';
import { addCounts, COUNT_KEYS, figuresOf, zeroCounts, type Counts, type Figures } from './figures';
import type { MonitoringQuery } from './schema';

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
}

export interface UnitFigures {
  unitId: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  own: Figures;
  /** The unit and every unit under it (tenants.parent_id), summed from their rollups. */
  withChildren: Figures;
}

export interface OfficerFigures {
  unitId: string;
  officer: string;
  name: string | null;
  received: number;
  approved: number;
  resolved: number;
  early: number;
  on_time: number;
  late: number;
  onTimeShare: number | null;
}

export interface MonitoringReport {
  from: string;
  to: string;
  units: UnitFigures[];
  officers: OfficerFigures[];
}

type SumRow = Record<string, string | number | null> & { tenant_id: string; officer: string };

/** Sums the rollup rows of the period, per unit and officer — never the raw dossiers. */
async function sums(tx: Tx, q: MonitoringQuery, unitIds: string[] | null): Promise<SumRow[]> {
  const base = tx('monitoring_days')
    .whereBetween('day', [q.from, q.to])
    .groupBy('tenant_id', 'officer')
    .select('tenant_id', 'officer', ...COUNT_KEYS.map((k) => tx.raw('sum(??)::int as ??', [k, k])));
  if (unitIds) base.whereIn('tenant_id', unitIds);
  return (await base) as SumRow[];
}

const countsOf = (r: SumRow): Counts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as Counts;

/**
 * The monitoring report. `scope` is the caller's unit (its own figures and officers), or null for
 * the platform: every unit, each also with its subtree summed up the hierarchy, so the province's
 * root units show all; `q.unitId` narrows the platform's answer to one unit and those under it.
 */
export async function monitoringReport(
  tx: Tx,
  q: MonitoringQuery,
  scope: { tenantId: string } | null,
): Promise<MonitoringReport> {
  const all = (await tx('tenants')
    .modify((b) => (scope ? b.where({ id: scope.tenantId }) : b))
    .select('id', 'code', 'name', 'kind', 'parent_id')) as UnitRow[];
  const children = new Map<string, string[]>();
  for (const u of all)
    if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
  const subtree = (id: string, seen = new Set<string>()): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    return [id, ...(children.get(id) ?? []).flatMap((c) => subtree(c, seen))];
  };
  const selected = q.unitId
    ? subtree(q.unitId).filter((id) => all.some((u) => u.id === id))
    : all.map((u) => u.id);
  const rows = await sums(tx, q, scope ? [scope.tenantId] : q.unitId ? selected : null);

  const own = new Map<string, Counts>();
  const desk = new Map<string, number>();
  for (const r of rows) {
    if (r.officer === '') own.set(r.tenant_id, countsOf(r));
    else if (Number(r.received) > 0) desk.set(r.tenant_id, (desk.get(r.tenant_id) ?? 0) + 1);
  }
  const days = daysBetween(q.from, q.to);
  const byId = new Map(all.map((u) => [u.id, u]));
  const units = selected.map((id): UnitFigures => {
    const u = byId.get(id)!;
    const tree = subtree(id);
    const sum = tree.reduce((acc, t) => addCounts(acc, own.get(t) ?? zeroCounts()), zeroCounts());
    const deskAll = tree.reduce((acc, t) => acc + (desk.get(t) ?? 0), 0);
    return {
      unitId: id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: u.parent_id,
      own: figuresOf(own.get(id) ?? zeroCounts(), days, desk.get(id) ?? 0),
      withChildren: figuresOf(sum, days, deskAll),
    };
  });

  // Officers only for one unit's view (the unit's own, or the platform narrowed to one unit).
  const officerUnit = scope?.tenantId ?? (q.unitId && selected.length ? q.unitId : null);
  const officerRows = officerUnit ? rows.filter((r) => r.tenant_id === officerUnit && r.officer !== '') : [];
  const staffIds = officerRows
    .map((r) => r.officer.split(':'))
    .filter(([k]) => k === 'staff')
    .map(([, id]) => id!);
  const names = new Map(
    (
      (staffIds.length ? await tx('staff_users').whereIn('id', staffIds).select('id', 'full_name') : []) as {
        id: string;
        full_name: string;
      }[]
    ).map((s) => [`staff:${s.id}`, s.full_name]),
  );
  const officers = officerRows.map((r): OfficerFigures => {
    const c = countsOf(r);
    return {
      unitId: r.tenant_id,
      officer: r.officer,
      name: names.get(r.officer) ?? null,
      received: c.received,
      approved: c.approved,
      resolved: c.resolved,
      early: c.early,
      on_time: c.on_time,
      late: c.late,
      onTimeShare: c.resolved > 0 ? Math.round(((c.early + c.on_time) / c.resolved) * 10_000) / 10_000 : null,
    };
  });
  return { from: q.from, to: q.to, units, officers };
}
