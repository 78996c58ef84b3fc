import { z } from 'zod';
import type { StatementPart } from '../../db/statement-parts';
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
 * Marks the (unit, day) bucket of `at` changed, as part of a caller's statement (`mark_old`,
 * `mark_up`; columns mark_gen, mark_was_queued). The row lock taken here is held to the commit, so a
 * unit's monitored actions of one day commit one after the other from this point on. The insert
 * reads `mark_old` first (first_lock), so `mark_old` holds the row as it was before this statement
 * bumped it. Without that dependency Postgres ran the upsert first and the FOR UPDATE then skipped
 * the row this very statement had updated: was_queued was always false and every action queued a
 * refresh of its own.
 */
export function monitoringMark(
  tenantId: string,
  at: Date,
): StatementPart & { tenantId: string; day: string } {
  const day = localDay(at);
  return {
    tenantId,
    day,
    ctes: `mark_old as (select queued from monitoring_dirty where tenant_id = ?::uuid and day = ?::date for update),
     mark_up as (insert into monitoring_dirty as m (tenant_id, day)
                 select ?::uuid, ?::date from (select count(*) from mark_old) as first_lock
                 on conflict (tenant_id, day) do update set gen = m.gen + 1, queued = true returning gen)`,
    columns: `(select gen from mark_up) as mark_gen, coalesce((select queued from mark_old), false) as mark_was_queued`,
    bindings: [tenantId, day, tenantId, day],
  };
}

/** After the mark's statement: enqueues the bucket's refresh through the outbox unless one is queued. */
export async function queueRefreshAfterMark(
  tx: Tx,
  mark: { tenantId: string; day: string },
  out: { mark_gen?: unknown; mark_was_queued?: unknown },
): Promise<void> {
  if (out.mark_was_queued === true) return;
  const { tenantId, day } = mark;
  await enqueue(tx, {
    tenantId,
    queue: 'monitoring',
    name: 'refresh-day',
    jobKey: `monitoring.${tenantId}.${day}.${String(out.mark_gen)}`,
    payload: { tenantId, day },
    delayMs: REFRESH_DELAY_MS,
  });
}

/** Marks the bucket in a statement of its own (a rating; transition() rides on its dossier write). */
export async function markMonitoringDirty(tx: Tx, tenantId: string, at: Date): Promise<void> {
  const mark = monitoringMark(tenantId, at);
  const { rows } = await tx.raw<{ rows: { mark_gen: string; mark_was_queued: boolean }[] }>(
    `with ${mark.ctes} select ${mark.columns}`,
    mark.bindings,
  );
  await queueRefreshAfterMark(tx, mark, rows[0]!);
}

/** The move's part of its monitoring: a monitored action marks its unit's bucket of the day. */
export const monitoringMarkFor = (tenantId: string, action: string, now: Date) =>
  MONITORED.has(action) ? monitoringMark(tenantId, now) : undefined;

/** After a rating, in its transaction: the satisfaction figures of the rating's day. */
export async function refreshMonitoringAfterRating(
  tx: Tx,
  r: { tenantId: string; dossierId: string; ratedAt: Date },
): Promise<void> {
  await markMonitoringDirty(tx, r.tenantId, r.ratedAt);
}
