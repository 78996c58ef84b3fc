import type { Knex } from 'knex';
import type { Tx } from '../../db/transactor';
import type { PublicCatalogFilter, PublicProcedure } from './schema';
import { isUuid } from '../../ids';

/**
 * The public catalog search, in the public context (Transactor.withPublic).
 *
 * At national scale every commune publishes the same names, so the catalog has ~400,000 rows but
 * only a few hundred distinct (code + name, field) texts: the search terms (migration 0120). A search
 *   1. finds the matching terms with the trigram index (substring matches first, then word
 *      similarity, which forgives a missing letter) — a few hundred rows at most;
 *   2. counts the open procedures of each matching term from one narrow index (index-only);
 *   3. works out which terms the requested page falls on, and reads only those rows.
 * The cost follows the page and the number of matching names, never the size of the catalog.
 * Within one name, units come in a stable order (by unit id).
 */
export interface CatalogPage {
  rows: PublicProcedure[];
  total: number;
  from: number;
  to: number;
}

/** Below this word similarity a term does not match; 0.6 (pg_trgm's default, set explicitly) still lets one wrong letter through ("khai snh"). */
const WORD_SIMILARITY_THRESHOLD = '0.6';

interface Scope {
  key: string | null;
  pattern: string | null;
  closed: string[];
  unitId: string | null;
  unitKnown: boolean;
}

interface Term {
  id: number;
  exact: number;
  sim: number;
  closeness: number;
  search_text: string;
}

interface PageRow {
  id: string;
  national_code: string;
  name: string;
  field_code: string;
  field_name: string;
  level: number;
  processing_days: number;
  fees: { name: string; amount: number }[];
  fee_total: number;
  result_type: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_kind: PublicProcedure['unit']['kind'];
}

/** The query's search key and LIKE pattern, the closed units, and the unit filter resolved to an id. */
async function scopeOf(tx: Tx, f: PublicCatalogFilter): Promise<Scope> {
  const q = f.q && f.q.length > 0 ? f.q : null;
  const unitById = f.unit && isUuid(f.unit) ? f.unit : null;
  const { rows } = await tx.raw<{ rows: Omit<Scope, 'unitKnown'>[] }>(
    `select k.key,
            case when k.key is null then null
                 else '%' || replace(replace(replace(k.key, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' end as pattern,
            catalog_closed_unit_ids() as closed,
            case when ?::text is null then null
                 else (select u.id from tenants u where u.status = 'active' and (u.id = ?::uuid or u.code = ?)) end
              as "unitId",
            set_config('pg_trgm.word_similarity_threshold', ?, true)
       from (select nullif(trim(search_key(?::text)), '') as key) k`,
    [f.unit ?? null, unitById, f.unit ?? null, WORD_SIMILARITY_THRESHOLD, q],
  );
  const s = rows[0]!;
  return { ...s, unitKnown: !f.unit || s.unitId !== null };
}

async function matchingTerms(tx: Tx, s: Scope, f: PublicCatalogFilter): Promise<Term[]> {
  const field = f.field ? 'and t.field_code = ?' : '';
  const fieldArg = f.field ? [f.field] : [];
  if (s.key === null) {
    const { rows } = await tx.raw<{ rows: Term[] }>(
      `select t.id, 0 as exact, 0 as sim, 0 as closeness, t.search_text from catalog_search_terms t where true ${field}`,
      fieldArg,
    );
    return rows;
  }
  // Literal key and pattern (not a join), so the planner extracts the trigrams and uses the GIN index.
  const { rows } = await tx.raw<{ rows: Term[] }>(
    `select t.id,
            case when t.search_text like ? then 2 when t.document like ? then 1 else 0 end as exact,
            word_similarity(?, t.document) as sim,
            similarity(?, t.search_text) as closeness,
            t.search_text
       from catalog_search_terms t
      where (t.document like ? or ? <% t.document) ${field}`,
    [s.pattern, s.pattern, s.key, s.key, s.pattern, s.key, ...fieldArg],
  );
  return rows;
}

