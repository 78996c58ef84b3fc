import { randomBytes } from 'node:crypto';
import { buildPaymentUrl } from '../../../../billing/src/gateway/index';
import type { Transactor } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import type { PaymentsGateway } from './gateway';
import { merchantFor } from './merchants';
import { insertPayment, paymentsOfSubject, type Payment, type PaymentKind } from './queries';
import { paymentSubject } from './subjects';

export interface CreatePaymentInput {
  kind: PaymentKind;
  subjectId: string;
  payerCitizenId: string | null;
  payerIp: string;
  locale: 'vn' | 'en';
  createdBy: string | null;
}

const txnRef = () => `MC${randomBytes(10).toString('hex').toUpperCase()}`;

/**
 * Opens a payment for exactly what the subject owes and returns the gateway URL to redirect the
 * payer to. The caller has already checked who may pay (the citizen owns the dossier, the unit's
 * admin its invoice); this runs as system because payments are written only here and by the IPN.
 */
export async function createPayment(
  transactor: Transactor,
  gw: PaymentsGateway,
  input: CreatePaymentInput,
): Promise<{ payment: Payment; redirectUrl: string }> {
  return transactor.withSystem(async (tx) => {
    const subject = paymentSubject(input.kind);
    const due = await subject.describe(tx, input.subjectId);
    if (!due) throw notFound({ vi: 'Không có khoản nào cần thanh toán', en: 'Nothing to pay' });
    const earlier = await paymentsOfSubject(tx, input.kind, input.subjectId);
    if (earlier.some((p) => p.status === 'paid' || p.status === 'partially_refunded'))
      throw conflict({ vi: 'Khoản này đã được thanh toán', en: 'Already paid' });
    const merchant = await merchantFor(tx, gw.vault, due.merchantTenantId);
    if (!merchant)
      throw new AppError('unavailable', {
        vi: 'Đơn vị chưa đăng ký tài khoản thanh toán trực tuyến',
        en: 'The unit has no online payment account',
      });
    const createdAt = gw.now();
    const expiresAt = new Date(createdAt.getTime() + gw.expiryMinutes * 60_000);
    const payment = await insertPayment(tx, {
      tenantId: due.tenantId,
      kind: input.kind,
      subjectId: input.subjectId,
      tmnCode: merchant.tmnCode,
      amount: due.amount,
      txnRef: txnRef(),
      orderInfo: due.orderInfo,
      payerCitizenId: input.payerCitizenId,
      payerIp: input.payerIp,
      expiresAt,
      createdAt,
      createdBy: input.createdBy,
    });
    const redirectUrl = buildPaymentUrl(
      {
        gatewayUrl: gw.paymentUrl,
        tmnCode: merchant.tmnCode,
        amount: payment.amount,
        txnRef: payment.txnRef,
        orderInfo: payment.orderInfo,
        orderType: input.kind === 'invoice' ? 'billpayment' : 'other',
        locale: input.locale,
        returnUrl: gw.returnUrl,
        ipAddr: input.payerIp,
        createdAt,
        expiresAt,
      },
      merchant.secret,
    );
    return { payment, redirectUrl };
  });
}
