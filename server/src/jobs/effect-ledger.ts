import type { Redis } from 'ioredis';
import type { Transactor } from '../db/transactor';

/**
 * Remembers that a job's outside side effect (an e-mail accepted by the SMTP server) happened, so a
 * retry or a second delivery of the same job does not repeat it. Usage: begin → do it → done, or
 * abort when doing it failed (so a retry may try again).
 */
export interface EffectLedger {
  /** go: do it now; done: it already happened; busy: another worker is doing it right now (retry later). */
  begin(jobKey: string, effect: string): Promise<'go' | 'done' | 'busy'>;
  done(jobKey: string, effect: string): Promise<void>;
  abort(jobKey: string, effect: string): Promise<void>;
}

/**
 * With Redis (BullMQ mode): SET NX takes a short lease, so two workers handed the same job (a stalled
 * job re-delivered while the first is still sending) cannot both send; `sent` is kept for 30 days,
 * far longer than any retry. An expired lease (the worker died mid-send) lets a retry send again:
 * for a notification, one duplicate after a crash beats a lost message.
 */
export function redisEffectLedger(redis: Redis, prefix: string, leaseMs = 120_000): EffectLedger {
  const key = (jobKey: string, effect: string) => `${prefix}:effects:${effect}:${jobKey}`;
  return {
    async begin(jobKey, effect) {
      const took = await redis.set(key(jobKey, effect), 'sending', 'PX', leaseMs, 'NX');
      if (took === 'OK') return 'go';
      return (await redis.get(key(jobKey, effect))) === 'sent' ? 'done' : 'busy';
    },
    async done(jobKey, effect) {
      await redis.set(key(jobKey, effect), 'sent', 'EX', 30 * 24 * 3600);
    },
    async abort(jobKey, effect) {
      await redis.del(key(jobKey, effect));
    },
  };
}

/**
 * Without Redis (in-process mode) the job's own job_runs row is the record: the runner takes a job
 * key once (unique job_key), runs it one attempt at a time and never again once `completed`, so the
 * only repeat left is a crash between the SMTP server's acceptance and the `completed` update — the
 * same window the Redis ledger has between acceptance and `done`.
 */
export function jobRunsEffectLedger(transactor: Transactor): EffectLedger {
  return {
    async begin(jobKey) {
      const row = (await transactor.withSystem((tx) =>
        tx('job_runs').where({ job_key: jobKey }).first('status'),
      )) as { status: string } | undefined;
      return row?.status === 'completed' ? 'done' : 'go';
    },
    async done() {},
    async abort() {},
  };
}
