import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/index';
import type { Database } from '../../src/db/database';
import type { Transactor } from '../../src/db/transactor';
import { startJobs, type RunningJobs } from '../../src/jobs/index';
import { enqueue } from '../../src/jobs/outbox';
import { defineProbeJobs, newTenantId, openTestDb, silent, uniqueQueue, waitFor } from './support';

/** `npm start` with no servers: PGlite and in-process jobs. The relay's FOR UPDATE SKIP LOCKED must run there. */
const queue = uniqueQueue();
const probe = defineProbeJobs(queue);

let db: Database;
let transactor: Transactor;
let jobs: RunningJobs;

beforeAll(async () => {
  const env = parseEnv({ NODE_ENV: 'test', DATA_DIR: ':memory:', LOG_LEVEL: 'silent' });
  ({ db, transactor } = await openTestDb(env));
  jobs = await startJobs({
    env,
    transactor,
    redis: null,
    logger: silent,
    queues: [queue],
    retry: { attempts: 3, backoffMs: 20 },
    relay: { pollMs: 50 },
  });
});

afterAll(async () => {
  await jobs?.stop();
  await db?.close();
});

it('relays and runs jobs on embedded PGlite', async () => {
  expect(db.embedded).toBe(true);
  const tenantId = await newTenantId(transactor);
  await transactor.withTenant({ tenantId, actorId: null }, async (tx) => {
    await enqueue(tx, { tenantId, queue, name: 'ok', payload: { n: 1 }, jobKey: 'embedded-ok' });
    await enqueue(tx, { tenantId, queue, name: 'flaky', payload: { n: 1 }, jobKey: 'embedded-flaky' });
  });
  const status = (jobKey: string) =>
    transactor.withSystem((tx) => tx('job_runs').where({ job_key: jobKey }).first('status')) as Promise<
      { status: string } | undefined
    >;
  await waitFor(
    () => status('embedded-ok'),
    (r) => r?.status === 'completed',
  );
  await waitFor(
    () => status('embedded-flaky'),
    (r) => r?.status === 'completed',
  );
  expect(await jobs.relay.relayOnce()).toBe(0);
  expect([probe.runs('embedded-ok'), probe.runs('embedded-flaky')]).toEqual([1, 3]);
});
