import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { getJson } from '../api';
import { fmtDate, fmtDateTime } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';

interface Tracked {
  code: string;
  status: string;
  procedureName: string;
  unitName: string;
  receivedAt: string | null;
  dueAt: string | null;
  returnedAt: string | null;
  timeliness: string | null;
  timeline: { at: string; action: string; status: string }[];
}

/** /tra-cuu and /tra-cuu/:code — public tracking; the QR code on the receipt slip points here. */
export default function Track() {
  const { code = '' } = useParams();
  const { t, tk } = useI18n();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  const found = useLoad(
    () => (code ? getJson<Tracked>(`/public/tracking/${encodeURIComponent(code)}`) : Promise.resolve(null)),
    [code],
  );
  return (
    <>
      <h1>{t('trackTitle')}</h1>
      <form
        className="search-box"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) void navigate(`/tra-cuu/${encodeURIComponent(input.trim())}`);
        }}
      >
        <label htmlFor="track-code" className="visually-hidden">
          {t('trackLabel')}
        </label>
        <input
          id="track-code"
          value={input}
          placeholder={t('trackLabel')}
          onChange={(e) => setInput(e.currentTarget.value)}
        />
        <button type="submit" className="button">
          {t('search')}
        </button>
      </form>
      {code && found.error != null && (
        <p className="alert alert-error" role="alert">
          {t('trackNone')}
        </p>
      )}
      {code && found.loading && <Status loading />}
      {found.data && (
        <section aria-labelledby="tracked-title">
          <h2 id="tracked-title">
            {t('dossierCode')}: <span className="code">{found.data.code}</span>
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('procedure')}</dt>
              <dd>{found.data.procedureName}</dd>
            </div>
            <div>
              <dt>{t('unit')}</dt>
              <dd>{found.data.unitName}</dd>
            </div>
            <div>
              <dt>{t('status')}</dt>
              <dd>
                <span className={`status status-${found.data.status}`}>
                  {tk(`status_${found.data.status}`)}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('dueAt')}</dt>
              <dd>{fmtDate(found.data.dueAt)}</dd>
            </div>
            {found.data.timeliness && (
              <div>
                <dt>{t('timeliness')}</dt>
                <dd>{tk(found.data.timeliness)}</dd>
              </div>
            )}
          </dl>
          <h3>{t('timeline')}</h3>
          <ol className="timeline">
            {found.data.timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{fmtDateTime(e.at)}</time> <strong>{tk(`action_${e.action}`)}</strong>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
