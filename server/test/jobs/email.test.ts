import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSinkHandle } from '../../../infra/src/index';
import type { Env } from '../../src/config/index';
import type { Database } from '../../src/db/database';
import type { Transactor } from '../../src/db/transactor';
import { startJobs, type RunningJobs } from '../../src/jobs/index';
import { sendEmailSpec } from '../../src/jobs/notifications/send-email';
import { enqueue } from '../../src/jobs/outbox';
import { defineJob, runJob } from '../../src/jobs/registry';
import { uniqueSuffix } from '../support/app';
import { testRedisUrl } from '../support/env';
import { jobsTestEnv, newTenantId, openTestDb, silent, sleep, uniqueQueue } from './support';

/**
 * notifications/send-email end to end: outbox → relay → backend → nodemailer → a real SMTP sink. The
 * real handler runs on a queue of this file's own (see uniqueQueue).
 */
const queue = uniqueQueue();
defineJob({ queue, ...sendEmailSpec });

let env: Env;
let db: Database;
let transactor: Transactor;
let sink: SmtpSinkHandle;
let redis: Redis;
let tenantId: string;

beforeAll(async () => {
  env = jobsTestEnv();
  ({ db, transactor } = await openTestDb(env));
  tenantId = await newTenantId(transactor);
  sink = await startSmtpSink({ port: 0 });
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
});

afterAll(async () => {
  const leftovers = await redis.keys(`${env.REDIS_PREFIX}:*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  await redis?.quit();
  await sink?.close();
  await db?.close();
});

async function deliversOnce(jobs: RunningJobs) {
  const subject = `Hồ sơ đã được tiếp nhận ${uniqueSuffix()}`;
  const jobKey = `dossier-received.${uniqueSuffix()}`;
  const payload = { to: ['congdan1@example.test'], subject, text: 'Hồ sơ của ông/bà đã được tiếp nhận.' };
  await transactor.withTenant({ tenantId, actorId: null }, async (tx) => {
    await enqueue(tx, { tenantId, queue, name: 'send-email', payload, jobKey });
    // The same cause enqueueing again (a retried request) adds nothing.
    await enqueue(tx, { tenantId, queue, name: 'send-email', payload, jobKey });
  });
  const message = await sink.waitFor((m) => m.subject === subject, 15_000);
  expect(message).toMatchObject({
    to: ['congdan1@example.test'],
    text: expect.stringContaining('đã được tiếp nhận'),
  });
  await sleep(500);
  // The same job handed to the handler again (a re-delivery after a worker crash) sends nothing.
  await runJob(queue, 'send-email', payload, jobs.deps, { jobKey, tenantId, attempt: 2 });
  await sleep(300);
  expect(sink.messages.filter((m) => m.subject === subject)).toHaveLength(1);
}

describe('notifications/send-email', () => {
  it('delivers exactly one message through BullMQ', async () => {
    const jobs = await startJobs({
      env,
      transactor,
      redis,
      logger: silent,
      queues: [queue],
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      relay: { pollMs: 50 },
    });
    try {
      await deliversOnce(jobs);
    } finally {
      await jobs.stop();
    }
  });

  it('delivers exactly one message in-process', async () => {
    const jobs = await startJobs({
      env,
      transactor,
      redis: null,
      logger: silent,
      queues: [queue],
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      relay: { pollMs: 50 },
    });
    try {
      await deliversOnce(jobs);
    } finally {
      await jobs.stop();
    }
  });
});
