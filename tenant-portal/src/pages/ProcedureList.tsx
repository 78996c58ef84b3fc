import { Link } from 'react-router';
import { fmtMoney } from '../format';
import { useI18n } from '../i18n';
import type { PublicProcedure } from '../model';

/** Search results and a unit's procedures: name, unit, field, level, time, fee. */
export function ProcedureList({ rows }: { rows: PublicProcedure[] }) {
  const { t, tk } = useI18n();
  return (
    <ul className="card-list">
      {rows.map((p) => (
        <li key={p.id} className="card">
          <h3 className="card-title">
            <Link to={`/thu-tuc/${p.id}`}>{p.name}</Link>
          </h3>
          <p className="muted small">
            {p.nationalCode} · {p.unit.name}
          </p>
          <ul className="tags">
            <li>{p.field.name}</li>
            <li className={p.level >= 3 ? 'tag-online' : undefined}>{tk(`level${p.level}`)}</li>
            <li>{t('days', { n: p.processingDays })}</li>
            <li>{p.feeTotal > 0 ? fmtMoney(p.feeTotal) : t('noFee')}</li>
          </ul>
        </li>
      ))}
    </ul>
  );
}
