import type { Logger } from 'pino';
import type { Transactor } from '../../db/transactor';
import { enqueue } from '../outbox';
import { localDayOf } from './reconcile';

const SLOT_MS = 5 * 60_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** yyyyMMddHHmm (UTC) of the 5-minute slot `at` falls in. */
export function reconcileSlotOf(at: Date): string {
  const s = new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS);
  return `${s.getUTCFullYear()}${pad(s.getUTCMonth() + 1)}${pad(s.getUTCDate())}${pad(s.getUTCHours())}${pad(s.getUTCMinutes())}`;
}

export interface PaymentsScheduleOptions {
  transactor: Transactor;
  logger: Logger;
  olderThanMinutes: number;
  now?: () => Date;
}

/**
 * Enqueues this slot's reconciliation and yesterday's mismatch report. Every server ticks; the job
 * keys (one per 5-minute slot, one per local day) make the outbox keep only the first, so each runs
 * once however many servers there are.
 */
export async function enqueuePaymentsSchedule(o: PaymentsScheduleOptions): Promise<void> {
  const now = (o.now ?? (() => new Date()))();
  const yesterday = localDayOf(new Date(now.getTime() - 86_400_000));
  await o.transactor.withSystem(async (tx) => {
    await enqueue(tx, {
      tenantId: null,
      queue: 'payments',
      name: 'reconcile',
      jobKey: `payments-reconcile.${reconcileSlotOf(now)}`,
      payload: { olderThanMinutes: o.olderThanMinutes },
    });
    await enqueue(tx, {
      tenantId: null,
      queue: 'payments',
      name: 'mismatch-report',
      jobKey: `payments-mismatch-report.${yesterday.replaceAll('-', '')}`,
      payload: { day: yesterday },
    });
  });
}

/** The timer boot starts; stop() clears it. Unref'd, so it never keeps a process alive. */
export function startPaymentsSchedule(o: PaymentsScheduleOptions & { intervalMs: number }): {
  stop(): void;
} {
  const tick = () =>
    void enqueuePaymentsSchedule(o).catch((err: unknown) =>
      o.logger.warn({ err }, 'could not enqueue payment reconciliation'),
    );
  const timer = setInterval(tick, o.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
