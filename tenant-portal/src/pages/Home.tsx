import { Link } from 'react-router';
import { getList } from '../api';
import { useI18n } from '../i18n';
import type { ProcedureField, PublicUnit } from '../model';
import { useLoad } from '../useLoad';
import { PopularProcedures } from './PopularProcedures';
import { SearchBox } from './SearchBox';

export default function Home() {
  const { t } = useI18n();
  const fields = useLoad(() => getList<ProcedureField>('/public/procedure-fields', {}, [0, 199]), []);
  // The departments first; a province without them (or a test) lists its other units.
  const units = useLoad(async () => {
    const departments = await getList<PublicUnit>('/public/units', { kind: 'department' }, [0, 11]);
    return departments.rows.length ? departments : getList<PublicUnit>('/public/units', {}, [0, 11]);
  }, []);
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('heroTitle')}</h1>
        <p className="lead">{t('heroLead')}</p>
        <SearchBox />
      </section>
      <section aria-labelledby="popular-title">
        <h2 id="popular-title">{t('popular')}</h2>
        <PopularProcedures />
      </section>
      <div className="two-cols">
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">{t('fields')}</h2>
          <ul className="link-list">
            {(fields.data?.rows ?? []).slice(0, 14).map((f) => (
              <li key={f.code}>
                <Link to={`/thu-tuc?field=${encodeURIComponent(f.code)}`}>{f.name}</Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="units-title">
          <h2 id="units-title">{t('units')}</h2>
          <ul className="link-list">
            {(units.data?.rows ?? []).map((u) => (
              <li key={u.id}>
                <Link to={`/don-vi/${u.id}`}>{u.name}</Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/don-vi">{t('allUnits')} →</Link>
          </p>
        </section>
      </div>
    </>
  );
}
