import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { getJson, signInUrl } from '../api';
import { fmtMoney } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { PublicProcedureDetail } from '../model';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

const arrived = new Map<string, PublicProcedureDetail>();

/**
 * Hands the page a procedure already read — sent inside the page by the server (main.tsx) or given
 * to the server's own render (prerender.tsx): the first render has the content, no loading line.
 * Returns the way to take it back (the server renders many pages in one process).
 */
export function procedureAtHand(d: PublicProcedureDetail): () => void {
  arrived.set(d.id, d);
  return () => void arrived.delete(d.id);
}

/**
 * Reads the procedure the page was opened on before React starts, when the server did not send it
 * with the page (main.tsx waits for it): the server asks the browser to preload the same URL with
 * the page, so the answer is usually there already. Resolves when it arrived or failed (the page
 * then asks again and shows the error).
 */
export function prefetchProcedure(pathname: string): Promise<void> {
  const id = /^\/thu-tuc\/([0-9a-f-]{36})\/?$/.exec(pathname)?.[1];
  if (!id || arrived.has(id)) return Promise.resolve();
  return getJson<PublicProcedureDetail>(`/public/procedures/${id}`).then(
    (d) => void procedureAtHand(d),
    () => undefined,
  );
}

/** /thu-tuc/:id — what the procedure is, who decides, time, fees, papers, level, and the online form button. */
export default function Procedure() {
  const { id = '' } = useParams();
  const { t, tk } = useI18n();
  const { me } = useSession();
  const p = useLoad(
    () => getJson<PublicProcedureDetail>(`/public/procedures/${encodeURIComponent(id)}`),
    [id],
    arrived.get(id),
  );
  // Used once: coming back to the page later reads it afresh.
  useEffect(() => void arrived.delete(id), [id]);
  if (!p.data) return <Status error={p.error} loading={p.loading} />;
  const d = p.data;
  const fillPath = `/thu-tuc/${d.id}/nop-ho-so`;
  return (
    <article className="procedure">
      <p className="muted small">
        <Link to={`/thu-tuc?field=${encodeURIComponent(d.field.code)}`}>{d.field.name}</Link> ·{' '}
        {d.nationalCode}
      </p>
      <h1>{d.name}</h1>
      <div className="cta">
        {d.form ? (
          me ? (
            <Link className="button button-primary" to={fillPath}>
              {t('applyOnline')}
            </Link>
          ) : (
            <a className="button button-primary" href={signInUrl(fillPath)}>
              {t('signInToApply')}
            </a>
          )
        ) : (
          <p className="muted">{t('noOnlineForm')}</p>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('decides')}</dt>
          <dd>
            <Link to={`/don-vi/${d.unit.id}`}>{d.unit.name}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('level')}</dt>
          <dd>{tk(`level${d.level}`)}</dd>
        </div>
        <div>
          <dt>{t('processingTime')}</dt>
          <dd>{t('days', { n: d.processingDays })}</dd>
        </div>
        <div>
          <dt>{t('fee')}</dt>
          <dd>
            {d.fees.length === 0
              ? t('noFee')
              : d.fees.map((f) => (
                  <span key={f.name} className="block">
                    {f.name}: {fmtMoney(f.amount)}
                  </span>
                ))}
          </dd>
        </div>
        <div>
          <dt>{t('resultType')}</dt>
          <dd>{d.resultType}</dd>
        </div>
      </dl>
      {d.requiredPapers.length > 0 && (
        <section aria-labelledby="papers-title">
          <h2 id="papers-title">{t('papers')}</h2>
          <ol className="papers">
            {d.requiredPapers.map((x) => (
              <li key={x.name}>
                {x.name}{' '}
                <span className="muted small">
                  ({t('originals', { o: x.originals, c: x.copies })}
                  {x.fromDataStore ? `; ${t('reusable')}` : ''})
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {d.description && (
        <section aria-labelledby="desc-title">
          <h2 id="desc-title">{t('description')}</h2>
          <p className="prewrap">{d.description}</p>
        </section>
      )}
    </article>
  );
}
