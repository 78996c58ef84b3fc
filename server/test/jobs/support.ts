import { pino } from 'pino';
import { inject } from 'vitest';
import { z } from 'zod';
import { parseEnv, type Env } from '../../src/config/index';
import { openDatabase, type Database } from '../../src/db/database';
import { Transactor } from '../../src/db/transactor';
import { defineJob, PermanentJobError } from '../../src/jobs/registry';
import { createTenant } from '../../src/modules/tenancy/service';
import { testActor, uniqueSuffix, uniqueTenantCode } from '../support/app';
import { testRedisUrl } from '../support/env';

export const silent = pino({ level: 'silent' });

export function jobsTestEnv(extra: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: 'test',
    DATABASE_URL: inject('ownerUrl'),
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: `test-jobs-${uniqueSuffix()}`,
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

export async function openTestDb(env: Env): Promise<{ db: Database; transactor: Transactor }> {
  const db = await openDatabase(env, { poolMax: 4 });
  return { db, transactor: new Transactor(db) };
}

export async function newTenantId(transactor: Transactor): Promise<string> {
  const code = uniqueTenantCode();
  const t = await transactor.withSystem((tx) =>
    createTenant(tx, { code, name: `Đơn vị thử việc nền ${code}`, kind: 'other' }, testActor),
  );
  return t.id;
}

/**
 * A queue name no other test file uses: every booted test server relays the product's queues, so a
 * test's rows must live on a queue only this file's relay serves.
 */
export const uniqueQueue = () => `test-${uniqueSuffix()}`;

/** Jobs whose handler records each attempt and fails on the attempts `failOn` says. */
export function defineProbeJobs(queue: string) {
  const attempts = new Map<string, number[]>(); // job key → times of each attempt
  const note = (key: string) => attempts.set(key, [...(attempts.get(key) ?? []), Date.now()]);
  const payload = z.object({ n: z.number().int() }).strict();
  defineJob({ queue, name: 'ok', payload, handle: async (_p, _d, ctx) => void note(ctx.jobKey) });
  defineJob({
    queue,
    name: 'flaky', // fails the first two attempts
    payload,
    handle: async (_p, _d, ctx) => {
      note(ctx.jobKey);
      if (ctx.attempt <= 2) throw new Error(`flaky attempt ${ctx.attempt}`);
    },
  });
  defineJob({
    queue,
    name: 'broken',
    payload,
    handle: async (_p, _d, ctx) => {
      note(ctx.jobKey);
      throw new Error('always broken');
    },
  });
  defineJob({
    queue,
    name: 'hopeless',
    payload,
    handle: async (_p, _d, ctx) => {
      note(ctx.jobKey);
      throw new PermanentJobError('retrying cannot help');
    },
  });
  return {
    runs: (key: string) => attempts.get(key)?.length ?? 0,
    times: (key: string) => attempts.get(key) ?? [],
  };
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`waitFor timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
