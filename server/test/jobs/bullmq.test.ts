import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/config/index';
import type { Database } from '../../src/db/database';
import type { Transactor, Tx } from '../../src/db/transactor';
import { startJobs, type RunningJobs } from '../../src/jobs/index';
import { listJobs, type JobFilter } from '../../src/jobs/listing';
import { enqueue } from '../../src/jobs/outbox';
import { testRedisUrl } from '../support/env';
import {
  defineProbeJobs,
  jobsTestEnv,
  newTenantId,
  openTestDb,
  silent,
  sleep,
  uniqueQueue,
  waitFor,
} from './support';

/** The same guarantees with BullMQ on the real Redis, under a prefix of this file's own. */
const queue = uniqueQueue();
const probe = defineProbeJobs(queue);
const crashOnce = new Set<string>();

let env: Env;
let db: Database;
let transactor: Transactor;
let redis: Redis;
let jobs: RunningJobs;
let inspect: Queue;
let tenantId: string;

beforeAll(async () => {
  env = jobsTestEnv();
  ({ db, transactor } = await openTestDb(env));
  tenantId = await newTenantId(transactor);
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
  jobs = await startJobs({
    env,
    transactor,
    redis,
    logger: silent,
    queues: [queue],
    retry: { attempts: 3, backoffMs: 100 },
    relay: {
      pollMs: 50,
      retryBaseMs: 10,
      beforeMark: async (sent) => {
        const hit = sent.find((j) => crashOnce.delete(j.jobKey));
        if (hit) throw new Error(`simulated crash after sending ${hit.jobKey}`);
      },
    },
  });
  inspect = new Queue(queue, { connection: { url: testRedisUrl() }, prefix: `${env.REDIS_PREFIX}:bull` });
});

afterAll(async () => {
  await jobs?.stop();
  await inspect?.obliterate({ force: true }).catch(() => undefined);
  await inspect?.close();
  const leftovers = await redis.keys(`${env.REDIS_PREFIX}:*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  await redis?.quit();
  await db?.close();
});

const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => transactor.withTenant({ tenantId, actorId: null }, fn);
const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;
const state = async (jobKey: string) => (await inspect.getJob(jobKey))?.getState() ?? null;
const relayed = (jobKey: string) =>
  transactor.withSystem((tx) =>
    tx('outbox').where({ job_key: jobKey }).first('relayed_at', 'relay_attempts'),
  ) as Promise<{ relayed_at: Date | null; relay_attempts: number } | undefined>;
const list = (filter: JobFilter) =>
  transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
    listJobs(tx, jobs.backend, {
      sort: { field: 'createdAt', order: 'desc' },
      range: { from: 0, to: 49 },
      filter,
    }),
  );

describe('BullMQ backend', () => {
  it('never queues a job whose transaction rolled back', async () => {
    const jobKey = key('rolled-back');
    await expect(
      inTenant(async (tx) => {
        await enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await jobs.relay.relayOnce();
    await sleep(300);
    expect(await inspect.getJob(jobKey)).toBeUndefined();
    expect(probe.runs(jobKey)).toBe(0);
  });

  it('runs a committed job exactly once, with the job key as BullMQ job id', async () => {
    const jobKey = key('committed');
    await inTenant((tx) => enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey }));
    await waitFor(
      () => state(jobKey),
      (s) => s === 'completed',
    );
    await jobs.relay.relayOnce();
    await sleep(300);
    expect(probe.runs(jobKey)).toBe(1);
    expect((await inspect.getJob(jobKey))?.data).toEqual({ tenantId, payload: { n: 1 } });
  });

  it('runs once when the relay crashes between sending and marking (BullMQ dedupes by job id)', async () => {
    const jobKey = key('crash');
    crashOnce.add(jobKey);
    await inTenant((tx) => enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey }));
    await waitFor(
      () => relayed(jobKey),
      (r) => r?.relayed_at instanceof Date,
    );
    await waitFor(
      () => state(jobKey),
      (s) => s === 'completed',
    );
    await sleep(300);
    expect((await relayed(jobKey))?.relay_attempts).toBe(1); // it was sent twice
    expect(probe.runs(jobKey)).toBe(1);
  });

  it('retries with exponential backoff until the handler succeeds', async () => {
    const jobKey = key('flaky');
    await inTenant((tx) => enqueue(tx, { tenantId, queue, name: 'flaky', payload: { n: 1 }, jobKey }));
    await waitFor(
      () => state(jobKey),
      (s) => s === 'completed',
    );
    const [t1, t2, t3] = probe.times(jobKey) as [number, number, number];
    expect(probe.runs(jobKey)).toBe(3);
    expect(t2 - t1).toBeGreaterThanOrEqual(90);
    expect(t3 - t2).toBeGreaterThanOrEqual(190);
  });

  it('keeps a job that always fails as failed and lists it', async () => {
    const jobKey = key('broken');
    const hopeless = key('hopeless');
    await inTenant(async (tx) => {
      await enqueue(tx, { tenantId, queue, name: 'broken', payload: { n: 1 }, jobKey });
      await enqueue(tx, { tenantId, queue, name: 'hopeless', payload: { n: 1 }, jobKey: hopeless });
    });
    await waitFor(
      () => state(jobKey),
      (s) => s === 'failed',
    );
    await waitFor(
      () => state(hopeless),
      (s) => s === 'failed',
    );
    expect(probe.runs(jobKey)).toBe(3);
    expect(probe.runs(hopeless)).toBe(1);

    const page = await list({ status: 'failed', queue });
    expect(page.rows.find((r) => r.id === jobKey)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'always broken',
      tenantId,
      name: 'broken',
    });
    expect(page.rows.map((r) => r.id)).toContain(hopeless);
    expect(page.total).toBe(2);
    const all = await list({ queue });
    expect(all.rows.find((r) => r.id === jobKey)?.status).toBe('failed');
    expect(all.rows.some((r) => r.status === 'completed')).toBe(true);
  });
});
