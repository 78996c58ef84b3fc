import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { paymentsOfSubject, refundPayment } from '../../modules/payments/index';
import { enqueue } from '../outbox';
import { defineJob } from '../registry';
import '../../modules/dossiers/fees';

export const refundRefusedFeePayload = z.object({ tenantId: z.uuid(), dossierId: z.uuid() }).strict();

/**
 * Returns the fee of a dossier refused after it was paid. Enqueued through the outbox in the
 * refusal's own transaction (one job key per dossier), so the refund exists iff the refusal
 * committed; the job is idempotent because refundPayment locks the payment and only what is still
 * left of a paid payment is refunded — a retry after success finds nothing left.
 */
export const refundRefusedFee = defineJob({
  queue: 'payments',
  name: 'refund-refused-fee',
  payload: refundRefusedFeePayload,
  async handle(p, deps) {
    const gw = deps.payments;
    if (!gw?.apiUrl) throw new Error('no payment gateway configured for refunds');
    const payments = await deps.transactor.withSystem((tx) =>
      paymentsOfSubject(tx, 'dossier_fee', p.dossierId),
    );
    for (const pay of payments)
      if ((pay.status === 'paid' || pay.status === 'partially_refunded') && pay.tenantId === p.tenantId)
        await refundPayment(deps.transactor, gw, {
          paymentId: pay.id,
          by: 'system.dossier-refused',
          reason: 'Hồ sơ bị từ chối / dossier refused',
        });
  },
});

/** The hook in transition(): refusing a dossier whose fee was paid refunds what is left of it. */
export async function refundFeeAfterRefusal(
  tx: Tx,
  d: { tenant_id: string; id: string; fee_paid_at: Date | null; fee_total: number; fee_refunded: number },
  action: string,
): Promise<void> {
  if (action !== 'refuse' || !d.fee_paid_at || d.fee_refunded >= d.fee_total) return;
  await enqueue(tx, {
    tenantId: d.tenant_id,
    queue: 'payments',
    name: 'refund-refused-fee',
    jobKey: `dossier-fee-refund.${d.id}`,
    payload: { tenantId: d.tenant_id, dossierId: d.id },
  });
}
