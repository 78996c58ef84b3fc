import { Link } from 'react-router';
import { getJson } from '../api';
import { fmtCount } from '../format';
import { useI18n } from '../i18n';
import type { PopularProcedure } from '../model';
import { useLoad } from '../useLoad';

/**
 * Until the province has receptions to count (a new deployment) or when the count cannot be read,
 * the home offers these searches instead: seed 000's priority procedures.
 */
const FALLBACK = [
  ['Đăng ký khai sinh', 'khai sinh'],
  ['Đăng ký kết hôn', 'kết hôn'],
  ['Đăng ký thường trú', 'thường trú'],
  ['Cấp giấy phép xây dựng', 'giấy phép xây dựng'],
  ['Đăng ký hộ kinh doanh', 'hộ kinh doanh'],
  ['Chứng thực bản sao', 'chứng thực'],
] as const;

const searchFor = (q: string) => `/thu-tuc?q=${encodeURIComponent(q)}`;

/**
 * The home's most used procedures: dossiers received over the last 90 days per national code,
 * summed over the province's units; each opens the search by that code, where the citizen picks
 * their unit. Empty while loading (the prerendered home has no counts).
 */
export function PopularProcedures() {
  const { t } = useI18n();
  const popular = useLoad(() => getJson<PopularProcedure[]>('/public/popular-procedures'), []);
  const rows = popular.data ?? [];
  const fallback = !popular.loading && rows.length === 0;
  return (
    <ul className="chips popular" aria-busy={popular.loading}>
      {rows.map((p) => (
        <li key={p.nationalCode}>
          <Link to={searchFor(p.nationalCode)}>
            {p.name} <span className="chip-note">{t('popularReceived', { n: fmtCount(p.received) })}</span>
          </Link>
        </li>
      ))}
      {fallback &&
        FALLBACK.map(([name, q]) => (
          <li key={q}>
            <Link to={searchFor(q)}>{name}</Link>
          </li>
        ))}
    </ul>
  );
}
