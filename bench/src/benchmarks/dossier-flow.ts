import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, localDate } from '../../../billing/src/pricing/dates';
import { buildServer, serverOutdir } from '../../../infra/src/server-build';
import { boot, type Running } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import { createBenchDatabase, withClient } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark } from '../lib/types';
import { runBare } from './dossier-flow/bare';
import type { ClientResult, ClientSpec } from './dossier-flow/client';
import { addOfficers, issueCertificates, publishProcedures, type FlowUnit } from './dossier-flow/fixture';
import { backendCpu, cpuBetween, cpuSeconds } from './scale-model/measure';
import type { ServerMessage, ServerReply } from './dossier-flow/server';
import { seedUnits } from './metering/fixture';

const UNITS = 200;
const CONCURRENCY = 32;
const GOALS = { ratio: 0.5, p99Ms: 100, rssMiB: 300 };

const machineCpus = () => cpus().length;

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

/** The server child's resident memory (kB lines of /proc/<pid>/status), sampled while the load runs. */
function procStatusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

function sampleRss(pid: number): { stop(): number } {
  let peak = procStatusMiB(pid, 'VmRSS');
  const t = setInterval(() => (peak = Math.max(peak, procStatusMiB(pid, 'VmRSS'))), 200);
  return { stop: () => (clearInterval(t), peak) };
}

/**
 * The server in its own process, as production runs it: the child (dossier-flow/server.ts, with the
 * server it boots) bundled by the production build (infra/src/server-build.ts) and run by plain node,
 * without tsx. `ask` sends one message and waits for its reply.
 */
