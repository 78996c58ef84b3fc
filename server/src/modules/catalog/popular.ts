import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { localDay } from '../monitoring/days';

/**
 * The procedures citizens use most across the province: dossiers received over the last 90 local
 * days (the monitoring rollup per procedure, migration 1200), summed per national procedure code —
 * every commune publishes the same procedures, and the portal links to the search by code, where
 * the citizen picks their unit. Public context: published procedures of open units only, counts only.
 */
export const POPULAR_DAYS = 90;

export const popularProcedureOutput = z.object({
  nationalCode: z.string(),
  name: z.string(),
  received: z.number().int(),
});
export type PopularProcedure = z.infer<typeof popularProcedureOutput>;

export async function listPopularProcedures(tx: Tx, now: Date, limit = 8): Promise<PopularProcedure[]> {
  const to = localDay(now);
  const from = localDay(new Date(now.getTime() - (POPULAR_DAYS - 1) * 86_400_000));
  const rows = (await tx('monitoring_procedure_days as m')
    .join('procedures as p', function () {
      this.on('p.tenant_id', 'm.tenant_id').andOn('p.id', 'm.procedure_id');
    })
    .join('tenants as t', 't.id', 'p.tenant_id')
    .where('p.status', 'published')
    .andWhere('t.status', 'active')
    .whereBetween('m.day', [from, to])
    .groupBy('p.national_code')
    .select(
      'p.national_code',
      tx.raw('mode() within group (order by p.name) as name'),
      tx.raw('sum(m.received)::int as received'),
    )
    .orderBy([
      { column: 'received', order: 'desc' },
      { column: 'p.national_code', order: 'asc' },
    ])
    .limit(limit)) as { national_code: string; name: string; received: number }[];
  return rows.map((r) => ({ nationalCode: r.national_code, name: r.name, received: r.received }));
}
