import type { QuotaAlert } from '../../../../metering/src/index';
import type { Tx } from '../../db/transactor';
import { enqueue } from '../../jobs/outbox';

/**
 * Sends the quota alerts metering just recorded through the outbox, in the same transaction: the
 * notification exists if and only if the usage that crossed the line committed. The job key is the
 * alert's identity, so even a second enqueue of the same alert adds nothing.
 */
export async function enqueueQuotaAlerts(tx: Tx, alerts: readonly QuotaAlert[]): Promise<void> {
  for (const a of alerts)
    await enqueue(tx, {
      tenantId: a.tenantId,
      queue: 'notifications',
      name: 'quota-alert',
      payload: {
        tenantId: a.tenantId,
        contractId: a.contractId,
        threshold: a.threshold,
        used: a.used,
        quota: a.quota,
      },
      jobKey: `quota-alert.${a.contractId}.${a.threshold}`,
    });
}
