import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, localDate } from '../../../billing/src/pricing/dates';
import { boot, type Running } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import { createBenchDatabase, withClient } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark } from '../lib/types';
import { runBare } from './dossier-flow/bare';
import type { ClientResult, ClientSpec } from './dossier-flow/client';
import { addOfficers, publishProcedures, type FlowUnit } from './dossier-flow/fixture';
import { seedUnits } from './metering/fixture';

const UNITS = 200;
const CONCURRENCY = 32;
const GOALS = { ratio: 0.5, p99Ms: 100, rssMiB: 300 };

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs the HTTP clients in a child process (its event loop is not the server's) and returns what they saw. */
function driveHttp(spec: ClientSpec): Promise<ClientResult> {
  const child = fork(fileURLToPath(new URL('./dossier-flow/client.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((ok, fail) => {
    child.once('message', (m: { result?: ClientResult; error?: string }) => {
      child.disconnect();
      if (m.result) ok(m.result);
      else fail(new Error(`client: ${m.error}`));
    });
    child.once('exit', (code) => fail(new Error(`client exited (${code})`)));
    child.send(spec);
  });
}

/** The server's resident memory, sampled while the load runs (the server is this process). */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  return { stop: () => (clearInterval(t), Math.round(peak / 2 ** 20)) };
}

export const benchmark: Benchmark = {
  name: 'dossier-flow',
  description: `submit → receive → assign → approve → approve over HTTP, ${UNITS} units, ${CONCURRENCY} concurrent flows, against the same writes with bare pg (one transaction per step)`,
  async run(ctx) {
    const seconds = ctx.options.seconds ?? 30;
    const db = await createBenchDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-flow-'));
    ctx.log(`database ${db.name}`);
    let running: Running | null = null;
    try {
      await migrate(db.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
      const today = localDate(new Date());
      const seeded = await seedUnits(
        db.ownerUrl,
        UNITS,
        { annualFee: 24_000_000, includedDossiers: 100_000_000, unitPrice: 12_000 },
        addDays(today, -100),
        addDays(today, 265),
      );
      const withOfficers = await addOfficers(db.ownerUrl, seeded);
      running = await boot({
        env: parseEnv({
          NODE_ENV: 'production',
          DATABASE_URL: db.ownerUrl,
          PORT: '0',
          LOG_LEVEL: 'silent',
          DATA_DIR: dataDir,
          SESSION_SECRET: randomBytes(24).toString('hex'),
          SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
        }),
      });
      const units: FlowUnit[] = await publishProcedures(running, withOfficers);
      await withClient(db.ownerUrl, (c) => c.query('analyze'));
      ctx.log(`${UNITS} units with contracts, officers, keys and a published procedure`);

      const bare = await runBare(db.ownerUrl, units, CONCURRENCY, seconds);
      const bareFlows = bare.flows / bare.seconds;
      ctx.log(
        `bare pg: ${bare.flows} flows in ${bare.seconds.toFixed(1)} s (${bareFlows.toFixed(1)}/s), p99 ${pct(bare.latencies, 99).toFixed(1)} ms`,
      );

      await driveHttp({ url: running.url, units, concurrency: CONCURRENCY, seconds: Math.min(3, seconds) });
      const loadBefore = loadAverage();
      const rssBeforeMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
      // Every statement the server sends (requests and jobs), to show where a flow's time goes.
      let statements = 0;
      running.db.app.on('query', () => statements++);
      const rss = sampleRss();
      const http = await driveHttp({ url: running.url, units, concurrency: CONCURRENCY, seconds });
      const rssMiB = rss.stop();
      const httpFlows = http.flows / http.seconds;
      const p99 = round(pct(http.latencies, 99), 1);
      ctx.log(
        `HTTP: ${http.flows} flows in ${http.seconds.toFixed(1)} s (${httpFlows.toFixed(1)}/s), p99 ${p99} ms, ${http.errors} errors${http.firstError ? ` (${http.firstError})` : ''}, RSS ${rssMiB} MiB`,
      );
      const ratio = round(httpFlows / bareFlows);
      return {
        metrics: {
          setup: {
            units: UNITS,
            concurrency: CONCURRENCY,
            seconds,
            loadAverage: { before: loadBefore, after: loadAverage() },
            path: 'POST /dossiers (desk entry) → receive → assign → approve (processing officer) → approve (leader): 5 requests per flow',
            notIncluded:
              "result and return: the `result` action (signing) has no route yet in the dossiers module when this ran, so the flow stops at 'approved'",
            method:
              'The server runs in this process (production settings, logs off, in-process jobs: the monitoring refresh and notices run too); ' +
              'the 32 HTTP clients run in a child process. The floor writes the same rows per step with bare pg (pool of 10 like the server, ' +
              'owner role, no RLS, no validation, no jobs), one transaction per step, and runs first. RSS is the peak of this process (the server, plus tsx and the finished bare-pg run) during the HTTP run.',
          },
          http: {
            flows: http.flows,
            requests: http.requests,
            flowsPerSecond: round(httpFlows, 1),
            requestsPerSecond: round(http.requests / http.seconds, 1),
            p50Ms: round(pct(http.latencies, 50), 1),
            p99Ms: p99,
            errors: http.errors,
            firstError: http.firstError,
          },
          barePg: {
            flows: bare.flows,
            steps: bare.requests,
            flowsPerSecond: round(bareFlows, 1),
            p50Ms: round(pct(bare.latencies, 50), 1),
            p99Ms: round(pct(bare.latencies, 99), 1),
          },
          serverRssMiB: rssMiB,
          serverRssBeforeLoadMiB: rssBeforeMiB,
          statementsPerFlow: round(statements / Math.max(http.flows, 1), 1),
        },
        ratios: { httpOverBarePg: ratio },
        goals: {
          throughputRatio: {
            target: `≥ ${GOALS.ratio}× bare pg`,
            actual: ratio,
            met: ratio >= GOALS.ratio && http.errors === 0,
          },
          p99: { target: `< ${GOALS.p99Ms} ms`, actual: p99, met: p99 < GOALS.p99Ms },
          rss: { target: `< ${GOALS.rssMiB} MiB`, actual: rssMiB, met: rssMiB < GOALS.rssMiB },
        },
        summary: `HTTP ${httpFlows.toFixed(1)} flows/s vs bare pg ${bareFlows.toFixed(1)} (${ratio}×), p99 ${p99} ms, RSS ${rssMiB} MiB (up to approve: no result route yet)`,
      };
    } finally {
      await running?.close();
      await db.drop().catch((err: unknown) => ctx.log(`could not drop ${db.name}: ${String(err)}`));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
