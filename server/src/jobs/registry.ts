import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Env } from '../config/index';
import type { Transactor } from '../db/transactor';
import type { PaymentsGateway } from '../modules/payments/gateway';
import type { EffectLedger } from './effect-ledger';
import type { MailSender } from './notifications/mailer';
import type { SmsSender } from './notifications/sms-gateway';

/** What every handler may use. Handlers open their own transactions: a job runs after its cause committed. */
export interface JobDeps {
  transactor: Transactor;
  logger: Logger;
  /** The process's configuration (where files live, for jobs that read uploads). */
  env: Env;
  mail: MailSender;
  /** The HTTP SMS gateway (the development simulator when none is configured). */
  sms: SmsSender;
  /** Remembers side effects outside our database (an e-mail sent) per job key, across retries. */
  effects: EffectLedger;
  /** The payment gateway (querydr, refunds); boot sets it once the gateway's address is known. */
  payments?: PaymentsGateway;
}

export interface JobContext {
  /** The outbox row's job_key: the same for every attempt, so it is the idempotency key. */
  jobKey: string;
  tenantId: string | null;
  /** 1 on the first try. */
  attempt: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: string;
  name: string;
  payload: S;
  handle(payload: z.infer<S>, deps: JobDeps, ctx: JobContext): Promise<void>;
}

/** Thrown when retrying cannot help (a payload that no longer parses, an unknown job): fail at once. */
export class PermanentJobError extends Error {}

// Queue names become Redis key parts and job names appear in URLs and logs: keep them plain.
const PLAIN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const definitions = new Map<string, JobDefinition>();
const keyOf = (queue: string, name: string) => `${queue}/${name}`;

/** Registers a job so enqueue() can validate its payload and workers can run it. */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (!PLAIN.test(def.queue) || !PLAIN.test(def.name))
    throw new Error(`Bad job name ${def.queue}/${def.name}`);
  if (definitions.has(keyOf(def.queue, def.name)))
    throw new Error(`Job ${def.queue}/${def.name} is defined twice`);
  definitions.set(keyOf(def.queue, def.name), def as JobDefinition);
  return def;
}

export function findJob(queue: string, name: string): JobDefinition | undefined {
  return definitions.get(keyOf(queue, name));
}

export function registeredQueues(): string[] {
  return [...new Set([...definitions.values()].map((d) => d.queue))].sort();
}

/**
 * Parses the stored payload again (a definition may have changed since the row was written) and runs
 * the handler. Errors propagate: the backend decides between retry and failure.
 */
export async function runJob(
  queue: string,
  name: string,
  payload: unknown,
  deps: JobDeps,
  ctx: JobContext,
): Promise<void> {
  const def = findJob(queue, name);
  if (!def) throw new PermanentJobError(`No job ${queue}/${name} is defined in this process`);
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success)
    throw new PermanentJobError(`Payload of ${queue}/${name} is invalid: ${parsed.error.message}`);
  await def.handle(parsed.data, deps, ctx);
}

/** Exponential backoff: base, 2×base, 4×base … capped. */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1000 };

export function backoffDelay(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.backoffMs * 2 ** (failedAttempt - 1), 3_600_000);
}
