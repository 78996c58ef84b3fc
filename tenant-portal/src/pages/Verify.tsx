import { useState, type FormEvent } from 'react';
import { postJson } from '../api';
import { fmtDate } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';

interface Verdict {
  status: 'valid' | 'revoked' | 'unknown';
  unit?: { code: string; name: string };
  title?: string;
  issuedAt?: string;
  validUntil?: string | null;
  expired?: boolean;
}

async function sha256Of(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** /xac-minh — anyone checks a result by its number and its file (hashed here, never uploaded) or SHA-256. */
export default function Verify() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [sha, setSha] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setVerdict(null);
    try {
      const sha256 = file ? await sha256Of(file) : sha.trim().toLowerCase();
      setVerdict(await postJson<Verdict>('/public/results/verify', { code: code.trim(), sha256 }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('verifyTitle')}</h1>
      <p className="lead">{t('verifyLead')}</p>
      <form className="stack-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="v-code">{t('verifyCode')}</label>
        <input id="v-code" required value={code} onChange={(e) => setCode(e.currentTarget.value)} />
        <label htmlFor="v-file">{t('verifyFile')}</label>
        <input
          id="v-file"
          type="file"
          accept="application/pdf,image/*"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <label htmlFor="v-sha">{t('verifySha')}</label>
        <input
          id="v-sha"
          value={sha}
          pattern="[0-9a-fA-F]{64}"
          disabled={file !== null}
          onChange={(e) => setSha(e.currentTarget.value)}
        />
        <button type="submit" className="button button-primary" disabled={busy || (!file && !sha)}>
          {t('verify')}
        </button>
      </form>
      {failure != null && <Status error={failure} />}
      {verdict && (
        <section
          aria-live="polite"
          className={`panel verdict verdict-${verdict.status}`}
          data-testid="verdict"
        >
          <h2>
            {t(`verify_${verdict.status}`)}
            {verdict.expired ? ` (${t('expired')})` : ''}
          </h2>
          {verdict.title && <p>{verdict.title}</p>}
          {verdict.unit && (
            <p>
              {t('issuedBy')}: {verdict.unit.name}
            </p>
          )}
          {verdict.issuedAt && (
            <p>
              {t('issuedAt')}: {fmtDate(verdict.issuedAt)}
            </p>
          )}
        </section>
      )}
    </>
  );
}
