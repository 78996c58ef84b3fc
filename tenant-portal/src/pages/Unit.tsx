import { useParams } from 'react-router';
import { getJson, getList } from '../api';
import { fmtDate, fmtShare } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { PublicProcedure, PublicUnitDetail } from '../model';
import { useLoad } from '../useLoad';
import { ProcedureList } from './ProcedureList';

/** /don-vi/:id — a unit, its public performance and its procedures. */
export default function Unit() {
  const { id = '' } = useParams();
  const { t, tk } = useI18n();
  const unit = useLoad(() => getJson<PublicUnitDetail>(`/public/units/${encodeURIComponent(id)}`), [id]);
  const procs = useLoad(() => getList<PublicProcedure>('/public/procedures', { unit: id }, [0, 49]), [id]);
  if (!unit.data) return <Status error={unit.error} loading={unit.loading} />;
  const u = unit.data;
  const perf = u.performance;
  const figure = (label: string, value: string | null, note?: string) => (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <strong>{value ?? t('noFigure')}</strong>
        {note && <span className="muted small block">{note}</span>}
      </dd>
    </div>
  );
  return (
    <>
      <p className="muted small">
        {tk(`kind_${u.kind}`)} · {u.code}
      </p>
      <h1>{u.name}</h1>
      <section aria-labelledby="perf-title">
        <h2 id="perf-title">{t('performance')}</h2>
        <p className="muted small">
          {fmtDate(perf.from)} – {fmtDate(perf.to)}
        </p>
        <dl className="figures">
          {figure(t('onTime'), fmtShare(perf.onTimeShare), `${t('resolved')}: ${perf.resolved}`)}
          {figure(t('satisfaction'), fmtShare(perf.satisfactionShare), t('ratings', { n: perf.rated }))}
          {figure(t('online'), fmtShare(perf.onlineShare), `${t('received')}: ${perf.received}`)}
        </dl>
      </section>
      <section aria-labelledby="unit-procs">
        <h2 id="unit-procs">{t('unitProcedures', { n: u.procedures })}</h2>
        <Status error={procs.error} loading={procs.loading && !procs.data} />
        {procs.data && <ProcedureList rows={procs.data.rows} />}
      </section>
    </>
  );
}
