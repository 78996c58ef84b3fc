import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { getJson } from '../api';
import { fmtMoney } from '../format';
import { Status } from '../Layout';
import { useI18n } from '../i18n';
import type { DossierDetail } from '../model';
import { payingDossier } from '../pay';

interface ReturnReport {
  paymentId: string;
  amount: number;
  status: string;
}

type State =
  | { kind: 'checking' }
  | { kind: 'paid'; paymentId: string; amount: number; dossierId: string | null }
  | { kind: 'failed'; status: string }
  | { kind: 'pending'; dossierId: string | null }
  | { kind: 'error'; error: unknown };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * /thanh-toan/ket-qua — where the gateway sends the payer back. The redirect's own result code is
 * not believed: the API checks its signature and reports the payment's state as the IPN settled it,
 * and "paid" is shown only once the dossier itself says its fee is paid.
 */
export default function PaymentReturn() {
  const { t } = useI18n();
  const { search } = useLocation();
  const [state, setState] = useState<State>({ kind: 'checking' });
  useEffect(() => {
    let live = true;
    const paying = payingDossier();
    void (async () => {
      try {
        let report = await getJson<ReturnReport>(`/payments/vnpay/return${search}`);
        for (let i = 0; i < 20 && live; i++) {
          if (report.status !== 'pending') break;
          await sleep(500);
          report = await getJson<ReturnReport>(`/payments/vnpay/return${search}`);
        }
        if (report.status !== 'paid') {
          if (live)
            setState(
              report.status === 'pending'
                ? { kind: 'pending', dossierId: paying?.dossierId ?? null }
                : { kind: 'failed', status: report.status },
            );
          return;
        }
        if (paying) {
          for (let i = 0; i < 20 && live; i++) {
            const d = await getJson<DossierDetail>(`/my/dossiers/${paying.dossierId}`);
            if (d.fee.status === 'paid') break;
            if (i === 19) return setState({ kind: 'pending', dossierId: paying.dossierId });
            await sleep(500);
          }
        }
        if (live)
          setState({
            kind: 'paid',
            paymentId: report.paymentId,
            amount: report.amount,
            dossierId: paying?.dossierId ?? null,
          });
      } catch (error) {
        if (live) setState({ kind: 'error', error });
      }
    })();
    return () => {
      live = false;
    };
  }, [search]);
  return (
    <>
      <h1>{t('payResult')}</h1>
      <div aria-live="polite">
        {state.kind === 'checking' && <p role="status">{t('payChecking')}</p>}
        {state.kind === 'error' && <Status error={state.error} />}
        {state.kind === 'failed' && (
          <p className="alert alert-error">{t('payFailed', { s: state.status })}</p>
        )}
        {state.kind === 'pending' && <p className="alert">{t('payPending')}</p>}
        {state.kind === 'paid' && (
          <>
            <p className="alert alert-ok" data-testid="payment-state">
              {t('payPaid')}: {fmtMoney(state.amount)}
            </p>
            <div className="actions">
              <a
                className="button button-primary"
                href={`/api/v1/my/payments/${state.paymentId}/receipt.pdf`}
                download
              >
                {t('receipt')}
              </a>
              {state.dossierId && (
                <Link className="button" to={`/ho-so-cua-toi/${state.dossierId}`}>
                  {t('viewDossier')}
                </Link>
              )}
            </div>
          </>
        )}
        {state.kind !== 'paid' && state.kind !== 'checking' && 'dossierId' in state && state.dossierId && (
          <p>
            <Link to={`/ho-so-cua-toi/${state.dossierId}`}>{t('viewDossier')}</Link>
          </p>
        )}
      </div>
    </>
  );
}
