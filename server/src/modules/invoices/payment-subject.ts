import { findInvoice, payInvoice } from '../../../../billing/src/index';
import { appendTenantAudit } from '../audit/audit-log';
import { plainOrderInfo, registerPaymentSubject } from '../payments/index';

/**
 * A unit's issued lease or overage invoice as a payment subject, paid into the platform's own
 * terminal (merchantTenantId null). What is owed is the total minus what credit notes already
 * took off: a credit note is the only correction of an issued invoice, so paying the full total
 * after one would overpay by exactly the credit.
 */
export const invoiceSubject = registerPaymentSubject({
  kind: 'invoice',
  async describe(tx, invoiceId) {
    const inv = await findInvoice(tx, invoiceId);
    if (!inv || inv.status !== 'issued') return null;
    const owed = inv.total - inv.credited;
    if (owed <= 0) return null;
    return {
      tenantId: inv.tenantId,
      merchantTenantId: null,
      amount: owed,
      orderInfo: plainOrderInfo(`Thanh toan hoa don ${inv.number ?? inv.id.slice(0, 8)}`),
    };
  },
  async onPaid(tx, p) {
    const inv = await findInvoice(tx, p.subjectId, { forUpdate: true });
    // Voided or paid by hand while the gateway took the money: the payment stays recorded as paid
    // (finance sees it and the mismatch with the invoice) and is settled by a refund, not here.
    if (!inv || inv.status !== 'issued') return;
    const now = new Date();
    // The invoices module's own state change, as finance's manual `pay` uses it; the reference is
    // the gateway's transaction number, which finance matches against the bank statement.
    const paid = await payInvoice(
      tx,
      inv.id,
      {
        reference: `VNPAY ${p.gatewayTransactionNo ?? p.txnRef}`,
        paidAt: (p.payDate ?? now).toISOString(),
      },
      'payments.vnpay',
      now,
    );
    await appendTenantAudit(
      tx,
      paid.tenantId,
      { kind: 'system', id: 'payments' },
      {
        action: 'invoice.paid',
        entityType: 'invoice',
        entityId: paid.id,
        data: { number: paid.number, total: paid.total, paymentId: p.id, txnRef: p.txnRef },
      },
      () => now,
    );
  },
});
