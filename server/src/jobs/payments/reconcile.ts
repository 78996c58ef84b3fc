import { z } from 'zod';
import { paymentMismatchReport, reconcilePending } from '../../modules/payments/index';
import { defineJob, type JobDeps } from '../registry';

function gatewayOf(deps: JobDeps) {
  // Thrown, not skipped: the queue retries, and boot sets the gateway right after the jobs start.
  if (!deps.payments?.apiUrl) throw new Error('no payment gateway configured for querydr');
  return deps.payments;
}

/** querydr on every payment still pending after `olderThanMinutes`; settles what the gateway knows. */
export const reconcilePayments = defineJob({
  queue: 'payments',
  name: 'reconcile',
  payload: z.object({ olderThanMinutes: z.number().int().min(0) }).strict(),
  async handle(p, deps) {
    const r = await reconcilePending(deps.transactor, gatewayOf(deps), p);
    deps.logger.info(r, 'payments reconciled');
  },
});

/** Vietnam has no daylight saving: a local day is always [00:00+07, 24:00+07). */
const VN_OFFSET_MS = 7 * 3_600_000;

/** The local day (YYYY-MM-DD) `at` falls in. */
export function localDayOf(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function localDayRange(day: string): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/**
 * The daily report for one local day, kept in payment_mismatch_reports. Rewritten when run again
 * (a retry, or an operator re-running a day), so the row is always the latest comparison.
 */
export const paymentMismatchReportJob = defineJob({
  queue: 'payments',
  name: 'mismatch-report',
  payload: z.object({ day: z.iso.date() }).strict(),
  async handle(p, deps) {
    const mismatches = await paymentMismatchReport(deps.transactor, gatewayOf(deps), localDayRange(p.day));
    await deps.transactor.withSystem((tx) =>
      tx('payment_mismatch_reports')
        .insert({
          day: p.day,
          mismatches: JSON.stringify(mismatches),
          mismatch_count: mismatches.length,
        })
        .onConflict('day')
        .merge(['mismatches', 'mismatch_count', 'created_at']),
    );
  },
});
