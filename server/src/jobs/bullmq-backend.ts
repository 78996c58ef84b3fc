import { Queue, UnrecoverableError, Worker, type Job, type JobType } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BackendListQuery, JobBackend, JobStatus, JobView, RelayedJob } from './backend';
import { PermanentJobError, runJob, type JobDeps, type RetryPolicy } from './registry';

interface JobData {
  tenantId: string | null;
  payload: unknown;
}

const TYPES: Record<Exclude<JobStatus, 'pending'>, JobType[]> = {
  queued: ['waiting', 'delayed', 'prioritized', 'waiting-children'],
  running: ['active'],
  completed: ['completed'],
  failed: ['failed'],
};

export interface BullmqBackendOptions {
  /** A connection of its own (BullMQ needs maxRetriesPerRequest: null); closed by close(). */
  connection: Redis;
  prefix: string;
  queues: readonly string[];
  deps: JobDeps;
  logger: Logger;
  retry: RetryPolicy;
  /** Run handlers in this process (false: only send, e.g. a relay-only process). */
  work: boolean;
  concurrency?: number;
}

/**
 * BullMQ on Redis. The outbox row's job key is the BullMQ jobId, so adding a row twice adds one job
 * (while the job is kept: completed jobs stay a day, far longer than a relay re-send takes).
 */
export class BullmqBackend implements JobBackend {
  readonly kind = 'bullmq';
  readonly queues: readonly string[];
  private readonly byName = new Map<string, Queue<JobData>>();
  private readonly workers: Worker<JobData>[] = [];

  constructor(private readonly o: BullmqBackendOptions) {
    this.queues = o.queues;
    for (const name of o.queues) {
      const queue = new Queue<JobData>(name, {
        connection: o.connection,
        prefix: o.prefix,
        defaultJobOptions: {
          attempts: o.retry.attempts,
          backoff: { type: 'exponential', delay: o.retry.backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: false, // failed jobs stay for the operator's list
        },
      });
      queue.on('error', (err) => o.logger.error({ err, queue: name }, 'queue error'));
      this.byName.set(name, queue);
      if (o.work) this.workers.push(this.worker(name));
    }
  }

  private worker(queue: string): Worker<JobData> {
    const { deps, logger } = this.o;
    const worker = new Worker<JobData>(
      queue,
      async (job: Job<JobData>) => {
        try {
          await runJob(queue, job.name, job.data.payload, deps, {
            jobKey: String(job.id),
            tenantId: job.data.tenantId,
            attempt: job.attemptsMade + 1,
          });
        } catch (err) {
          // Rethrown, never swallowed: BullMQ retries with backoff, or fails at once when retrying cannot help.
          if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
          throw err;
        }
      },
      { connection: this.o.connection, prefix: this.o.prefix, concurrency: this.o.concurrency ?? 5 },
    );
    worker.on('failed', (job, err) =>
      logger.warn({ err, queue, jobKey: job?.id, attempts: job?.attemptsMade }, 'job attempt failed'),
    );
    worker.on('error', (err) => logger.error({ err, queue }, 'worker error'));
    return worker;
  }

  async add(job: RelayedJob): Promise<void> {
    const queue = this.byName.get(job.queue);
    if (!queue) throw new Error(`Queue ${job.queue} is not served by this backend`);
    await queue.add(job.name, { tenantId: job.tenantId, payload: job.payload }, { jobId: job.jobKey });
  }

  async list(_tx: unknown, q: BackendListQuery): Promise<{ rows: JobView[]; total: number }> {
    const groups = q.status ? [q.status] : (Object.keys(TYPES) as (keyof typeof TYPES)[]);
    const queues = q.queue
      ? [this.byName.get(q.queue)].filter((x) => x !== undefined)
      : [...this.byName.values()];
    let total = 0;
    const rows: JobView[] = [];
    // One read per state group, so each job's status is known without asking Redis job by job.
    for (const queue of queues) {
      for (const status of groups) {
        total += await queue.getJobCountByTypes(...TYPES[status]);
        for (const job of await queue.getJobs(TYPES[status], 0, q.limit - 1, false)) {
          rows.push({
            id: String(job.id),
            queue: queue.name,
            name: job.name,
            tenantId: job.data.tenantId,
            status,
            attempts: job.attemptsMade,
            lastError: job.failedReason || null,
            createdAt: new Date(job.timestamp),
            finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
          });
        }
      }
    }
    rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return { rows: rows.slice(0, q.limit), total };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.byName.values()].map((q) => q.close()));
    await this.o.connection.quit();
  }
}
