import { Link } from 'react-router';
import { getJson } from '../api';
import { sizeText } from '../form-renderer/FileUpload';
import { fmtDate } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { StoredDocument } from '../model';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

/** /kho-du-lieu — the papers and results the personal data store holds; reused from the form's attachment slots. */
export default function DataStore() {
  const { t, tk } = useI18n();
  const { me, loading } = useSession();
  const docs = useLoad(
    () => (me ? getJson<StoredDocument[]>('/my/documents') : Promise.resolve([])),
    [me?.id],
  );
  if (loading) return <Status loading />;
  if (!me) return <p className="alert">{t('signInNeeded')}</p>;
  return (
    <>
      <h1>{t('storeTitle')}</h1>
      <p className="lead">{t('storeLead')}</p>
      <Status error={docs.error} loading={docs.loading && !docs.data} />
      {docs.data?.length === 0 && <p>{t('storeEmpty')}</p>}
      <ul className="card-list">
        {docs.data?.map((d) => (
          <li key={d.id} className="card">
            <h2 className="card-title h3">{d.name}</h2>
            <p className="muted small">
              {tk(`kind_${d.kind}`)} · {sizeText(d.size)} · {t('addedAt')}: {fmtDate(d.createdAt)}
            </p>
            {d.kind === 'result' && d.dossierId && (
              <div className="actions">
                <a
                  className="button button-small"
                  href={`/api/v1/my/dossiers/${d.dossierId}/result`}
                  download
                >
                  {t('downloadResult')}
                </a>
                <Link to={`/ho-so-cua-toi/${d.dossierId}`}>{t('viewDossier')}</Link>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
