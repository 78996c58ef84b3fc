import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import { toRating, type RatingFilter, type RatingRow } from './schema';

const columns: Record<string, string> = { ratedAt: 'r.rated_at', level: 'r.level' };

/** The unit's ratings, with the dossier's code; the tenant filter is explicit (RLS is the backstop). */
export async function listRatings(tx: Tx, tenantId: string, params: ListParams<RatingFilter>) {
  const f = params.filter;
  const base = tx('dossier_ratings as r')
    .join('dossiers as d', function () {
      this.on('d.tenant_id', 'r.tenant_id').andOn('d.id', 'r.dossier_id');
    })
    .where('r.tenant_id', tenantId)
    .select('r.*', 'd.code as dossier_code');
  if (f.level) base.where('r.level', f.level);
  if (f.dossierId) base.where('r.dossier_id', f.dossierId);
  if (f.from) base.where('r.rated_at', '>=', f.from);
  if (f.to) base.where('r.rated_at', '<', f.to);
  const page = await fetchPage<RatingRow & { dossier_code: string | null }>(
    base,
    params,
    (k) => columns[k] ?? 'r.rated_at',
  );
  return {
    ...page,
    rows: page.rows.map((r) => ({ id: r.dossier_id, dossierCode: r.dossier_code, ...toRating(r) })),
  };
}
