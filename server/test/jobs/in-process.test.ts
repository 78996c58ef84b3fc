import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { Transactor, Tx } from '../../src/db/transactor';
import { AppError } from '../../src/errors';
import { InProcessBackend } from '../../src/jobs/in-process-backend';
import { startJobs, type RunningJobs } from '../../src/jobs/index';
import { listJobs, type JobFilter } from '../../src/jobs/listing';
import { enqueue } from '../../src/jobs/outbox';
import type { RelayedJob } from '../../src/jobs/backend';
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

/** The outbox and the in-process backend (no Redis), on the real PostgreSQL of the test run. */
const queue = uniqueQueue();
const idle = uniqueQueue(); // defined but served by no relay: its rows stay pending
const probe = defineProbeJobs(queue);
defineProbeJobs(idle);
const crashOnce = new Set<string>();

let db: Database;
let transactor: Transactor;
let jobs: RunningJobs;
let tenantId: string;

beforeAll(async () => {
  const env = jobsTestEnv();
  ({ db, transactor } = await openTestDb(env));
  tenantId = await newTenantId(transactor);
  jobs = await startJobs({
    env,
    transactor,
    redis: null,
    logger: silent,
    queues: [queue],
    retry: { attempts: 3, backoffMs: 60 },
    relay: {
      pollMs: 50,
      retryBaseMs: 10,
      beforeMark: async (sent) => {
        const hit = sent.find((j) => crashOnce.delete(j.jobKey));
        if (hit) throw new Error(`simulated crash after sending ${hit.jobKey}`);
      },
    },
  });
});

afterAll(async () => {
  await jobs?.stop();
  await db?.close();
});

const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => transactor.withTenant({ tenantId, actorId: null }, fn);
const run = (jobKey: string) =>
  transactor.withSystem((tx) => tx('job_runs').where({ job_key: jobKey }).first()) as Promise<
    { status: string; attempts: number; last_error: string | null } | undefined
  >;
const outboxRow = (jobKey: string) =>
  transactor.withSystem((tx) => tx('outbox').where({ job_key: jobKey }).first()) as Promise<
    { relayed_at: Date | null; relay_attempts: number; payload: unknown } | undefined
  >;
const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;
const list = (filter: JobFilter) =>
  transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
    listJobs(tx, jobs.backend, {
      sort: { field: 'createdAt', order: 'desc' },
      range: { from: 0, to: 49 },
      filter,
    }),
  );

