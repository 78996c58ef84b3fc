import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/boot';
import { migrate } from '../../src/db/database';
import { registeredQueues } from '../../src/jobs/registry';
import '../../src/jobs/catalog';
import { testEnv, uniqueSuffix } from '../support/app';
import { testRedisUrl, testServerUrl } from '../support/env';
import { createDossierUnit, createPublishedProcedure } from '../dossiers/fixture';
import {
  buildProduction,
  deskLoadBehindBalancer,
  freePort,
  sleep,
  startProcess,
  startSlowMailServer,
  waitUntil,
  type Child,
  type SlowMailServer,
} from './processes';

/**
 * SIGTERM under load: the API (`start:api`) and a worker (`start:worker`) run as real child processes,
 * exactly as the container image starts them, while clients enter and receive dossiers (each reception
 * enqueues one e-mail job, sent through a slow SMTP server so jobs are running when the worker is told
 * to stop). The clients behave as a load balancer: they stop sending once /readyz answers 503.
 * Nothing may be lost: every request answered 2xx, both processes exit 0, and every job — finished by
 * the stopped worker or picked up by the next one — completed exactly once.
 *
 * Its own database: every test server in the run relays the product's queues from the shared one.
 */
const CLIENTS = 6;
const DRAIN_SECONDS = 1.5;
const MAIL_DELAY_MS = 300;

const adminUrl = testServerUrl();
const dbName = `motcua_drain_${Date.now()}_${process.pid}`;
const ownerUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const prefix = `test-drain-${uniqueSuffix()}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-drain-'));

let mail: SlowMailServer;
let redis: Redis;
let deskKey: string;
let procedureId: string;
const children: Child[] = [];

async function adminSql(sql: string) {
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

beforeAll(async () => {
  await buildProduction();
  await adminSql(`create database "${dbName}"`);
  await migrate(ownerUrl, 'motcua_app_dev');
  // Fixtures through the product's services, in a server that is closed before the processes start.
  const setup = await boot({ env: testEnv({ env: { DATABASE_URL: ownerUrl } }), migrate: false });
  try {
    const unit = await createDossierUnit(setup);
    deskKey = unit.keys.desk_officer!.key;
    procedureId = await createPublishedProcedure(setup, unit.tenant.id);
  } finally {
    await setup.close();
  }
  mail = await startSlowMailServer(MAIL_DELAY_MS);
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  const keys = await redis?.keys(`${prefix}:*`);
  if (keys && keys.length > 0) await redis.del(...keys);
  await redis?.quit();
  await mail?.close();
  await adminSql(`drop database if exists "${dbName}" with (force)`);
  rmSync(dataDir, { recursive: true, force: true });
});

function processEnv(port: number, logLevel: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: ownerUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: logLevel,
    DATA_DIR: dataDir,
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
    PAYMENTS_RECONCILE_INTERVAL_SECONDS: '0',
    SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    SHUTDOWN_TIMEOUT_SECONDS: '20',
  };
}

function start(entry: 'server/src/api.ts' | 'server/src/worker.ts', env: Record<string, string>): Child {
  const c = startProcess(entry, env);
  children.push(c);
  return c;
}

describe('graceful shutdown under load', () => {
  it('loses no request and no job when the API and a worker get SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const api = start('server/src/api.ts', processEnv(port, 'warn'));
    const workerA = start('server/src/worker.ts', processEnv(0, 'info'));
    // Starting takes 30 s when the shared machine is loaded (tsx compiles the sources).
    await waitUntil(
      'the API to be ready',
      async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200,
      90_000,
    );
    await workerA.waitForOutput('worker started', 90_000);

    const { readiness, answers, received, done } = deskLoadBehindBalancer({
      url,
      server: api,
      deskKey,
      procedureId,
      clients: CLIENTS,
      applicant: { fullName: 'Nguyễn Văn An', emailPrefix: 'an' },
    });

    // Under load, with e-mail jobs running in worker A: stop both.
    const notifications = new Queue('notifications', { connection: redis, prefix: `${prefix}:bull` });
    try {
      await waitUntil(
        'e-mail jobs running in worker A',
        async () => received.length >= 10 && (await notifications.getActiveCount()) > 0,
        30_000,
      );
      const requestsBeforeSignal = answers.length;
      api.proc.kill('SIGTERM');
      workerA.proc.kill('SIGTERM');
      const [apiCode, workerCode] = await Promise.all([api.exited, workerA.exited]);
      await done;
      expect(apiCode, api.output().slice(-3000)).toBe(0);
      expect(workerCode, workerA.output().slice(-3000)).toBe(0);

      // Requests kept coming after the signal and all of them were answered with success.
      expect(answers.length).toBeGreaterThan(requestsBeforeSignal);
      expect(answers.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
      expect(readiness).toContain(503);
      // Routing stopped on a 503 while the port was still open, not on a refused connection.
      expect(readiness.find((s) => s !== 200)).toBe(503);

      // Worker A finished what it had started: nothing is left running, nothing was retried.
      expect(await notifications.getActiveCount()).toBe(0);
      const sentByA = mail.messageIds.length;
      expect(sentByA).toBeGreaterThan(0);

      // The next worker relays what is left in the outbox and runs what is waiting.
      const workerB = start('server/src/worker.ts', processEnv(0, 'info'));
      await workerB.waitForOutput('worker started', 90_000);
      await waitUntil('every e-mail to be sent', () => mail.messageIds.length >= received.length, 30_000);
      await sleep(500); // a duplicate would arrive now
      workerB.proc.kill('SIGTERM');
      expect(await workerB.exited, workerB.output().slice(-3000)).toBe(0);

      // Exactly once: one message per received dossier, and each job started once (a stalled or
      // retried job starts twice).
      expect([...mail.messageIds].sort()).toEqual(
        received.map((id) => `<dossier-received.${id}@jobs.motcua>`).sort(),
      );
      const jobs: Job[] = [];
      for (const name of registeredQueues()) {
        const q = new Queue(name, { connection: redis, prefix: `${prefix}:bull` });
        try {
          expect(await q.getJobCounts('waiting', 'active', 'delayed', 'failed'), name).toEqual({
            waiting: 0,
            active: 0,
            delayed: 0,
            failed: 0,
          });
          jobs.push(...(await q.getJobs(['completed'])));
        } finally {
          await q.close();
        }
      }
      const emailJobs = jobs.filter((j) => String(j.id).startsWith('dossier-received.'));
      expect(emailJobs).toHaveLength(received.length);
      expect(jobs.filter((j) => j.attemptsStarted !== 1).map((j) => j.id)).toEqual([]);
      // The handoff really happened: some e-mails were left for worker B.
      expect(received.length).toBeGreaterThan(sentByA);
    } finally {
      await notifications.close();
    }
  }, 240_000);
});
