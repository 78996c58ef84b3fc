import { Link } from 'react-router';
import { getJson } from '../api';
import { fmtDate, fmtMoney } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { DossierSummary, PublicProcedure } from '../model';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

/** The procedure names of a citizen's dossiers (the dossier carries only the id), read once each. */
async function namesOf(ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  const pairs = await Promise.all(
    unique.map((id) =>
      getJson<PublicProcedure>(`/public/procedures/${id}`).then(
        (p) => [id, p.name] as const,
        () => [id, ''] as const,
      ),
    ),
  );
  return Object.fromEntries(pairs);
}

/** /ho-so-cua-toi — the signed-in citizen's dossiers. */
export default function MyDossiers() {
  const { t, tk } = useI18n();
  const { me, loading } = useSession();
  const list = useLoad(async () => {
    if (!me) return null;
    const rows = await getJson<DossierSummary[]>('/my/dossiers');
    return { rows, names: await namesOf(rows.map((r) => r.procedureId)) };
  }, [me?.id]);
  if (loading) return <Status loading />;
  if (!me) return <p className="alert">{t('signInNeeded')}</p>;
  return (
    <>
      <h1>{t('navMine')}</h1>
      <Status error={list.error} loading={list.loading && !list.data} />
      {list.data?.rows.length === 0 && <p>{t('noDossiers')}</p>}
      <ul className="card-list">
        {list.data?.rows.map((d) => (
          <li key={d.id} className="card">
            <h2 className="card-title h3">
              <Link to={`/ho-so-cua-toi/${d.id}`}>{list.data?.names[d.procedureId] || d.code || d.id}</Link>
            </h2>
            <p className="muted small">
              {t('dossierCode')}: {d.code ?? '—'} · {t('submittedAt')}: {fmtDate(d.submittedAt)}
            </p>
            <ul className="tags">
              <li className={`status status-${d.status}`}>{tk(`status_${d.status}`)}</li>
              {d.dueAt && (
                <li>
                  {t('dueAt')}: {fmtDate(d.dueAt)}
                </li>
              )}
              {d.fee.total > 0 && (
                <li>
                  {fmtMoney(d.fee.total)} – {tk(`fee_${d.fee.status}`)}
                </li>
              )}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
