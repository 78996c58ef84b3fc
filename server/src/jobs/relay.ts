import type { Logger } from 'pino';
import type { Transactor, Tx } from '../db/transactor';
import type { JobBackend, RelayedJob } from './backend';
import { onEnqueueCommitted } from './outbox';

interface OutboxRow {
  id: string;
  tenant_id: string | null;
  queue: string;
  job_name: string;
  payload: unknown;
  job_key: string;
}

export interface RelayOptions {
  transactor: Transactor;
  backend: JobBackend;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
  /** Backoff after a failed send: base × 2^attempts, capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Tests only: runs after the batch was sent and before it is marked — throwing there is a crash. */
  beforeMark?: (jobs: RelayedJob[]) => Promise<void>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * Moves committed outbox rows to the queue backend. At-least-once: a row is marked relayed only after
 * the backend took it, in the transaction that locked it; backends add idempotently by job key.
 * Several relays (web and worker processes) share the work through FOR UPDATE SKIP LOCKED.
 */
export class OutboxRelay {
  private readonly pollMs: number;
  private readonly batchSize: number;
  private loop: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private kicked = false;
  private unlisten: (() => void) | null = null;

  constructor(private readonly o: RelayOptions) {
    this.pollMs = o.pollMs ?? 200;
    this.batchSize = o.batchSize ?? 100;
  }

  start(): void {
    if (this.loop) return;
    this.unlisten = onEnqueueCommitted(() => this.kick());
    this.loop = this.run();
  }

  /** Relay now rather than at the next poll (an enqueueing transaction of this process committed). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Waits for the batch in flight, then stops polling. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.kicked = false;
      let sent = 0;
      try {
        sent = await this.relayOnce();
        failures = 0;
      } catch (err) {
        failures += 1;
        this.o.logger.error({ err, failures }, 'outbox relay pass failed');
      }
      if (sent < this.batchSize && !this.kicked && !this.stopped) {
        // While the database is down, poll less and less often rather than logging five errors a second.
        const delay = Math.min(this.pollMs * 2 ** failures, 30_000);
        await new Promise<void>((ok) => {
          const timer = setTimeout(ok, delay);
          this.wake = () => {
            clearTimeout(timer);
            ok();
          };
        });
        this.wake = null;
      }
    }
  }

  /** One batch; returns how many rows were relayed. */
  async relayOnce(): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.o.transactor.withSystem(async (tx) => {
        const rows = (await tx('outbox')
          .select('id', 'tenant_id', 'queue', 'job_name', 'payload', 'job_key')
          .whereNull('relayed_at')
          .where('available_at', '<=', tx.fn.now())
          .whereIn('queue', this.o.backend.queues)
          .orderBy('available_at')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked()) as OutboxRow[];
        ids = rows.map((r) => r.id);
        const sent: RelayedJob[] = [];
        const sentIds: string[] = [];
        for (const r of rows) {
          const job = {
            jobKey: r.job_key,
            tenantId: r.tenant_id,
            queue: r.queue,
            name: r.job_name,
            payload: r.payload,
          };
          try {
            await this.o.backend.add(job, tx);
            sent.push(job);
            sentIds.push(r.id);
          } catch (err) {
            this.o.logger.warn({ err, jobKey: r.job_key }, 'could not send job to the queue; will retry');
            await this.pushBack(tx, [r.id], err);
          }
        }
        await this.o.beforeMark?.(sent);
        if (sentIds.length > 0)
          await tx('outbox').whereIn('id', sentIds).update({ relayed_at: tx.fn.now(), last_error: null });
        return sentIds.length;
      });
    } catch (err) {
      // The whole batch rolled back (e.g. an in-process backend's insert failed): back off all of it.
      if (ids.length > 0) await this.o.transactor.withSystem((tx) => this.pushBack(tx, ids, err));
      throw err;
    }
  }

  private async pushBack(tx: Tx, ids: string[], err: unknown): Promise<void> {
    const base = this.o.retryBaseMs ?? 1000;
    const max = this.o.retryMaxMs ?? 300_000;
    await tx('outbox')
      .whereIn('id', ids)
      .update({
        relay_attempts: tx.raw('relay_attempts + 1'),
        last_error: errorText(err),
        available_at: tx.raw(
          `now() + least(?::float8 * power(2, relay_attempts), ?::float8) * interval '1 millisecond'`,
          [base, max],
        ),
      });
  }
}
