import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import type { ListParams } from '../../http/list-params';
import { fetchPage } from '../../http/list-params';
import { COUNT_KEYS, figuresOf, zeroCounts, type Counts } from '../monitoring/figures';
import { TENANT_KINDS } from '../tenancy/schema';

/** The portal's directory of units and each unit's public performance (seed 003), in the public context. */
export const publicUnitFilter = z
  .object({
    q: z.string().trim().max(200).optional(),
    kind: z.enum(TENANT_KINDS).optional(),
  })
  .strict();
export type PublicUnitFilter = z.infer<typeof publicUnitFilter>;
export const publicUnitSortable = ['name', 'code', 'id'] as const;

export const publicUnitOutput = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(TENANT_KINDS),
});

const share = z.number().nullable();
export const publicUnitDetailOutput = publicUnitOutput.extend({
  procedures: z.number().int(),
  performance: z.object({
    from: z.string(),
    to: z.string(),
    received: z.number().int(),
    resolved: z.number().int(),
    onTimeShare: share,
    onlineShare: share,
    rated: z.number().int(),
    satisfactionShare: share,
  }),
});

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: (typeof TENANT_KINDS)[number];
}

/** Open units (active), by name; `q` ignores diacritics like the catalog. */
export function listPublicUnits(tx: Tx, params: ListParams<PublicUnitFilter>) {
  const f = params.filter;
  const base = tx('tenants').select('id', 'code', 'name', 'kind').where({ status: 'active' });
  if (f.kind) base.where({ kind: f.kind });
  if (f.q)
    base.whereRaw(
      `(search_key(name) like '%' || replace(replace(replace(search_key(?), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' or code = ?)`,
      [f.q, f.q],
    );
  return fetchPage<UnitRow>(base, params, (k) => k);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** One open unit, its number of published procedures and its figures over the last 365 days. */
export async function getPublicUnit(tx: Tx, idOrCode: string, now: Date) {
  const isId = /^[0-9a-f-]{36}$/i.test(idOrCode);
  const unit = (await tx('tenants')
    .where({ status: 'active', ...(isId ? { id: idOrCode } : { code: idOrCode }) })
    .first('id', 'code', 'name', 'kind')) as UnitRow | undefined;
  if (!unit) throw notFound({ vi: 'Không tìm thấy đơn vị', en: 'Unit not found' });
  const to = isoDay(now);
  const from = isoDay(new Date(now.getTime() - 364 * 86_400_000));
  const [{ n }] = (await tx('procedures')
    .where({ tenant_id: unit.id, status: 'published' })
    .count({ n: '*' })) as [{ n: string | number }];
  const sums = (await tx('monitoring_days')
    .where({ tenant_id: unit.id, officer: '' })
    .whereBetween('day', [from, to])
    .first(COUNT_KEYS.map((k) => tx.raw('coalesce(sum(??), 0)::int as ??', [k, k])))) as
    Record<string, number> | undefined;
  const counts = { ...zeroCounts(), ...sums } as Counts;
  const fig = figuresOf(counts, 365, 0);
  return {
    ...unit,
    procedures: Number(n),
    performance: {
      from,
      to,
      received: fig.received,
      resolved: fig.resolved,
      onTimeShare: fig.onTimeShare,
      onlineShare: fig.onlineShare,
      rated: fig.rated,
      satisfactionShare: fig.satisfactionShare,
    },
  };
}
