import { z } from 'zod';
import type { Tx } from '../db/transactor';
import type { ListParams } from '../http/list-params';
import { JOB_STATUSES, type JobBackend, type JobView } from './backend';

export const jobFilter = z
  .object({ status: z.enum(JOB_STATUSES).optional(), queue: z.string().max(63).optional() })
  .strict();
export type JobFilter = z.infer<typeof jobFilter>;
export const jobSortable = ['createdAt'] as const;

interface PendingRow {
  job_key: string;
  tenant_id: string | null;
  queue: string;
  job_name: string;
  relay_attempts: number;
  last_error: string | null;
  created_at: Date;
}

/**
 * The operator's view of jobs: rows still in the outbox (pending) plus what the backend holds (BullMQ
 * on Redis, or job_runs in-process), newest first. Both sources are read up to the end of the page and
 * merged, so a page never skips or repeats a job that stays put. The order is always newest first.
 */
export async function listJobs(
  tx: Tx,
  backend: JobBackend,
  params: ListParams<JobFilter>,
): Promise<{ rows: JobView[]; total: number; from: number; to: number }> {
  const { status, queue } = params.filter;
  const limit = params.range.to + 1;
  let pending: { rows: JobView[]; total: number } = { rows: [], total: 0 };
  if (!status || status === 'pending') {
    const base = tx('outbox').whereNull('relayed_at');
    if (queue) base.where({ queue });
    const count = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
    const rows = (await base.clone().select('*').orderBy('created_at', 'desc').limit(limit)) as PendingRow[];
    pending = {
      total: Number(count.n),
      rows: rows.map((r) => ({
        id: r.job_key,
        queue: r.queue,
        name: r.job_name,
        tenantId: r.tenant_id,
        status: 'pending',
        attempts: r.relay_attempts,
        lastError: r.last_error,
        createdAt: r.created_at,
        finishedAt: null,
      })),
    };
  }
  const held =
    status === 'pending' ? { rows: [], total: 0 } : await backend.list(tx, { status, queue, limit });
  // Always newest first: both sources are read newest-first up to `limit`, which only serves that order.
  const merged = [...pending.rows, ...held.rows].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
  );
  const rows = merged.slice(params.range.from, params.range.to + 1);
  return {
    rows,
    total: pending.total + held.total,
    from: params.range.from,
    to: params.range.from + Math.max(rows.length - 1, 0),
  };
}
