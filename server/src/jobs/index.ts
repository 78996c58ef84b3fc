import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Env } from '../config/index';
import type { Transactor } from '../db/transactor';
import type { JobBackend } from './backend';
import { BullmqBackend } from './bullmq-backend';
import { jobRunsEffectLedger, redisEffectLedger } from './effect-ledger';
import { InProcessBackend } from './in-process-backend';
import { smtpMailSender } from './notifications/mailer';
import { httpSmsSender, unconfiguredSmsSender } from './notifications/sms-gateway';
import { DEFAULT_RETRY, registeredQueues, type JobDeps, type RetryPolicy } from './registry';
import { OutboxRelay, type RelayOptions } from './relay';
import './catalog';

export interface StartJobsOptions {
  env: Env;
  transactor: Transactor;
  /** BullMQ when given, else jobs run in this process. */
  redis: Redis | null;
  logger: Logger;
  /** Replace a dependency of the handlers (tests pass their own mail sender or ledger). */
  deps?: Partial<Pick<JobDeps, 'mail' | 'effects' | 'sms'>>;
  /** Where e-mail goes when env.SMTP_URL is unset (boot passes the development sink). */
  smtpUrl?: string;
  /** Where SMS goes when env.SMS_GATEWAY_URL is unset (boot passes the development simulator). */
  smsGateway?: { url: string; apiKey: string };
  /** Queues this process relays and runs; all defined queues by default. */
  queues?: string[];
  retry?: Partial<RetryPolicy>;
  relay?: Pick<RelayOptions, 'pollMs' | 'batchSize' | 'retryBaseMs' | 'retryMaxMs' | 'beforeMark'>;
  /** Run BullMQ workers here too (default true); false makes a relay-only process. */
  work?: boolean;
}

export interface RunningJobs {
  relay: OutboxRelay;
  backend: JobBackend;
  deps: JobDeps;
  stop(): Promise<void>;
}

/** Starts the outbox relay and the queue backend; stop() drains both, relay first. */
export async function startJobs(o: StartJobsOptions): Promise<RunningJobs> {
  const { env, transactor, redis } = o;
  const logger = o.logger.child({ component: 'jobs' });
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  const queues = o.queues ?? registeredQueues();
  const mail =
    o.deps?.mail ??
    smtpMailSender(env.SMTP_URL ?? o.smtpUrl ?? `smtp://127.0.0.1:${env.DEV_SMTP_PORT}`, env.MAIL_FROM);
  const effects =
    o.deps?.effects ?? (redis ? redisEffectLedger(redis, env.REDIS_PREFIX) : jobRunsEffectLedger(transactor));
  const smsUrl = env.SMS_GATEWAY_URL ?? o.smsGateway?.url;
  const sms =
    o.deps?.sms ??
    (smsUrl
      ? httpSmsSender(smsUrl, env.SMS_GATEWAY_API_KEY ?? o.smsGateway?.apiKey ?? '')
      : unconfiguredSmsSender);
  const deps: JobDeps = { transactor, logger, mail, effects, sms, env };

  let backend: JobBackend;
  if (redis) {
    const connection = redis.duplicate({ maxRetriesPerRequest: null });
    backend = new BullmqBackend({
      connection,
      prefix: `${env.REDIS_PREFIX}:bull`,
      queues,
      deps,
      logger,
      retry,
      work: o.work ?? true,
    });
  } else {
    const inProcess = new InProcessBackend(transactor, deps, logger, queues, retry);
    await inProcess.start();
    backend = inProcess;
  }
  const relay = new OutboxRelay({ transactor, backend, logger, ...o.relay });
  relay.start();
  return {
    relay,
    backend,
    deps,
    async stop() {
      await relay.stop();
      await backend.close();
      if (!o.deps?.mail) mail.close();
    },
  };
}
