import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { localDay } from '../../modules/monitoring/days';
import { MONITORED, recomputeDay } from '../../modules/monitoring/refresh';
import { enqueue } from '../outbox';
import { defineJob } from '../registry';

export const refreshDayPayload = z
  .object({ tenantId: z.uuid(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
  .strict();

/** Recomputes one unit's monitoring bucket of one local day from the raw rows (idempotent). */
export const refreshMonitoringDay = defineJob({
  queue: 'monitoring',
  name: 'refresh-day',
  payload: refreshDayPayload,
  async handle(p, deps) {
    await deps.transactor.withTenant({ tenantId: p.tenantId, actorId: null }, (tx) => recomputeDay(tx, p.tenantId, p.day));
  },
});

/**
 * One job per monitored action (its key names the dossier's version), enqueued in the action's
 * transaction: the refresh exists iff the action committed, and runs after it, so it sees it.
 */
function enqueueRefresh(tx: Tx, tenantId: string, at: Date, jobKey: string) {
  return enqueue(tx, { tenantId, queue: 'monitoring', name: 'refresh-day', jobKey, payload: { tenantId, day: localDay(at) } });
}

/** The hook in transition(): a monitored action refreshes its unit's bucket of the day. */
export async function refreshMonitoringAfterAction(
  tx: Tx,
  d: { tenant_id: string; id: string; version: number },
  action: string,
  now: Date,
): Promise<void> {
  if (!MONITORED.has(action)) return;
  await enqueueRefresh(tx, d.tenant_id, now, `monitoring.${d.id}.${d.version}`);
}

/** After a rating, in its transaction: the satisfaction figures of the rating's day. */
export async function refreshMonitoringAfterRating(
  tx: Tx,
  r: { tenantId: string; dossierId: string; ratedAt: Date },
): Promise<void> {
  await enqueueRefresh(tx, r.tenantId, r.ratedAt, `monitoring.rating.${r.dossierId}`);
}