/** The row filters shared by counting and paging; all of them read the index alone. */
function procedureFilters(s: Scope, f: PublicCatalogFilter): { sql: string; args: Knex.RawBinding[] } {
  const parts = [`p.status = 'published'`, `p.tenant_id <> all(?::uuid[])`];
  const args: Knex.RawBinding[] = [s.closed];
  if (f.level) {
    parts.push('p.level = ?');
    args.push(f.level);
  }
  if (f.fee) parts.push(f.fee === 'free' ? 'p.fee_total = 0' : 'p.fee_total > 0');
  if (s.unitId) {
    parts.push('p.tenant_id = ?');
    args.push(s.unitId);
  }
  if (f.unitKind) {
    parts.push(`p.tenant_id in (select u.id from tenants u where u.kind = ? and u.status = 'active')`);
    args.push(f.unitKind);
  }
  return { sql: parts.join(' and '), args };
}

const byRank = (a: Term, b: Term) =>
  b.exact - a.exact ||
  b.sim - a.sim ||
  b.closeness - a.closeness ||
  (a.search_text < b.search_text ? -1 : a.search_text > b.search_text ? 1 : 0) ||
  a.id - b.id;

export async function searchCatalog(
  tx: Tx,
  f: PublicCatalogFilter,
  range: { from: number; to: number },
): Promise<CatalogPage> {
  const empty = { rows: [], total: 0, from: range.from, to: range.from };
  const scope = await scopeOf(tx, f);
  if (!scope.unitKnown) return empty;
  const terms = (await matchingTerms(tx, scope, f)).sort(byRank);
  if (terms.length === 0) return empty;

  const filters = procedureFilters(scope, f);
  const { rows: counted } = await tx.raw<{ rows: { id: number; n: number }[] }>(
    `select p.search_term_id as id, count(*)::int as n from procedures p
      where p.search_term_id = any(?::int[]) and ${filters.sql}
      group by 1`,
    [terms.map((t) => t.id), ...filters.args],
  );
  const counts = new Map(counted.map((c) => [c.id, c.n]));

  // Which terms the page [from, to] falls on, and where in each term it starts.
  const slices: { term: number; skip: number; take: number }[] = [];
  let before = 0;
  for (const t of terms) {
    const n = counts.get(t.id) ?? 0;
    const lo = Math.max(range.from, before);
    const hi = Math.min(range.to, before + n - 1);
    if (hi >= lo) slices.push({ term: t.id, skip: lo - before, take: hi - lo + 1 });
    before += n;
  }
  const total = before;
  if (slices.length === 0) return { ...empty, total };

  const { rows } = await tx.raw<{ rows: PageRow[] }>(
    `select p.id, p.national_code, p.name, p.field_code, fld.name as field_name, p.level, p.processing_days,
            p.fees, p.fee_total, p.result_type,
            u.id as unit_id, u.code as unit_code, u.name as unit_name, u.kind as unit_kind
       from unnest(?::int[], ?::int[], ?::int[]) with ordinality as s(term, skip, take, ord)
       cross join lateral (
         select p.tenant_id from procedures p
          where p.search_term_id = s.term and ${filters.sql}
          order by p.tenant_id offset s.skip limit s.take
       ) k
       join procedures p on p.search_term_id = s.term and p.tenant_id = k.tenant_id and p.status = 'published'
       join tenants u on u.id = p.tenant_id
       join procedure_fields fld on fld.code = p.field_code
      order by s.ord, k.tenant_id`,
    [slices.map((s) => s.term), slices.map((s) => s.skip), slices.map((s) => s.take), ...filters.args],
  );
  return { rows: rows.map(toPublicProcedure), total, from: range.from, to: range.from + rows.length - 1 };
}

export function toPublicProcedure(r: PageRow): PublicProcedure {
  return {
    id: r.id,
    nationalCode: r.national_code,
    name: r.name,
    field: { code: r.field_code, name: r.field_name },
    level: r.level,
    processingDays: r.processing_days,
    fees: r.fees,
    feeTotal: Number(r.fee_total),
    resultType: r.result_type,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, kind: r.unit_kind },
  };
}

export type { PageRow as PublicProcedureRow };
