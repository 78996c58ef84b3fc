import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { localDay } from '../../modules/monitoring/days';
import { MONITORED, recomputeDay } from '../../modules/monitoring/refresh';
import { enqueue } from '../outbox';
import { defineJob } from '../registry';

export const refreshDayPayload = z
  .object({ tenantId: z.uuid(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
  .strict();

/**
 * A bucket's refresh waits this long after the action that queued it, so the next actions of the
 * unit's day (a dossier's receive, approvals and return follow each other within seconds) only bump
 * its generation instead of queueing one recompute each. The rollups lag the raw rows by about this.
 */
export const REFRESH_DELAY_MS = 5_000;

/** More rounds than this means the bucket keeps changing: let the queue retry a little later. */
const MAX_ROUNDS = 20;

/**
 * Recomputes one unit's bucket of one local day from the raw rows until no action changed it
 * meanwhile: it clears `queued` only where the generation it read is still the latest. An action
 * committing during the recompute bumped the generation (the update then matches nothing: another
 * round); one still uncommitted holds the row lock, so the update waits for it and re-checks.
 */
export const refreshMonitoringDay = defineJob({
  queue: 'monitoring',
  name: 'refresh-day',
  payload: refreshDayPayload,
  async handle(p, deps) {
    const key = { tenant_id: p.tenantId, day: p.day };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const settled = await deps.transactor.withTenant(
        { tenantId: p.tenantId, actorId: null },
        async (tx) => {
          const row = (await tx('monitoring_dirty').where(key).first('gen')) as { gen: string } | undefined;
          await recomputeDay(tx, p.tenantId, p.day);
          if (!row) return true;
          return (
            (await tx('monitoring_dirty')
              .where({ ...key, gen: row.gen })
              .update({ queued: false })) > 0
          );
        },
      );
      if (settled) return;
    }
    throw new Error(`monitoring bucket ${p.tenantId} ${p.day} kept changing; retrying later`);
  },
});

/**
 * Marks the (unit, day) bucket of `at` changed, in the caller's transaction, and enqueues its
 * refresh through the outbox unless one is already queued. The row lock taken here is held to the
 * commit, so a unit's monitored actions of one day commit one after the other from this point on.
 */
export async function markMonitoringDirty(tx: Tx, tenantId: string, at: Date): Promise<void> {
  const day = localDay(at);
  const { rows } = await tx.raw<{ rows: { gen: string; was_queued: boolean }[] }>(
    // The insert reads `old` first (first_lock), so `old` holds the row as it was before this
    // statement bumped it. Without that dependency Postgres ran the upsert first and `old`'s FOR UPDATE
    // then skipped the row this very statement had updated: was_queued was always false and every
    // action queued a refresh of its own.
    `with old as (select queued from monitoring_dirty where tenant_id = :t and day = :d for update),
          up as (insert into monitoring_dirty as m (tenant_id, day)
                 select cast(:t as uuid), cast(:d as date) from (select count(*) from old) as first_lock
                 on conflict (tenant_id, day) do update set gen = m.gen + 1, queued = true returning gen)
     select (select gen from up) as gen, coalesce((select queued from old), false) as was_queued`,
    { t: tenantId, d: day },
  );
  const r = rows[0]!;
  if (r.was_queued) return;
  await enqueue(tx, {
    tenantId,
    queue: 'monitoring',
    name: 'refresh-day',
    jobKey: `monitoring.${tenantId}.${day}.${r.gen}`,
    payload: { tenantId, day },
    delayMs: REFRESH_DELAY_MS,
  });
}

/** The hook in transition(): a monitored action marks its unit's bucket of the day. */
export async function refreshMonitoringAfterAction(
  tx: Tx,
  d: { tenant_id: string; id: string; version: number },
  action: string,
  now: Date,
): Promise<void> {
  if (MONITORED.has(action)) await markMonitoringDirty(tx, d.tenant_id, now);
}

/** After a rating, in its transaction: the satisfaction figures of the rating's day. */
export async function refreshMonitoringAfterRating(
  tx: Tx,
  r: { tenantId: string; dossierId: string; ratedAt: Date },
): Promise<void> {
  await markMonitoringDirty(tx, r.tenantId, r.ratedAt);
}
