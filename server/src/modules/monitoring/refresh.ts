import type { Tx } from '../../db/transactor';
import { dayBounds } from './days';

/** Dossier actions that change a monitoring figure: reception, an approval, the return. */
export const MONITORED = new Set(['receive', 'approve', 'return']);

type Counts = Record<string, string | number>;
const n = (v: string | number | undefined) => Number(v ?? 0);

/**
 * Recomputes one (unit, local day) bucket from the raw rows: deletes its rows and writes them again,
 * under a transaction-scoped lock on the bucket so two refreshes of one bucket run one after the
 * other. Running it twice gives the same rows (idempotent); running it after any action gives what
 * a direct count gives. Runs in the unit's transaction.
 */
export async function recomputeDay(
  tx: Tx,
  tenantId: string,
  day: string,
  now: Date = new Date(),
): Promise<void> {
  await tx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`monitoring:${tenantId}:${day}`]);
  const { start, end } = dayBounds(day);
  // Every figure of the bucket in one statement (one snapshot, one round trip); each part filters
  // the unit and the day's half-open UTC range.
  const inDay = (col: string) => `tenant_id = :t and ${col} >= :start and ${col} < :end`;
  const { rows: read } = await tx.raw<{
    rows: {
      rec: Counts;
      res: Counts;
      rat: Counts;
      officers: Counts[];
      per_procedure: { procedure_id: string; received: number }[];
    }[];
  }>(
    `select
       (select row_to_json(x) from (
          select count(*) as received, count(*) filter (where channel = 'online') as received_online,
                 count(*) filter (where jsonb_array_length(attachments) > 0) as received_digitized
            from dossiers where ${inDay('received_at')}) x) as rec,
       (select row_to_json(x) from (
          select count(*) as resolved, count(*) filter (where timeliness = 'early') as early,
                 count(*) filter (where timeliness = 'on_time') as on_time, count(*) filter (where timeliness = 'late') as late,
                 count(*) filter (where timeliness = 'late' and exists (select 1 from dossier_events e
                   where e.tenant_id = d.tenant_id and e.dossier_id = d.id and e.action = 'apologize')) as late_apologized
            from dossiers d where ${inDay('d.returned_at').replace('tenant_id', 'd.tenant_id')}) x) as res,
       (select row_to_json(x) from (
          select count(*) as rated, count(*) filter (where level = 'very_satisfied') as very_satisfied,
                 count(*) filter (where level = 'satisfied') as satisfied, count(*) filter (where level = 'unsatisfied') as unsatisfied
            from dossier_ratings where ${inDay('rated_at')}) x) as rat,
       (select coalesce(json_agg(x), '[]'::json) from (
          select actor_kind || ':' || coalesce(actor_id, '') as officer,
                 count(*) filter (where action = 'receive') as received, count(*) filter (where action = 'approve') as approved,
                 count(*) filter (where action = 'return') as resolved,
                 count(*) filter (where action = 'return' and data->>'timeliness' = 'early') as early,
                 count(*) filter (where action = 'return' and data->>'timeliness' = 'on_time') as on_time,
                 count(*) filter (where action = 'return' and data->>'timeliness' = 'late') as late
            from dossier_events where ${inDay('at')} and action in (${[...MONITORED].map((a) => `'${a}'`).join(', ')})
           group by 1) x) as officers,
       (select coalesce(json_agg(x), '[]'::json) from (
          select procedure_id, count(*)::int as received from dossiers where ${inDay('received_at')}
           group by procedure_id) x) as per_procedure`,
    { t: tenantId, start, end },
  );
  const { rec, res, rat, officers, per_procedure: perProcedure } = read[0]!;
  await tx.raw(
    `with days as (delete from monitoring_days where tenant_id = :t and day = :day)
     delete from monitoring_procedure_days where tenant_id = :t and day = :day`,
    { t: tenantId, day },
  );
  if (perProcedure.length)
    await tx('monitoring_procedure_days').insert(
      perProcedure.map((p) => ({
        tenant_id: tenantId,
        day,
        procedure_id: p.procedure_id,
        received: p.received,
      })),
    );
  const unit = {
    received: n(rec.received),
    received_online: n(rec.received_online),
    received_digitized: n(rec.received_digitized),
    resolved: n(res.resolved),
    early: n(res.early),
    on_time: n(res.on_time),
    late: n(res.late),
    late_apologized: n(res.late_apologized),
    approved: officers.reduce((s, o) => s + n(o.approved), 0),
    rated: n(rat.rated),
    very_satisfied: n(rat.very_satisfied),
    satisfied: n(rat.satisfied),
    unsatisfied: n(rat.unsatisfied),
  };
  const rows = [
    { tenant_id: tenantId, day, officer: '', ...unit, computed_at: now },
    ...officers.map((o) => ({
      tenant_id: tenantId,
      day,
      officer: String(o.officer),
      computed_at: now,
      received: n(o.received),
      approved: n(o.approved),
      resolved: n(o.resolved),
      early: n(o.early),
      on_time: n(o.on_time),
      late: n(o.late),
    })),
  ];
  // An empty bucket keeps no row: the sums over a period are the same, and the table stays small.
  const kept = rows.filter((r) => Object.values(unit).some((v) => v > 0) || r.officer !== '');
  if (kept.length) await tx('monitoring_days').insert(kept);
}
