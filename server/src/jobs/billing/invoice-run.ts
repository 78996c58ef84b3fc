import { z } from 'zod';
import {
  billChunk,
  countRunContracts,
  getBillingRun,
  markBillingRun,
  recordChunkProgress,
  type BillingRun,
} from '../../../../billing/src/index';
import type { Transactor } from '../../db/transactor';
import { systemClock } from '../../modules/audit/audit-log';
import { defineJob, type JobDeps } from '../registry';

export const invoiceRunPayload = z.object({ runId: z.uuid() }).strict();

export interface InvoiceRunOptions {
  /** Contracts per transaction: each chunk's invoices and progress commit together. */
  chunkSize?: number;
  /** Chunks in flight at once (each in its own transaction); 1 runs them strictly one by one. */
  lanes?: number;
  /** Test hook, called after each committed chunk with the contracts done so far. */
  afterChunk?: (done: number) => void | Promise<void>;
}

export const DEFAULT_CHUNK = 2_000;
/** Two: one chunk is drafted (in Node) and inserted while the one before it commits (in Postgres). */
export const DEFAULT_LANES = 2;

const END = Symbol('no more contracts');

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // Awaited by the next chunk, if any; a failure is also reported by the chunk that failed.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Bills the run's chunks with up to `lanes` in flight. Chunks are claimed in contract order (a
 * chunk starts where the one before it was read to end), drafted and inserted concurrently, and
 * committed strictly in order: each records its progress only after the chunk before it has
 * committed and its hook has run, so a failure anywhere rolls back every later chunk.
 */
async function billChunks(
  transactor: Transactor,
  run: BillingRun,
  now: Date,
  chunkSize: number,
  lanes: number,
  afterChunk: InvoiceRunOptions['afterChunk'],
): Promise<void> {
  let nextStart: Promise<string | null | typeof END> = Promise.resolve(run.cursorContractId);
  let previousCommitted: Promise<void> = Promise.resolve();
  let done = run.done;
  const lane = async (): Promise<void> => {
    for (;;) {
      // Claim the next chunk synchronously, so claims (and commits) keep contract order.
      const start = nextStart;
      const claimed = deferred<string | null | typeof END>();
      nextStart = claimed.promise;
      const before = previousCommitted;
      const committed = deferred<void>();
      previousCommitted = committed.promise;
      try {
        const after = await start;
        if (after === END) {
          claimed.resolve(END);
          committed.resolve();
          return;
        }
        const n = await transactor.withSystem(async (tx) => {
          const chunk = await billChunk(tx, run, after, chunkSize, now, (last) =>
            claimed.resolve(last ?? END),
          );
          if (chunk.contracts === 0) return 0;
          await before;
          await recordChunkProgress(tx, run.id, after, chunk);
          return chunk.contracts;
        });
        if (n > 0) {
          done += n;
          await afterChunk?.(done);
        }
        committed.resolve();
      } catch (e) {
        claimed.reject(e);
        committed.reject(e);
        throw e;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.max(1, lanes) }, lane));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Runs (or resumes) an invoice run. Each chunk drafts the contracts after the previous chunk and
 * commits invoices, progress and cursor together, in contract order; the unique (unit, contract,
 * kind, instalment) key is the backstop. Killed at any point and run again, it ends with exactly one
 * invoice per contract and instalment. Errors propagate so the queue retries.
 */
export async function executeInvoiceRun(
  transactor: Transactor,
  runId: string,
  now: Date,
  opts: InvoiceRunOptions = {},
): Promise<void> {
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const run = await transactor.withSystem(async (tx) => {
    const r = await getBillingRun(tx, runId, { forUpdate: true });
    if (r.status === 'completed' || r.dryRun) return null;
    // The total is counted once, when the run first starts; a resumed run keeps it.
    const total = r.startedAt ? undefined : await countRunContracts(tx, r, now);
    await markBillingRun(tx, runId, { status: 'running', now, total });
    return r;
  });
  if (!run) return;
  try {
    await billChunks(transactor, run, now, chunk, opts.lanes ?? DEFAULT_LANES, opts.afterChunk);
    await transactor.withSystem((tx) =>
      markBillingRun(tx, runId, { status: 'completed', now: systemClock() }),
    );
  } catch (e) {
    await transactor.withSystem((tx) =>
      markBillingRun(tx, runId, {
        status: 'failed',
        now: systemClock(),
        error: e instanceof Error ? e.message : String(e),
      }),
    );
    throw e;
  }
}

async function handle(p: z.infer<typeof invoiceRunPayload>, deps: JobDeps): Promise<void> {
  await executeInvoiceRun(deps.transactor, p.runId, systemClock());
}

export const invoiceRun = defineJob({
  queue: 'billing',
  name: 'invoice-run',
  payload: invoiceRunPayload,
  handle,
});