describe('enqueue', () => {
  it('writes nothing when the causing transaction rolls back, and no job ever runs', async () => {
    const jobKey = key('rolled-back');
    await expect(
      inTenant(async (tx) => {
        await enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey });
        throw new Error('the dossier change failed');
      }),
    ).rejects.toThrow('the dossier change failed');
    expect(await outboxRow(jobKey)).toBeUndefined();
    await jobs.relay.relayOnce();
    await sleep(300);
    expect(probe.runs(jobKey)).toBe(0);
    expect(await run(jobKey)).toBeUndefined();
  });

  it('is a no-op for a job key already enqueued, validates the payload, and keeps to the unit', async () => {
    const jobKey = key('twice');
    const first = await inTenant((tx) =>
      enqueue(tx, { tenantId, queue: idle, name: 'ok', payload: { n: 1 }, jobKey }),
    );
    const second = await inTenant((tx) =>
      enqueue(tx, { tenantId, queue: idle, name: 'ok', payload: { n: 2 }, jobKey }),
    );
    expect([first.enqueued, second.enqueued]).toEqual([true, false]);
    expect(await outboxRow(jobKey)).toMatchObject({ payload: { n: 1 } });

    const bad = inTenant((tx) => enqueue(tx, { tenantId, queue: idle, name: 'ok', payload: { n: 'x' } }));
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(
      inTenant((tx) => enqueue(tx, { tenantId, queue: idle, name: 'nope', payload: {} })),
    ).rejects.toThrow(/Unknown job/);
    await expect(
      inTenant((tx) => enqueue(tx, { tenantId, queue: idle, name: 'ok', payload: { n: 1 }, jobKey: 'a:b' })),
    ).rejects.toThrow(/Invalid job key/);
    // RLS: a unit cannot write a job in another unit's name.
    const other = await newTenantId(transactor);
    await expect(
      inTenant((tx) => enqueue(tx, { tenantId: other, queue: idle, name: 'ok', payload: { n: 1 } })),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('in-process backend', () => {
  it('runs a committed job exactly once', async () => {
    const jobKey = key('committed');
    await inTenant((tx) => enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey }));
    await waitFor(
      () => run(jobKey),
      (r) => r?.status === 'completed',
    );
    await jobs.relay.relayOnce();
    await sleep(200);
    expect(probe.runs(jobKey)).toBe(1);
    expect((await outboxRow(jobKey))?.relayed_at).toBeInstanceOf(Date);
  });

  it('runs once when the relay crashes between sending and marking', async () => {
    const jobKey = key('crash');
    crashOnce.add(jobKey);
    await inTenant((tx) => enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey }));
    await waitFor(
      () => outboxRow(jobKey),
      (r) => r?.relayed_at instanceof Date,
    );
    await waitFor(
      () => run(jobKey),
      (r) => r?.status === 'completed',
    );
    await sleep(200);
    expect(crashOnce.has(jobKey)).toBe(false); // the crash did happen
    expect((await outboxRow(jobKey))?.relay_attempts).toBe(1);
    expect(probe.runs(jobKey)).toBe(1);
  });

  it('runs once when a row reached the backend but was never marked (sent again)', async () => {
    const jobKey = key('resent');
    const job: RelayedJob = { jobKey, tenantId, queue, name: 'ok', payload: { n: 1 } };
    // The send step alone, as a relay that died before its mark would have left it…
    await transactor.withSystem(async (tx) => {
      await tx('outbox').insert({
        tenant_id: tenantId,
        queue,
        job_name: 'ok',
        payload: JSON.stringify({ n: 1 }),
        job_key: jobKey,
        available_at: tx.raw(`now() + interval '1 hour'`),
      });
      await jobs.backend.add(job, tx);
    });
    await waitFor(
      () => run(jobKey),
      (r) => r?.status === 'completed',
    );
    // …then the row comes due and the relay sends it again.
    await transactor.withSystem((tx) =>
      tx('outbox').where({ job_key: jobKey }).update({ available_at: tx.fn.now() }),
    );
    await waitFor(
      () => outboxRow(jobKey),
      (r) => r?.relayed_at instanceof Date,
    );
    await sleep(200);
    expect(probe.runs(jobKey)).toBe(1);
  });

  it('retries a failing handler with growing backoff until it completes', async () => {
    const jobKey = key('flaky');
    await inTenant((tx) => enqueue(tx, { tenantId, queue, name: 'flaky', payload: { n: 1 }, jobKey }));
    const done = await waitFor(
      () => run(jobKey),
      (r) => r?.status === 'completed',
    );
    expect(done).toMatchObject({ attempts: 3 });
    const [t1, t2, t3] = probe.times(jobKey) as [number, number, number];
    expect(t2 - t1).toBeGreaterThanOrEqual(55);
    expect(t3 - t2).toBeGreaterThanOrEqual(115);
  });

  it('ends a job that always fails as failed, and lists it with the pending outbox rows', async () => {
    const jobKey = key('broken');
    const hopeless = key('hopeless');
    const waiting = key('waiting');
    await inTenant(async (tx) => {
      await enqueue(tx, { tenantId, queue, name: 'broken', payload: { n: 1 }, jobKey });
      await enqueue(tx, { tenantId, queue, name: 'hopeless', payload: { n: 1 }, jobKey: hopeless });
      await enqueue(tx, { tenantId, queue: idle, name: 'ok', payload: { n: 1 }, jobKey: waiting });
    });
    const failed = await waitFor(
      () => run(jobKey),
      (r) => r?.status === 'failed',
    );
    expect(failed).toMatchObject({ attempts: 3, last_error: 'always broken' });
    expect(probe.runs(jobKey)).toBe(3);
    await waitFor(
      () => run(hopeless),
      (r) => r?.status === 'failed',
    );
    expect(probe.runs(hopeless)).toBe(1); // a permanent error is not retried

    const page = await list({ status: 'failed', queue });
    expect(page.rows.map((r) => r.id)).toEqual(expect.arrayContaining([jobKey, hopeless]));
    expect(page.rows.find((r) => r.id === jobKey)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'always broken',
      tenantId,
    });
    const pending = await list({ status: 'pending', queue: idle });
    expect(pending.rows.find((r) => r.id === waiting)).toMatchObject({ status: 'pending', name: 'ok' });
    const completed = await list({ status: 'completed', queue });
    expect(completed.rows.every((r) => r.status === 'completed')).toBe(true);
    expect(completed.total).toBeGreaterThan(0);
  });

  it('resumes at start a job accepted before a crash', async () => {
    const resumeQueue = uniqueQueue();
    const resumed = defineProbeJobs(resumeQueue);
    const jobKey = key('orphan');
    await transactor.withSystem(async (tx) => {
      await tx('outbox').insert({
        tenant_id: tenantId,
        queue: resumeQueue,
        job_name: 'ok',
        payload: JSON.stringify({ n: 1 }),
        job_key: jobKey,
        relayed_at: tx.fn.now(),
      });
      await tx('job_runs').insert({
        tenant_id: tenantId,
        queue: resumeQueue,
        job_name: 'ok',
        job_key: jobKey,
        status: 'running',
        attempts: 1,
      });
    });
    const backend = new InProcessBackend(transactor, jobs.deps, silent, [resumeQueue], {
      attempts: 3,
      backoffMs: 10,
    });
    await backend.start();
    await waitFor(
      () => run(jobKey),
      (r) => r?.status === 'completed',
    );
    await backend.close();
    expect(resumed.runs(jobKey)).toBe(1);
    expect((await run(jobKey))?.attempts).toBe(2);
  });
});
