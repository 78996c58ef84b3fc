import { useState } from 'react';
import { Link } from 'react-router';
import { getList } from '../api';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { PublicUnit } from '../model';
import { useLoad } from '../useLoad';

/** /don-vi — the province's units, searchable without diacritics. */
export default function Units() {
  const { t, tk } = useI18n();
  const [q, setQ] = useState('');
  const units = useLoad(() => getList<PublicUnit>('/public/units', { q }, [0, 199]), [q]);
  return (
    <>
      <h1>{t('units')}</h1>
      <div className="field-row">
        <label htmlFor="unit-q">{t('findUnit')}</label>
        <input id="unit-q" type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </div>
      <Status error={units.error} loading={units.loading && !units.data} />
      <ul className="link-list columns">
        {(units.data?.rows ?? []).map((u) => (
          <li key={u.id}>
            <Link to={`/don-vi/${u.id}`}>{u.name}</Link>{' '}
            <span className="muted small">{tk(`kind_${u.kind}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