async function startServer() {
  // BENCH_CPU_PROF=<dir> writes the server's CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF;
  const { outdir } = await buildServer(
    { 'dossier-flow-server': 'bench/src/benchmarks/dossier-flow/server.ts' },
    path.join(serverOutdir, 'bench'),
  );
  const child = fork(path.join(outdir, 'dossier-flow-server.mjs'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The API's production flags (npm run start:api, the image's CMD).
    execArgv: ['--max-old-space-size=512', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
  });
  const ask = (m: ServerMessage) =>
    new Promise<ServerReply>((ok, fail) => {
      const onExit = (code: number | null) => fail(new Error(`server exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (r: ServerReply) => {
        child.off('exit', onExit);
        if (r.error) fail(new Error(`server: ${r.error}`));
        else ok(r);
      });
      child.send(m);
    });
  const stop = () =>
    new Promise<void>((ok) => {
      if (child.exitCode !== null) return ok();
      child.once('exit', () => ok());
      child.send({ stop: true } satisfies ServerMessage);
    });
  return { pid: child.pid!, ask, stop };
}

export const benchmark: Benchmark = {
  name: 'dossier-flow',
  description: `submit → receive → assign → approve → approve → result → return over HTTP, ${UNITS} units, ${CONCURRENCY} concurrent flows, against the same writes with bare pg (one transaction per step)`,
  async run(ctx) {
    const seconds = ctx.options.seconds ?? 30;
    const db = await createBenchDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-flow-'));
    ctx.log(`database ${db.name}`);
    let running: Running | null = null;
    let server: Awaited<ReturnType<typeof startServer>> | null = null;
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
      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: db.ownerUrl,
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        SESSION_SECRET: randomBytes(24).toString('hex'),
        SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
      };
      // Setup goes through a server in this process, closed before the measured one starts.
      running = await boot({ env: parseEnv(env) });
      const units: FlowUnit[] = await publishProcedures(running, withOfficers);
      await issueCertificates(running, parseEnv(env), units);
      await running.close();
      running = null;
      await withClient(db.ownerUrl, (c) => c.query('analyze'));
      ctx.log(`${UNITS} units with contracts, officers, keys, a certificate and a published procedure`);

      const bare = await runBare(db.ownerUrl, units, CONCURRENCY, seconds);
      const bareFlows = bare.flows / bare.seconds;
      ctx.log(
        `bare pg: ${bare.flows} flows in ${bare.seconds.toFixed(1)} s (${bareFlows.toFixed(1)}/s), p99 ${pct(bare.latencies, 99).toFixed(1)} ms, CPU/flow client ${bare.cpuMsPerFlow.client} ms + database ${bare.cpuMsPerFlow.database} ms`,
      );

      server = await startServer();
      const { url } = await server.ask({ start: env });
      await driveHttp({ url: url!, units, concurrency: CONCURRENCY, seconds: Math.min(3, seconds) });
      const loadBefore = loadAverage();
      const rssBeforeMiB = procStatusMiB(server.pid, 'VmRSS');
      await server.ask({ count: true });
      const rss = sampleRss(server.pid);
      const cpu0 = cpuSeconds(server.pid);
      const db0 = await backendCpu(db.ownerUrl);
      const http = await driveHttp({ url: url!, units, concurrency: CONCURRENCY, seconds });
      const serverCpu = cpuSeconds(server.pid) - cpu0;
      const dbCpu = cpuBetween(db0, await backendCpu(db.ownerUrl));
      const rssMiB = rss.stop();
      const hwmMiB = procStatusMiB(server.pid, 'VmHWM');
      // Every statement the server sent during the run (requests and jobs), by SQL shape.
      const counted = await server.ask({ count: false });
      const statements = counted.statements ?? 0;
      const perFlow = (n: number) => round(n / Math.max(http.flows, 1), 2);
      // CPU per flow holds still when the shared machine's load does not: it is what the changes cut.
      const cpuMsPerFlow = { server: perFlow(serverCpu * 1000), database: perFlow(dbCpu * 1000) };
      const topShapes = (counted.shapes ?? []).slice(0, 60).map(([sql, n]) => ({ sql, perFlow: perFlow(n) }));
      const httpFlows = http.flows / http.seconds;
      const p99 = round(pct(http.latencies, 99), 1);
      ctx.log(
        `HTTP: ${http.flows} flows in ${http.seconds.toFixed(1)} s (${httpFlows.toFixed(1)}/s), p99 ${p99} ms, ${http.errors} errors${http.firstError ? ` (${http.firstError})` : ''}, RSS ${rssMiB} MiB, ${perFlow(statements)} statements/flow, CPU/flow server ${cpuMsPerFlow.server} ms + database ${cpuMsPerFlow.database} ms`,
      );
      const ratio = round(httpFlows / bareFlows);
      return {
        metrics: {
          setup: {
            units: UNITS,
            concurrency: CONCURRENCY,
            seconds,
            loadAverage: { before: loadBefore, after: loadAverage() },
            path:
              'POST /dossiers (desk entry) → receive → assign → approve (processing officer) → approve (leader) → result (generated PDF, ' +
              "signed with the unit's RSA-2048 certificate, stored) → return (desk): 7 requests per flow",
            method:
              'The server runs in its own child process (production settings, logs off, in-process jobs: the monitoring refresh and notices run too); ' +
              'the 32 HTTP clients run in another. The floor writes the same rows per step with bare pg (pool of 10 like the server, ' +
              'owner role, no RLS, no validation, no jobs, no PDF and no signature), one transaction per step, and runs first. ' +
              'CPU per flow: the server process (/proc/<pid>/stat) and the PostgreSQL backends serving it (a floor: backends closed meanwhile are missed) during the HTTP run. ' +
              "RSS is the server process's own (/proc/<pid>/status VmRSS sampled every 200 ms during the HTTP run; VmHWM over its life).",
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
            stepP50Ms: http.stepP50Ms,
          },
          barePg: {
            flows: bare.flows,
            steps: bare.requests,
            flowsPerSecond: round(bareFlows, 1),
            p50Ms: round(pct(bare.latencies, 50), 1),
            p99Ms: round(pct(bare.latencies, 99), 1),
            // The script's own process (the flows' pg client) and its backends, per flow.
            cpuMsPerFlow: bare.cpuMsPerFlow,
          },
          serverRssMiB: rssMiB,
          serverRssBeforeLoadMiB: rssBeforeMiB,
          serverPeakRssMiB: hwmMiB,
          statementsPerFlow: perFlow(statements),
          cpuMsPerFlow,
          topStatements: topShapes,
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
        summary: `HTTP ${httpFlows.toFixed(1)} flows/s vs bare pg ${bareFlows.toFixed(1)} (${ratio}×), p99 ${p99} ms, RSS ${rssMiB} MiB, ${perFlow(statements)} statements/flow, CPU/flow ${cpuMsPerFlow.server} + ${cpuMsPerFlow.database} ms (full flow with result and return; load ${loadBefore[0]} on ${machineCpus()} cores)`,
      };
    } finally {
      await server?.stop();
      await running?.close();
      await db.drop().catch((err: unknown) => ctx.log(`could not drop ${db.name}: ${String(err)}`));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
