import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, getJson, postJson, uploadFile } from '../api';
import {
  FormRenderer,
  emptyFormValue,
  validateForm,
  visibleData,
  type FieldErrors,
  type FormServices,
  type FormValue,
  type UiLayout,
} from '../form-renderer/index';
import { fmtDateTime, fmtMoney } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { DossierDetail, PublicProcedureDetail, StoredDocument } from '../model';
import { payDossierFee } from '../pay';
import { useSession, type Me } from '../session';
import { useLoad } from '../useLoad';

interface Draft {
  value: FormValue;
  savedAt: string;
  idempotencyKey: string;
}

const draftKey = (me: Me, procedureId: string, version: number) =>
  `portal.draft.${me.id}.${procedureId}.v${version}`;

function readDraft(key: string): Draft | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
  } catch {
    return null;
  }
}

/** The signed-in citizen's identity, where the form asks for it at the top level and nothing is there yet. */
function prefill(layout: UiLayout, me: Me): { value: FormValue; used: boolean } {
  const keys = new Set(
    layout.sections.flatMap((s) => s.items.filter((i) => i.kind === 'field').map((i) => i.key)),
  );
  const data: Record<string, unknown> = {};
  if (keys.has('applicant.full_name') && me.name) data['applicant.full_name'] = me.name.toUpperCase();
  if (keys.has('applicant.pid') && me.pid) data['applicant.pid'] = me.pid;
  return { value: { data, attachments: [] }, used: Object.keys(data).length > 0 };
}

/** The server's problems by path; attachment problems named by index are moved to their slot. */
function serverErrors(err: ApiError, value: FormValue, lang: 'vi' | 'en'): FieldErrors {
  const out: FieldErrors = {};
  for (const e of err.problem.errors ?? []) {
    const m = /^attachments\.(\d+)/.exec(e.path);
    const slot = m ? value.attachments[Number(m[1])]?.attachmentId : undefined;
    const path = slot ? `attachments.${slot}` : e.path;
    out[path] ??= lang === 'en' ? (e.message_en ?? e.message) : e.message;
  }
  return out;
}

type Step = 'fill' | 'review' | 'done';

/** /thu-tuc/:id/nop-ho-so — fill, review, submit, then pay when the procedure has fees. Lazy-loaded. */
export default function Fill() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { me, loading } = useSession();
  const proc = useLoad(
    () => getJson<PublicProcedureDetail>(`/public/procedures/${encodeURIComponent(id)}`),
    [id],
  );
  const papers = useLoad(
    () => (me ? getJson<StoredDocument[]>('/my/documents') : Promise.resolve([])),
    [me?.id],
  );
  if (loading || !proc.data) return <Status error={proc.error} loading />;
  if (!me) return <p className="alert">{t('signInNeeded')}</p>;
  if (!proc.data.form) return <p>{t('noOnlineForm')}</p>;
  return (
    <FillForm
      me={me}
      proc={proc.data}
      layout={proc.data.form.uiLayout}
      papers={papers.data ?? []}
      lang={lang}
    />
  );
}

