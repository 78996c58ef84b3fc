import { z } from 'zod';
import {
  billNextChunk,
  countRunContracts,
  getBillingRun,
  markBillingRun,
} from '../../../../billing/src/index';
import type { Transactor } from '../../db/transactor';
import { systemClock } from '../../modules/audit/audit-log';
import { defineJob, type JobDeps } from '../registry';

export const invoiceRunPayload = z.object({ runId: z.uuid() }).strict();

export interface InvoiceRunOptions {
  /** Contracts per transaction: each chunk's invoices and progress commit together. */
  chunkSize?: number;
  /** Test hook, called after each committed chunk with the contracts done so far. */
  afterChunk?: (done: number) => void | Promise<void>;
}

export const DEFAULT_CHUNK = 2_000;

/**
 * Runs (or resumes) an invoice run. Each chunk locks the run row, drafts the contracts after its
 * cursor and commits invoices, progress and cursor together; the unique (unit, contract, kind,
 * instalment) key is the backstop. Killed at any point and run again, it ends with exactly one
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
    let done = run.done;
    for (;;) {
      const n = await transactor.withSystem((tx) => billNextChunk(tx, runId, chunk, now));
      if (n === 0) break;
      done += n;
      await opts.afterChunk?.(done);
    }
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
