import type { Tx } from '../db/transactor';

/** An outbox row on its way to the queue. */
export interface RelayedJob {
  jobKey: string;
  tenantId: string | null;
  queue: string;
  name: string;
  payload: unknown;
}

/** pending: still in the outbox; queued: waiting in the queue (or for a retry); then running, completed, failed. */
export const JOB_STATUSES = ['pending', 'queued', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobView {
  id: string;
  queue: string;
  name: string;
  tenantId: string | null;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface BackendListQuery {
  status?: Exclude<JobStatus, 'pending'>;
  queue?: string;
  /** The newest `limit` jobs are enough to cut any page up to that position. */
  limit: number;
}

/**
 * Where relayed jobs go. `add` must be idempotent by job key: the relay may send a row twice (a crash
 * between add and marking the row relayed). It receives the relay's transaction so a backend that
 * keeps its queue in the database commits its record with the mark — and because PGlite serializes
 * transactions, opening a second one there would wait for the relay forever.
 */
export interface JobBackend {
  readonly kind: 'bullmq' | 'in-process';
  readonly queues: readonly string[];
  add(job: RelayedJob, tx: Tx): Promise<void>;
  /** For the operator's job list; `tx` is the caller's (platform) transaction. */
  list(tx: Tx, q: BackendListQuery): Promise<{ rows: JobView[]; total: number }>;
  /** Stops taking work and waits for running handlers. */
  close(): Promise<void>;
}
