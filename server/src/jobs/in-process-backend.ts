import type { Logger } from 'pino';
import type { Transactor, Tx } from '../db/transactor';
import type { BackendListQuery, JobBackend, JobView, RelayedJob } from './backend';
import { backoffDelay, PermanentJobError, runJob, type JobDeps, type RetryPolicy } from './registry';

interface RunRow {
  job_key: string;
  tenant_id: string | null;
  queue: string;
  job_name: string;
  status: 'running' | 'completed' | 'failed';
  attempts: number;
  last_error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * No Redis: jobs run in this process with the same retry policy, and each run is a job_runs row
 * (unique job_key), written in the relay's transaction. So a job is taken once even when the relay
 * sends it twice, and a job accepted before a crash is found again at start (status still running).
 * Assumes one process runs the in-process jobs, which is what embedded mode is.
 */
export class InProcessBackend implements JobBackend {
  readonly kind = 'in-process';
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly transactor: Transactor,
    private readonly deps: JobDeps,
    private readonly logger: Logger,
    readonly queues: readonly string[],
    private readonly retry: RetryPolicy,
  ) {}

  /** Resumes jobs accepted before the last stop or crash. */
  async start(): Promise<void> {
    const rows = (await this.transactor.withSystem((tx) =>
      tx('job_runs as r')
        .join('outbox as o', 'o.job_key', 'r.job_key')
        .where('r.status', 'running')
        .whereIn('r.queue', this.queues)
        .select('r.job_key', 'r.attempts', 'o.tenant_id', 'o.queue', 'o.job_name', 'o.payload'),
    )) as {
      job_key: string;
      attempts: number;
      tenant_id: string | null;
      queue: string;
      job_name: string;
      payload: unknown;
    }[];
    for (const r of rows) {
      this.schedule(
        { jobKey: r.job_key, tenantId: r.tenant_id, queue: r.queue, name: r.job_name, payload: r.payload },
        r.attempts + 1,
        0,
      );
    }
  }

  async add(job: RelayedJob, tx: Tx): Promise<void> {
    const inserted = (await tx('job_runs')
      .insert({
        tenant_id: job.tenantId,
        queue: job.queue,
        job_name: job.name,
        job_key: job.jobKey,
        status: 'running',
        // Its first attempt is scheduled with this commit: counted here, not in a transaction of its own.
        attempts: 1,
      })
      .onConflict('job_key')
      .ignore()
      .returning('id')) as { id: string }[];
    if (inserted.length === 0) return; // already taken: the relay sent this row before
    tx.executionPromise.then(
      () => this.schedule(job, 1, 0),
      () => undefined, // the relay rolled back: the row is sent again later
    );
  }

  private schedule(job: RelayedJob, attempt: number, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.attempt(job, attempt).catch((err) =>
        this.logger.error({ err, jobKey: job.jobKey }, 'job bookkeeping failed'),
      );
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(job: RelayedJob, attempt: number): Promise<void> {
    if (this.closed) return;
    const run = (tx: Tx) => tx('job_runs').where({ job_key: job.jobKey });
    if (attempt > 1) await this.transactor.withSystem((tx) => run(tx).update({ attempts: attempt }));
    try {
      await runJob(job.queue, job.name, job.payload, this.deps, {
        jobKey: job.jobKey,
        tenantId: job.tenantId,
        attempt,
      });
    } catch (err) {
      const final = err instanceof PermanentJobError || attempt >= this.retry.attempts;
      this.logger.warn({ err, jobKey: job.jobKey, attempt, final }, 'job attempt failed');
      await this.transactor.withSystem((tx) =>
        run(tx).update(
          final
            ? { status: 'failed', last_error: errorText(err), finished_at: tx.fn.now() }
            : { last_error: errorText(err) },
        ),
      );
      if (!final) this.schedule(job, attempt + 1, backoffDelay(this.retry, attempt));
      return;
    }
    await this.transactor.withSystem((tx) =>
      run(tx).update({ status: 'completed', finished_at: tx.fn.now() }),
    );
  }

  async list(tx: Tx, q: BackendListQuery): Promise<{ rows: JobView[]; total: number }> {
    // A job waiting for its retry is still `running` here: the runner keeps no separate queued state.
    if (q.status === 'queued') return { rows: [], total: 0 };
    const base = tx('job_runs').whereIn('queue', q.queue ? [q.queue] : this.queues);
    if (q.status) base.where({ status: q.status });
    const count = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
    const rows = (await base.clone().select('*').orderBy('started_at', 'desc').limit(q.limit)) as RunRow[];
    return {
      total: Number(count.n),
      rows: rows.map((r) => ({
        id: r.job_key,
        queue: r.queue,
        name: r.job_name,
        tenantId: r.tenant_id,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.started_at,
        finishedAt: r.finished_at,
      })),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
