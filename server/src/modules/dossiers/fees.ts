import type { Tx } from '../../db/transactor';
import { plainOrderInfo, registerPaymentSubject, type Payment } from '../payments/index';
import { findDossier, writeDossierMove, type DossierRow } from './queries';

/**
 * The level-4 fee as a payment subject: a dossier owes its fee (fixed at submission) until it is
 * paid, unless it was refused first. Fees go to the unit that owns the procedure, i.e. the
 * dossier's unit, paid into that unit's own terminal.
 */
function owes(d: DossierRow): boolean {
  return d.fee_total > 0 && !d.fee_paid_at && d.status !== 'refused';
}

/**
 * A fee's columns and its history entry in one statement: the status does not move, the timeline
 * records the money.
 */
function writeFeeMove(
  tx: Tx,
  d: DossierRow,
  patch: Partial<DossierRow>,
  action: string,
  p: Payment,
  data: Record<string, unknown>,
) {
  const at = new Date();
  return writeDossierMove(
    tx,
    d,
    { ...patch, updated_at: at },
    {
      at,
      actor_kind: 'system',
      actor_id: 'payments',
      action,
      from_status: d.status,
      to_status: d.status,
      reason: null,
      data: { paymentId: p.id, txnRef: p.txnRef, transactionNo: p.gatewayTransactionNo, ...data },
    },
  );
}

export const dossierFeeSubject = registerPaymentSubject({
  kind: 'dossier_fee',
  async describe(tx, dossierId) {
    const d = await findDossier(tx, dossierId);
    if (!d || !owes(d)) return null;
    return {
      tenantId: d.tenant_id,
      merchantTenantId: d.tenant_id,
      amount: d.fee_total,
      orderInfo: plainOrderInfo(`Le phi ho so ${d.code ?? d.id.slice(0, 8)}`),
    };
  },
  async onPaid(tx, p) {
    const d = await findDossier(tx, p.subjectId, { lock: true, tenantId: p.tenantId });
    // Paid twice (two payments opened before either settled): the second is recorded on the
    // payment and left for a refund; the dossier keeps its first payment.
    if (!d || d.fee_paid_at) return;
    await writeFeeMove(tx, d, { fee_paid_at: p.payDate ?? new Date(), fee_payment_id: p.id }, 'pay-fee', p, {
      amount: p.amount,
    });
  },
  async onRefunded(tx, p, amount) {
    const d = await findDossier(tx, p.subjectId, { lock: true, tenantId: p.tenantId });
    if (!d) return;
    await writeFeeMove(tx, d, { fee_refunded: d.fee_refunded + amount }, 'refund-fee', p, { amount });
  },
});
