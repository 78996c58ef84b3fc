import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/transactor';
import { AppError } from '../errors';
import { findJob } from './registry';

export interface EnqueueInput {
  tenantId: string | null;
  queue: string;
  name: string;
  payload: unknown;
  /**
   * Idempotency key, also the queue's job id. Pass a deterministic one (e.g. `dossier-received.<id>`)
   * when the same cause may enqueue twice; the second enqueue is then a no-op.
   */
  jobKey?: string;
  /** Not before this many milliseconds from now (the relay picks it up at its first poll after). */
  delayMs?: number;
}

// BullMQ refuses ':' and integer-looking ids; '@' would break the e-mail Message-ID built from the key.
const JOB_KEY = /^[A-Za-z0-9._/-]{1,200}$/;

/** Relays of this process, woken when a transaction that enqueued commits. */
const committedListeners = new Set<() => void>();
export function onEnqueueCommitted(listener: () => void): () => void {
  committedListeners.add(listener);
  return () => committedListeners.delete(listener);
}

/**
 * Writes the job into the outbox inside the caller's transaction: it reaches the queue only if that
 * transaction commits. Returns whether a row was written (false: the job key was already enqueued).
 */
export async function enqueue(tx: Tx, input: EnqueueInput): Promise<{ jobKey: string; enqueued: boolean }> {
  // Known once its module is imported: by catalog.ts (startJobs loads it) or by the caller itself.
  const def = findJob(input.queue, input.name);
  if (!def)
    throw new Error(
      `Unknown job ${input.queue}/${input.name}: define it with defineJob() and list it in catalog.ts`,
    );
  const jobKey = input.jobKey ?? randomUUID();
  if (!JOB_KEY.test(jobKey) || /^\d+$/.test(jobKey))
    throw new Error(`Invalid job key ${JSON.stringify(jobKey)}`);
  const parsed = def.payload.safeParse(input.payload);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      {
        vi: `Dữ liệu công việc ${def.queue}/${def.name} không hợp lệ`,
        en: `Invalid payload for job ${def.queue}/${def.name}`,
      },
      parsed.error.issues.map((i) => ({
        path: `payload.${i.path.join('.')}`,
        message: i.message,
        message_en: i.message,
      })),
    );
  }
  const rows = (await tx('outbox')
    .insert({
      tenant_id: input.tenantId,
      queue: def.queue,
      job_name: def.name,
      payload: JSON.stringify(parsed.data ?? null),
      job_key: jobKey,
      ...(input.delayMs
        ? { available_at: tx.raw(`now() + ?::float8 * interval '1 millisecond'`, [input.delayMs]) }
        : {}),
    })
    .onConflict('job_key')
    .ignore()
    .returning('id')) as { id: string }[];
  // After commit (for a savepoint: after its release, which is early but harmless — the poll catches up).
  tx.executionPromise.then(
    () => committedListeners.forEach((l) => l()),
    () => undefined,
  );
  return { jobKey, enqueued: rows.length > 0 };
}
