import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, getJson, postJson } from '../api';
import { fmtDate, fmtDateTime, fmtMoney } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { DossierDetail, PublicProcedure } from '../model';
import { payDossierFee } from '../pay';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

const REASONS = {
  late: ['Trả kết quả trễ hẹn', 'Result returned late'],
  attitude: ['Thái độ cán bộ chưa tốt', 'Officer attitude'],
  extra_papers: ['Yêu cầu giấy tờ ngoài quy định', 'Papers asked beyond the list'],
  unclear_guidance: ['Hướng dẫn không rõ ràng', 'Unclear guidance'],
  fees: ['Phí, lệ phí chưa hợp lý', 'Fees'],
  other: ['Lý do khác', 'Other'],
} as const;

interface Rating {
  level: string;
}

/** /ho-so-cua-toi/:id — status, due date, fee, timeline, supplement, result and rating. */
export default function MyDossier() {
  const { id = '' } = useParams();
  const { t, tk } = useI18n();
  const { me, loading } = useSession();
  const d = useLoad(
    () => (me ? getJson<DossierDetail>(`/my/dossiers/${encodeURIComponent(id)}`) : Promise.resolve(null)),
    [id, me?.id],
  );
  const proc = useLoad(
    () =>
      d.data ? getJson<PublicProcedure>(`/public/procedures/${d.data.procedureId}`) : Promise.resolve(null),
    [d.data?.procedureId],
  );
  const [failure, setFailure] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  if (loading) return <Status loading />;
  if (!me) return <p className="alert">{t('signInNeeded')}</p>;
  if (!d.data) return <Status error={d.error} loading={d.loading} />;
  const x = d.data;
  const supplementAsk = [...x.timeline].reverse().find((e) => e.action === 'request-supplement');
  const supplement = async () => {
    try {
      await postJson(`/my/dossiers/${x.id}/supplement`, {});
      setNote(t('supplementSent'));
      d.reload();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <>
      <p className="muted small">{proc.data?.unit.name}</p>
      <h1>{proc.data?.name ?? x.code ?? x.id}</h1>
      {failure != null && <Status error={failure} />}
      {note && (
        <p className="alert alert-ok" role="status">
          {note}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('dossierCode')}</dt>
          <dd className={x.code ? 'code' : undefined}>{x.code ?? t('awaitingCode')}</dd>
        </div>
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <span className={`status status-${x.status}`}>{tk(`status_${x.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('submittedAt')}</dt>
          <dd>{fmtDateTime(x.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('dueAt')}</dt>
          <dd>{fmtDate(x.dueAt)}</dd>
        </div>
        {x.returnedAt && (
          <div>
            <dt>{t('returnedAt')}</dt>
            <dd>{fmtDate(x.returnedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('feeStatus')}</dt>
          <dd data-testid="fee-status">
            {x.fee.total > 0 ? `${fmtMoney(x.fee.total)} – ${tk(`fee_${x.fee.status}`)}` : t('noFee')}
          </dd>
        </div>
      </dl>
      <div className="actions">
        {x.fee.status === 'due' && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void payDossierFee(x.id).catch(setFailure)}
          >
            {t('payNow', { amount: fmtMoney(x.fee.total) })}
          </button>
        )}
        {x.fee.paymentId && x.fee.status !== 'due' && (
          <a className="button" href={`/api/v1/my/payments/${x.fee.paymentId}/receipt.pdf`} download>
            {t('receipt')}
          </a>
        )}
      </div>
      {x.allowedActions.includes('supplement') && (
        <section className="panel" aria-labelledby="supp-title">
          <h2 id="supp-title">{t('supplementAsked')}</h2>
          {supplementAsk?.reason && <p className="prewrap">{supplementAsk.reason}</p>}
          <button type="button" className="button button-primary" onClick={() => void supplement()}>
            {t('supplementDone')}
          </button>
        </section>
      )}
      {x.result && (
        <section className="panel" aria-labelledby="result-title">
          <h2 id="result-title">{t('result')}</h2>
          <p>
            {t('resultCode')}: <strong className="code">{x.result.signature.code}</strong>
          </p>
          <div className="actions">
            <a className="button button-primary" href={`/api/v1/my/dossiers/${x.id}/result`} download>
              {t('downloadResult')}
            </a>
            <a className="button" href={`/api/v1/my/dossiers/${x.id}/result.p7s`} download>
              {t('downloadSignature')}
            </a>
          </div>
        </section>
      )}
      {x.status === 'returned' && <RateDossier dossierId={x.id} />}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol className="timeline">
          {x.timeline.map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at}>{fmtDateTime(e.at)}</time> <strong>{tk(`action_${e.action}`)}</strong>
              {e.reason && <span className="block muted">{e.reason}</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** Rating once, after the result is returned: the stored rating is shown instead of the form. */
function RateDossier({ dossierId }: { dossierId: string }) {
  const { t, tk, lang } = useI18n();
  const existing = useLoad(
    () =>
      getJson<Rating>(`/my/dossiers/${dossierId}/rating`).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [dossierId],
  );
  const [level, setLevel] = useState('');
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  if (existing.loading && !existing.data) return null;
  if (existing.data)
    return (
      <section className="panel" aria-labelledby="rate-title">
        <h2 id="rate-title">{t('rateTitle')}</h2>
        <p className="alert alert-ok">{t('rated', { level: tk(existing.data.level) })}</p>
      </section>
    );
  const send = async () => {
    try {
      await postJson(`/my/dossiers/${dossierId}/rating`, {
        level,
        reasons: level === 'unsatisfied' ? reasons : [],
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      existing.reload();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <section className="panel" aria-labelledby="rate-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <fieldset className="plain">
          <legend>
            <h2 id="rate-title">{t('rateTitle')}</h2>
          </legend>
          {(['very_satisfied', 'satisfied', 'unsatisfied'] as const).map((l) => (
            <label key={l} className="choice">
              <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} />{' '}
              {t(l)}
            </label>
          ))}
        </fieldset>
        {level === 'unsatisfied' && (
          <fieldset className="plain">
            <legend>{t('reasons')}</legend>
            {Object.entries(REASONS).map(([code, words]) => (
              <label key={code} className="choice">
                <input
                  type="checkbox"
                  checked={reasons.includes(code)}
                  onChange={(e) =>
                    setReasons(
                      e.currentTarget.checked ? [...reasons, code] : reasons.filter((r) => r !== code),
                    )
                  }
                />{' '}
                {words[lang === 'en' ? 1 : 0]}
              </label>
            ))}
          </fieldset>
        )}
        <label htmlFor="rate-comment">{t('comment')}</label>
        <textarea
          id="rate-comment"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        {failure != null && <Status error={failure} />}
        <button type="submit" className="button button-primary" disabled={!level}>
          {t('sendRating')}
        </button>
      </form>
    </section>
  );
}
