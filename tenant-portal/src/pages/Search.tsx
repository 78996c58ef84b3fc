import { Link, useSearchParams } from 'react-router';
import { getList } from '../api';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { ProcedureField, PublicProcedure, PublicUnit } from '../model';
import { useLoad } from '../useLoad';
import { ProcedureList } from './ProcedureList';
import { SearchBox } from './SearchBox';

const PAGE = 20;
const FILTERS = ['unit', 'field', 'level', 'fee'] as const;

/** /thu-tuc?q=&unit=&field=&level=&fee=&page= — the catalog search with its filters in the URL. */
export default function Search() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const key = params.toString();
  const results = useLoad(
    () =>
      getList<PublicProcedure>('/public/procedures', { q, ...filter }, [(page - 1) * PAGE, page * PAGE - 1]),
    [key],
  );
  const fields = useLoad(() => getList<ProcedureField>('/public/procedure-fields', {}, [0, 199]), []);
  const units = useLoad(() => getList<PublicUnit>('/public/units', {}, [0, 199]), []);
  const pages = Math.max(1, Math.ceil((results.data?.total ?? 0) / PAGE));
  const go = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v);
      else p.delete(k);
    setParams(p);
  };
  const extra = FILTERS.map((k) => (params.get(k) ? `&${k}=${encodeURIComponent(params.get(k)!)}` : '')).join(
    '',
  );
  return (
    <>
      <h1>{t('navFind')}</h1>
      <SearchBox initial={q} extra={extra} key={q} />
      <div className="search-layout">
        <form
          className="filters"
          aria-labelledby="filters-title"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            go({
              ...Object.fromEntries(FILTERS.map((k) => [k, String(f.get(k) ?? '') || undefined])),
              page: undefined,
            });
          }}
        >
          <h2 id="filters-title" className="h3">
            {t('filters')}
          </h2>
          <label htmlFor="f-unit">{t('unit')}</label>
          <select
            id="f-unit"
            name="unit"
            defaultValue={filter.unit ?? ''}
            key={`u${filter.unit ?? ''}${units.data ? 1 : 0}`}
          >
            <option value="">{t('any')}</option>
            {(units.data?.rows ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <label htmlFor="f-field">{t('field')}</label>
          <select
            id="f-field"
            name="field"
            defaultValue={filter.field ?? ''}
            key={`f${filter.field ?? ''}${fields.data ? 1 : 0}`}
          >
            <option value="">{t('any')}</option>
            {(fields.data?.rows ?? []).map((f) => (
              <option key={f.code} value={f.code}>
                {lang === 'en' ? (f.nameEn ?? f.name) : f.name}
              </option>
            ))}
          </select>
          <label htmlFor="f-level">{t('level')}</label>
          <select id="f-level" name="level" defaultValue={filter.level ?? ''} key={`l${filter.level ?? ''}`}>
            <option value="">{t('any')}</option>
            {[4, 3, 2, 1].map((l) => (
              <option key={l} value={l}>
                {t(`level${l}` as 'level1')}
              </option>
            ))}
          </select>
          <label htmlFor="f-fee">{t('fee')}</label>
          <select id="f-fee" name="fee" defaultValue={filter.fee ?? ''} key={`e${filter.fee ?? ''}`}>
            <option value="">{t('any')}</option>
            <option value="free">{t('free')}</option>
            <option value="paid">{t('paid')}</option>
          </select>
          <button type="submit" className="button">
            {t('apply')}
          </button>
        </form>
        <section aria-labelledby="results-title" aria-busy={results.loading}>
          <h2 id="results-title" className="h3" aria-live="polite">
            {results.data
              ? t('results', { n: new Intl.NumberFormat('vi-VN').format(results.data.total) })
              : ''}
          </h2>
          <Status error={results.error} loading={results.loading && !results.data} />
          {results.data && results.data.rows.length === 0 && <p>{t('noResults')}</p>}
          {results.data && <ProcedureList rows={results.data.rows} />}
          {pages > 1 && (
            <nav className="pager" aria-label={t('pageOf', { p: page, n: pages })}>
              {page > 1 && <Link to={`?${withPage(params, page - 1)}`}>← {t('previous')}</Link>}
              <span>{t('pageOf', { p: page, n: pages })}</span>
              {page < pages && <Link to={`?${withPage(params, page + 1)}`}>{t('next')} →</Link>}
            </nav>
          )}
        </section>
      </div>
    </>
  );
}

function withPage(params: URLSearchParams, page: number): string {
  const p = new URLSearchParams(params);
  p.set('page', String(page));
  return p.toString();
}
