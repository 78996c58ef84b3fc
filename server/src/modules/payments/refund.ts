import { refund } from '../../../../billing/src/gateway/index';
import type { Transactor } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import type { PaymentsGateway } from './gateway';
import { merchantByTmnCode } from './merchants';
import { lockPayment, setStatus, type Payment } from './queries';
import { paymentSubject } from './subjects';

/**
 * Returns all or part of a paid payment through the gateway's refund API (e.g. a dossier refused
 * after its fee was paid) and records it. The row stays locked during the call, so two refunds of
 * one payment cannot both pass the remaining-amount check.
 */
export async function refundPayment(
  transactor: Transactor,
  gw: PaymentsGateway,
  input: { paymentId: string; amount?: number; by: string; reason: string },
): Promise<Payment> {
  return transactor.withSystem(async (tx) => {
    const p = await lockPayment(tx, input.paymentId);
    if (!p) throw notFound();
    if (p.status !== 'paid' && p.status !== 'partially_refunded')
      throw conflict({ vi: 'Chỉ hoàn tiền khoản đã thanh toán', en: 'Only a paid payment can be refunded' });
    const left = p.amount - p.refundedAmount;
    const amount = input.amount ?? left;
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left)
      throw conflict({
        vi: `Số tiền hoàn phải từ 1 đến ${left} đồng`,
        en: `The refund must be 1 to ${left} đồng`,
      });
    const merchant = await merchantByTmnCode(tx, gw.vault, p.tmnCode);
    if (!merchant) throw new Error(`payment ${p.id}: terminal ${p.tmnCode} is gone`);
    const r = await refund(
      merchant,
      {
        txnRef: p.txnRef,
        amount,
        full: amount === p.amount,
        transactionNo: p.gatewayTransactionNo ?? '0',
        transactionDate: p.createdAt,
        createdBy: input.by.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 50) || 'motcua',
        orderInfo: `Hoan tien ${p.txnRef}`,
        ipAddr: gw.serverIp,
      },
      { apiUrl: gw.apiUrl, timeoutMs: gw.timeoutMs, now: gw.now },
    );
    if (r.responseCode !== '00')
      throw new AppError('unavailable', {
        vi: `Cổng thanh toán từ chối hoàn tiền (mã ${r.responseCode})`,
        en: `The gateway refused the refund (code ${r.responseCode})`,
      });
    const next = await setStatus(tx, p, {
      to: amount === left ? 'refunded' : 'partially_refunded',
      source: 'refund',
      refunded: amount,
      data: { reason: input.reason, by: input.by, refundTransactionNo: r.transactionNo },
    });
    await paymentSubject(p.kind).onRefunded?.(tx, next, amount);
    return next;
  });
}
