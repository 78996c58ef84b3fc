import type { Tx } from '../../db/transactor';

/** Seed 004's deadlines by the backlog of still-valid results to digitize. */
export function deadlineFor(backlog: number): string {
  if (backlog < 20_000) return '2022-12-31';
  if (backlog <= 50_000) return '2023-12-31';
  if (backlog <= 100_000) return '2024-12-31';
  return '2025-06-30';
}

export async function setTarget(tx: Tx, tenantId: string, backlog: number, by: string, now: Date) {
  await tx('digitization_targets')
    .insert({ tenant_id: tenantId, backlog, deadline: deadlineFor(backlog), updated_by: by, updated_at: now })
    .onConflict('tenant_id')
    .merge(['backlog', 'deadline', 'updated_by', 'updated_at']);
  return digitizationProgress(tx, tenantId);
}

/** The unit's progress against its target: results digitized so far / the backlog it declared. */
export async function digitizationProgress(tx: Tx, tenantId: string) {
  const t = (await tx('digitization_targets')
    .where({ tenant_id: tenantId })
    .first(tx.raw('backlog, deadline::text as deadline'))) as
    { backlog: number; deadline: string } | undefined;
  const n = (await tx('results')
    .where({ tenant_id: tenantId, source: 'digitized' })
    .count({ n: '*' })
    .first()) as { n: string };
  const digitized = Number(n.n);
  return {
    backlog: t?.backlog ?? null,
    deadline: t?.deadline ?? null,
    digitized,
    percent: t && t.backlog > 0 ? Math.min(100, Math.floor((digitized / t.backlog) * 1000) / 10) : null,
  };
}

/** Every unit's progress (platform view): units with a target or with digitized results. */
export async function digitizationProgressAll(tx: Tx) {
  const rows = (await tx('tenants as u')
    .leftJoin('digitization_targets as t', 't.tenant_id', 'u.id')
    .leftJoin(
      tx('results')
        .where({ source: 'digitized' })
        .groupBy('tenant_id')
        .select('tenant_id', tx.raw('count(*)::int as n'))
        .as('r'),
      'r.tenant_id',
      'u.id',
    )
    .where((q) => q.whereNotNull('t.tenant_id').orWhereNotNull('r.tenant_id'))
    .orderBy('u.code')
    .select('u.id', 'u.code', 'u.name', 't.backlog', tx.raw('t.deadline::text as deadline'), 'r.n')) as {
    id: string;
    code: string;
    name: string;
    backlog: number | null;
    deadline: string | null;
    n: number | null;
  }[];
  return rows.map((r) => ({
    unitId: r.id,
    code: r.code,
    name: r.name,
    backlog: r.backlog,
    deadline: r.deadline,
    digitized: r.n ?? 0,
    percent: r.backlog ? Math.min(100, Math.floor(((r.n ?? 0) / r.backlog) * 1000) / 10) : null,
  }));
}
