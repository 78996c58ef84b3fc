import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/boot';
import { testEnv } from '../support/app';
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
 * `npm start` (server/src/main.ts: PGlite in DATA_DIR, jobs in-process, development identity
 * provider and simulators) gets SIGTERM while clients enter and receive dossiers and e-mail jobs are
 * being sent through a slow SMTP server. Every request is answered with success, /readyz turns 503
 * before the port closes, the process exits 0; started again on the same DATA_DIR (which also shows
 * PGlite was closed cleanly), it sends what was left — every e-mail exactly once.
 * No demo province (SEED_DEMO=false): the fixtures are made beforehand in the same DATA_DIR.
 */
const CLIENTS = 4;
const DRAIN_SECONDS = 1.5;
const MAIL_DELAY_MS = 300;

const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-drain-embedded-'));
let mail: SlowMailServer;
let deskKey: string;
let procedureId: string;
const children: Child[] = [];

beforeAll(async () => {
  await buildProduction();
  // Empty DATABASE_URL and REDIS_URL mean unset: embedded PGlite in dataDir, in-process jobs.
  const env = testEnv({ env: { DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dataDir } });
  const setup = await boot({ env, migrate: false, seedDemo: false });
  try {
    const unit = await createDossierUnit(setup);
    deskKey = unit.keys.desk_officer!.key;
    procedureId = await createPublishedProcedure(setup, unit.tenant.id);
  } finally {
    await setup.close();
  }
  mail = await startSlowMailServer(MAIL_DELAY_MS);
}, 180_000);

afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  await mail?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startEmbedded(port: number): Promise<Child> {
  // Not NODE_ENV=production: the development services start, on free ports, and must close too.
  const c = startProcess('server/src/main.ts', {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DEV_IDP_PORT: '0',
    DEV_VNPAY_PORT: '0',
    DEV_SMS_PORT: '0',
    DEV_SMTP_PORT: '0',
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    PAYMENTS_RECONCILE_INTERVAL_SECONDS: '0',
    SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    SHUTDOWN_TIMEOUT_SECONDS: '20',
  });
  children.push(c);
  await c.waitForOutput('Nhà cung cấp định danh (IdP): http://127.0.0.1:', 90_000);
  return c;
}

describe('npm start drains on SIGTERM', () => {
  it('loses no request and no job of the embedded process', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const embedded = await startEmbedded(port);

    const { readiness, answers, received, done } = deskLoadBehindBalancer({
      url,
      server: embedded,
      deskKey,
      procedureId,
      clients: CLIENTS,
      applicant: { fullName: 'Trần Thị Bình', emailPrefix: 'binh' },
    });

    // Under load, with an e-mail job in the middle of sending.
    await waitUntil('e-mail jobs running', () => received.length >= 6 && mail.receiving() > 0, 60_000);
    const requestsBeforeSignal = answers.length;
    embedded.proc.kill('SIGTERM');
    const code = await embedded.exited;
    await done;
    expect(code, embedded.output().slice(-3000)).toBe(0);
    expect(answers.length).toBeGreaterThan(requestsBeforeSignal);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    // Routing stopped on a 503 while the port was still open, not on a refused connection.
    expect(readiness.find((s) => s !== 200)).toBe(503);
    // The e-mail being sent at the signal was finished, not cut off.
    expect(mail.receiving()).toBe(0);
    const sentBeforeExit = mail.messageIds.length;
    expect(sentBeforeExit).toBeGreaterThan(0);

    // Started again on the same data: the rest of the jobs run, none a second time.
    const again = await startEmbedded(await freePort());
    await waitUntil('every e-mail to be sent', () => mail.messageIds.length >= received.length, 60_000);
    await sleep(500); // a duplicate would arrive now
    again.proc.kill('SIGTERM');
    expect(await again.exited, again.output().slice(-3000)).toBe(0);
    expect([...mail.messageIds].sort()).toEqual(
      received.map((id) => `<dossier-received.${id}@jobs.motcua>`).sort(),
    );
  }, 240_000);
});