function FillForm(props: {
  me: Me;
  proc: PublicProcedureDetail;
  layout: UiLayout;
  papers: StoredDocument[];
  lang: 'vi' | 'en';
}) {
  const { me, proc, layout, lang } = props;
  const { t } = useI18n();
  const key = draftKey(me, proc.id, proc.form!.version);
  const initial = useMemo(() => readDraft(key), [key]);
  const [seed] = useState(() => (initial ? null : prefill(layout, me)));
  const [value, setValue] = useState<FormValue>(initial?.value ?? seed?.value ?? emptyFormValue());
  const [idem] = useState(() => initial?.idempotencyKey ?? crypto.randomUUID());
  const [savedAt, setSavedAt] = useState<string | null>(initial?.savedAt ?? null);
  // After the first "continue", every problem shows and follows each edit; the server's refusals
  // show until the next edit (the same rules then keep the field's problem on screen).
  const [checked, setChecked] = useState(false);
  const [refused, setRefused] = useState<FieldErrors>({});
  const errors = useMemo<FieldErrors>(
    () => ({ ...(checked ? validateForm(layout, value, lang) : {}), ...refused }),
    [checked, layout, value, lang, refused],
  );
  const edit = (v: FormValue) => {
    setValue(v);
    setRefused({});
  };
  const [step, setStep] = useState<Step>('fill');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [dossier, setDossier] = useState<DossierDetail | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Autosave: the draft follows every edit, a moment after the citizen stops typing.
  useEffect(() => {
    if (step === 'done') return;
    const timer = setTimeout(() => {
      const at = new Date().toISOString();
      try {
        localStorage.setItem(
          key,
          JSON.stringify({ value, savedAt: at, idempotencyKey: idem } satisfies Draft),
        );
        setSavedAt(at);
      } catch {
        /* storage full or private mode: the form still works, without a draft */
      }
    }, 600);
    return () => clearTimeout(timer);
  }, [value, key, idem, step]);

  useEffect(() => heading.current?.focus(), [step]);

  const services = useMemo<FormServices>(
    () => ({
      upload: uploadFile,
      papers: props.papers.map((d) => ({ id: d.id, name: d.name, mime: d.mime, size: d.size, kind: d.kind })),
    }),
    [props.papers],
  );

  const toReview = () => {
    const found = validateForm(layout, value, lang);
    setChecked(true);
    if (Object.keys(found).length === 0) setStep('review');
    else
      requestAnimationFrame(() => {
        const first = document.querySelector<HTMLElement>('[aria-invalid="true"], .fr-error');
        first?.focus();
        first?.scrollIntoView({ block: 'center' });
      });
  };

  const submit = useCallback(async () => {
    setBusy(true);
    setFailure(null);
    try {
      const attachments = value.attachments.map((a) =>
        'documentId' in a
          ? { attachmentId: a.attachmentId, documentId: a.documentId }
          : { attachmentId: a.attachmentId, name: a.name, sha256: a.sha256 },
      );
      const d = await postJson<DossierDetail>(
        '/my/dossiers',
        { procedureId: proc.id, data: visibleData(layout, value.data), attachments },
        { 'Idempotency-Key': idem },
      );
      localStorage.removeItem(key);
      setDossier(d);
      setStep('done');
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) {
        setRefused(serverErrors(err, value, lang));
        setStep('fill');
      }
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }, [value, layout, proc.id, idem, key, lang]);

  const errorCount = Object.keys(errors).length;
  return (
    <>
      <p className="muted small">
        <Link to={`/thu-tuc/${proc.id}`}>{proc.name}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('fillTitle', { name: proc.name })}
      </h1>
      <ol className="steps" aria-label="steps">
        {(['fill', 'review', 'done'] as const).map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            {t((['stepFill', 'stepReview', 'stepDone'] as const)[i]!)}
          </li>
        ))}
      </ol>
      {failure != null && <Status error={failure} />}
      {step === 'fill' && (
        <>
          {initial && <p className="alert">{t('draftRestored', { t: fmtDateTime(initial.savedAt) })}</p>}
          {seed?.used && <p className="alert">{t('prefilled')}</p>}
          {errorCount > 0 && (
            <p className="alert alert-error" role="alert">
              {t('fixErrors', { n: errorCount })}
            </p>
          )}
          <FormRenderer
            layout={layout}
            schema={proc.form?.jsonSchema}
            value={value}
            onChange={edit}
            errors={errors}
            lang={lang}
            services={services}
          />
          <div className="actions sticky-actions">
            <span className="muted small" role="status">
              {savedAt ? t('draftSaved', { t: fmtDateTime(savedAt) }) : ''}
            </span>
            <button type="button" className="button button-primary" onClick={toReview}>
              {t('toReview')}
            </button>
          </div>
        </>
      )}
      {step === 'review' && (
        <>
          <FormRenderer layout={layout} value={value} onChange={setValue} mode="review" lang={lang} />
          <div className="actions">
            <button type="button" className="button" onClick={() => setStep('fill')}>
              {t('back')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void submit()}
            >
              {busy ? t('submitting') : t('submit')}
            </button>
          </div>
        </>
      )}
      {step === 'done' && dossier && (
        <section className="done" aria-live="polite">
          <p className="alert alert-ok">{t('submitted')}</p>
          <dl className="facts">
            <div>
              <dt>{t('dossierCode')}</dt>
              <dd>
                {dossier.code ? (
                  <strong className="code">{dossier.code}</strong>
                ) : (
                  <>
                    {t('awaitingCode')}
                    <span className="block small muted">
                      {t('reference')}: <span className="code">{dossier.id}</span>
                    </span>
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('submittedAt')}</dt>
              <dd>{fmtDateTime(dossier.submittedAt)}</dd>
            </div>
            <div>
              <dt>{t('feeStatus')}</dt>
              <dd>
                {dossier.fee.total > 0
                  ? `${fmtMoney(dossier.fee.total)} – ${t(`fee_${dossier.fee.status}`)}`
                  : t('noFee')}
              </dd>
            </div>
          </dl>
          <p>{t('nextSteps', { days: proc.processingDays })}</p>
          <div className="actions">
            {dossier.fee.status === 'due' && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => void payDossierFee(dossier.id).catch(setFailure)}
              >
                {t('payNow', { amount: fmtMoney(dossier.fee.total) })}
              </button>
            )}
            <Link className="button" to={`/ho-so-cua-toi/${dossier.id}`}>
              {t('viewDossier')}
            </Link>
          </div>
        </section>
      )}
    </>
  );
}
