import {
  IPN_ANSWERS,
  tmnCodeOf,
  verifyIpn,
  type GatewayOutcome,
  type IpnAnswer,
  type VerifiedResult,
} from '../../../../billing/src/gateway/index';
import type { Transactor, Tx } from '../../db/transactor';
import type { PaymentsGateway } from './gateway';
import { merchantByTmnCode } from './merchants';
import { lockPaymentByTxnRef, setStatus, type EventSource, type Payment } from './queries';
import { paymentSubject } from './subjects';
import { isSettled, type PaymentStatus } from './transitions';

const STATUS_OF: Record<Exclude<GatewayOutcome, 'pending'>, PaymentStatus> = {
  paid: 'paid',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired',
};

/**
 * Records what the gateway established for a pending payment (from the IPN or a querydr), with
 * the row locked: a duplicate sees the settled status and changes nothing. Crediting the subject
 * happens in the same transaction.
 */
export async function settle(
  tx: Tx,
  p: Payment,
  r: Pick<VerifiedResult, 'outcome' | 'transactionNo' | 'bankCode' | 'payDate' | 'responseCode'>,
  source: EventSource,
): Promise<Payment> {
  if (r.outcome === 'pending' || isSettled(p.status)) return p;
  const next = await setStatus(tx, p, {
    to: STATUS_OF[r.outcome],
    source,
    gatewayTransactionNo: r.transactionNo || undefined,
    bankCode: r.bankCode || undefined,
    responseCode: r.responseCode,
    payDate: r.outcome === 'paid' ? r.payDate : null,
  });
  if (next.status === 'paid') await paymentSubject(next.kind).onPaid(tx, next);
  return next;
}

/**
 * The IPN, answered per the protocol and checked in this order: signature (97), order (01),
 * amount (04), already settled (02); otherwise the outcome is recorded and the answer is 00 — also
 * for a failed or cancelled payment, since anything else makes the gateway call again.
 */
export async function handleIpn(
  transactor: Transactor,
  gw: PaymentsGateway,
  query: Record<string, unknown>,
): Promise<IpnAnswer> {
  const tmnCode = tmnCodeOf(query);
  const merchant = tmnCode
    ? await transactor.withSystem((tx) => merchantByTmnCode(tx, gw.vault, tmnCode))
    : null;
  if (!merchant) return IPN_ANSWERS.badSignature;
  const v = verifyIpn(query, merchant.secret);
  if (!v.ok) return IPN_ANSWERS.badSignature;
  const r = v.result;
  return transactor.withSystem(async (tx) => {
    const p = await lockPaymentByTxnRef(tx, r.txnRef);
    if (!p || p.tmnCode !== r.tmnCode) return IPN_ANSWERS.unknownOrder;
    if (p.amount !== r.amount) return IPN_ANSWERS.invalidAmount;
    if (isSettled(p.status)) return IPN_ANSWERS.alreadyConfirmed;
    await settle(tx, p, r, 'ipn');
    return IPN_ANSWERS.ok;
  });
}
