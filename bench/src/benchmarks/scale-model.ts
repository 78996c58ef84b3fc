import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import { createBenchDatabase, withClient } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { median, round } from '../lib/stats';
import type { BenchContext, Benchmark } from '../lib/types';
import { publishProcedures } from './dossier-flow/fixture';
import type { ServerMessage, ServerReply } from './dossier-flow/server';
import type { ClientResult, ClientSpec } from './scale-model/client';
import { addHistory, addUnits, cloneProcedure, createPlan } from './scale-model/fixture';
import { nationalEstimate } from './scale-model/national';
import {
  backendCpu,
  blockCounters,
  cpuBetween,
  cpuSeconds,
  rssMiB,
  sizes,
  type Sizes,
} from './scale-model/measure';

const TENANT_COUNTS = [100, 1_000, 10_000];
/** Finished dossiers per unit loaded before each phase: history in proportion to the units. */
const HISTORY_PER_UNIT = 20;
const CONCURRENCY = 16;
const GOALS = { throughputRatio: 0.8, p99Ratio: 1.25, bytesPerTenantRatio: 1.15 };

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function driveHttp(spec: ClientSpec): Promise<ClientResult> {
  const child = fork(fileURLToPath(new URL('./scale-model/client.ts', import.meta.url)), {
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

/** dossier-flow's server child: production settings, in-process jobs, statement counting. */
function startServer() {
  const child = fork(fileURLToPath(new URL('./dossier-flow/server.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
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

interface Round {
  flowsPerSecond: number;
  p99Ms: number;
  loadAverage: number;
}

interface Phase {
  tenants: number;
  seedSeconds: number;
  /** Medians over the rounds. */
  flowsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rounds: Round[];
  errors: number;
  firstError: string | null;
  serverCpuMsPerFlow: number;
  /** PostgreSQL backends serving this server (a floor: see cpuBetween). */
  databaseCpuMsPerFlow: number;
  statementsPerFlow: number;
  serverRssMiB: number;
  bufferHitRatio: number;
  sizes: Sizes;
  bytesPerTenant: number;
  indexBytesPerTenant: number;
}

/** One database with `tenants` units and their history, and a server process on it. */
async function prepare(tenants: number, ctx: BenchContext) {
  const t = Date.now();
  const db = await createBenchDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-scale-'));
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: db.ownerUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
    PAYMENTS_RECONCILE_INTERVAL_SECONDS: '0',
  };
  const drop = async () => {
    await db.drop().catch((err: unknown) => ctx.log(`could not drop ${db.name}: ${String(err)}`));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrate(db.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
    const planVersionId = await createPlan(db.ownerUrl);
    // The template unit's procedure goes through the services; the others get copies of its rows.
    const [template] = await addUnits(db.ownerUrl, 0, 1, planVersionId);
    const setup = await boot({ env: parseEnv(env) });
    try {
      const [published] = await publishProcedures(setup, [{ ...template!, key: template!.desk }]);
      template!.procedureId = published!.procedureId;
    } finally {
      await setup.close();
    }
    const units = await addUnits(db.ownerUrl, 1, tenants, planVersionId);
    await cloneProcedure(db.ownerUrl, template!, units);
    await addHistory(db.ownerUrl, units, HISTORY_PER_UNIT);
    await withClient(db.ownerUrl, (c) => c.query('vacuum analyze'));
    const seedSeconds = round((Date.now() - t) / 1000, 1);
    ctx.log(`${tenants} units in ${db.name} (${seedSeconds} s)`);
    const server = startServer();
    const { url } = await server.ask({ start: env });
    return { tenants, db, units, server, url: url!, seedSeconds, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}

export const benchmark: Benchmark = {
  name: 'scale-model',
  description: `the dossier workload (desk entry → receive → assign → approve → approve over HTTP, ${CONCURRENCY} clients, each flow in the next unit) on databases of ${TENANT_COUNTS.join(', ')} units with ${HISTORY_PER_UNIT} finished dossiers each, measured in alternating rounds: how throughput, p99, index sizes and per-unit cost move with the number of units`,
  async run(ctx) {
    const seconds = ctx.options.seconds ?? 15;
    const rounds = ctx.options.rounds ?? 3;
    const setups: Awaited<ReturnType<typeof prepare>>[] = [];
    try {
      for (const n of TENANT_COUNTS) setups.push(await prepare(n, ctx));
      for (const s of setups)
        await driveHttp({ url: s.url, units: s.units, concurrency: CONCURRENCY, seconds: 3 });

      // Alternating rounds (the order rotating), so a change in the machine's load — other people's
      // tests on the same cores — falls on every size alike; medians per size.
      const runs = new Map<number, { http: ClientResult; cpu: number; dbCpu: number; load: number }[]>();
      const counted = new Map<number, { statements: number; hit: number; read: number }>();
      for (const s of setups) {
        await s.server.ask({ count: true });
        counted.set(s.tenants, { statements: 0, hit: 0, read: 0 });
        runs.set(s.tenants, []);
      }
      for (let r = 0; r < rounds; r++) {
        const order = setups.map((_, i) => setups[(i + r) % setups.length]!);
        for (const s of order) {
          const load = loadAverage()[0]!;
          const blocks0 = await blockCounters(s.db.ownerUrl);
          const cpu0 = cpuSeconds(s.server.pid);
          const db0 = await backendCpu(s.db.ownerUrl);
          const http = await driveHttp({ url: s.url, units: s.units, concurrency: CONCURRENCY, seconds });
          const cpu = cpuSeconds(s.server.pid) - cpu0;
          const dbCpu = cpuBetween(db0, await backendCpu(s.db.ownerUrl));
          const blocks1 = await blockCounters(s.db.ownerUrl);
          const c = counted.get(s.tenants)!;
          c.hit += blocks1.hit - blocks0.hit;
          c.read += blocks1.read - blocks0.read;
          runs.get(s.tenants)!.push({ http, cpu, dbCpu, load });
          ctx.log(
            `round ${r + 1}, ${s.tenants} units: ${(http.flows / http.seconds).toFixed(2)} flows/s, p99 ${pct(http.latencies, 99).toFixed(0)} ms, load ${load}`,
          );
        }
      }

      const phases: Phase[] = [];
      for (const s of setups) {
        const rs = runs.get(s.tenants)!;
        const c = counted.get(s.tenants)!;
        c.statements = (await s.server.ask({ count: false })).statements ?? 0;
        const flows = Math.max(
          rs.reduce((n, x) => n + x.http.flows, 0),
          1,
        );
        const sz = await sizes(s.db.ownerUrl);
        const errors = rs.reduce((n, x) => n + x.http.errors, 0);
        const phase: Phase = {
          tenants: s.tenants,
          seedSeconds: s.seedSeconds,
          flowsPerSecond: round(median(rs.map((x) => x.http.flows / x.http.seconds)), 2),
          requestsPerSecond: round(median(rs.map((x) => x.http.requests / x.http.seconds)), 1),
          p50Ms: round(median(rs.map((x) => pct(x.http.latencies, 50))), 1),
          p99Ms: round(median(rs.map((x) => pct(x.http.latencies, 99))), 1),
          rounds: rs.map((x) => ({
            flowsPerSecond: round(x.http.flows / x.http.seconds, 2),
            p99Ms: round(pct(x.http.latencies, 99), 1),
            loadAverage: x.load,
          })),
          errors,
          firstError: rs.find((x) => x.http.firstError)?.http.firstError ?? null,
          serverCpuMsPerFlow: round((rs.reduce((n, x) => n + x.cpu, 0) * 1000) / flows, 1),
          databaseCpuMsPerFlow: round((rs.reduce((n, x) => n + x.dbCpu, 0) * 1000) / flows, 1),
          statementsPerFlow: round(c.statements / flows, 1),
          serverRssMiB: rssMiB(s.server.pid),
          bufferHitRatio: round(c.hit / Math.max(c.hit + c.read, 1), 4),
          sizes: sz,
          bytesPerTenant: Math.round((sz.tenantTablesBytes + sz.tenantIndexesBytes) / s.tenants),
          indexBytesPerTenant: Math.round(sz.tenantIndexesBytes / s.tenants),
        };
        phases.push(phase);
        ctx.log(
          `${s.tenants} units: ${phase.flowsPerSecond} flows/s, p99 ${phase.p99Ms} ms, ${errors} errors${phase.firstError ? ` (${phase.firstError})` : ''}, ` +
            `CPU/flow server ${phase.serverCpuMsPerFlow} ms + database ${phase.databaseCpuMsPerFlow} ms, ${phase.statementsPerFlow} statements/flow, ` +
            `${Math.round(phase.bytesPerTenant / 1024)} KiB/unit, hit ratio ${phase.bufferHitRatio}`,
        );
      }
      const first = phases[0]!;
      const last = phases[phases.length - 1]!;
      const ratios = {
        throughput10kOver100: round(last.flowsPerSecond / first.flowsPerSecond),
        p99_10kOver100: round(last.p99Ms / first.p99Ms),
        bytesPerTenant10kOver100: round(last.bytesPerTenant / first.bytesPerTenant),
        serverCpuPerFlow10kOver100: round(last.serverCpuMsPerFlow / first.serverCpuMsPerFlow),
        databaseCpuPerFlow10kOver100: round(last.databaseCpuMsPerFlow / first.databaseCpuMsPerFlow),
        statementsPerFlow10kOver100: round(last.statementsPerFlow / first.statementsPerFlow),
      };
      const national = nationalEstimate(last);
      const errors = phases.reduce((n, p) => n + p.errors, 0);
      return {
        metrics: {
          setup: {
            tenantCounts: TENANT_COUNTS,
            historyPerUnit: HISTORY_PER_UNIT,
            concurrency: CONCURRENCY,
            seconds,
            rounds,
            loadAverage: { after: loadAverage() },
            method:
              'Three databases, of 100, 1,000 and 10,000 units (contract, staff, three API keys, a published procedure and ' +
              `${HISTORY_PER_UNIT} finished dossiers with 7 events each per unit, bulk-loaded, then VACUUM ANALYZE), each served by its own ` +
              "server process (dossier-flow's: production settings, in-process jobs). After a 3 s warm-up each, the sizes are measured in " +
              `${rounds} alternating rounds of ${seconds} s (order rotating), medians reported; the clients, in another process, send each ` +
              'flow to the next unit in turn, so with 10,000 units nearly every flow meets a unit not seen in the run. CPU is the server ' +
              'process only (/proc/<pid>/stat); sizes are heap+TOAST and indexes of every table with a tenant_id. Other engineers ran ' +
              'tests on the same 2 cores: each round records the load average; compare sizes within this run, not absolute figures.',
          },
          phases,
          national,
        },
        ratios,
        goals: {
          throughputFlat: {
            target: `10,000 units ≥ ${GOALS.throughputRatio}× the flows/s of 100`,
            actual: ratios.throughput10kOver100,
            met: ratios.throughput10kOver100 >= GOALS.throughputRatio && errors === 0,
          },
          p99Flat: {
            target: `10,000 units p99 ≤ ${GOALS.p99Ratio}× that of 100`,
            actual: ratios.p99_10kOver100,
            met: ratios.p99_10kOver100 <= GOALS.p99Ratio,
          },
          perTenantBytesFlat: {
            target: `bytes per unit at 10,000 ≤ ${GOALS.bytesPerTenantRatio}× at 100`,
            actual: ratios.bytesPerTenant10kOver100,
            met: ratios.bytesPerTenant10kOver100 <= GOALS.bytesPerTenantRatio,
          },
        },
        summary:
          phases.map((p) => `${p.tenants} units ${p.flowsPerSecond} flows/s p99 ${p.p99Ms} ms`).join('; ') +
          `; 10k/100: throughput ${ratios.throughput10kOver100}×, p99 ${ratios.p99_10kOver100}×, bytes/unit ${ratios.bytesPerTenant10kOver100}×; ` +
          `national: ${national.machines.total} machines (load ${Math.min(...phases.flatMap((p) => p.rounds.map((x) => x.loadAverage)))}–${Math.max(...phases.flatMap((p) => p.rounds.map((x) => x.loadAverage)))})`,
      };
    } finally {
      for (const s of setups) {
        await s.server.stop();
        await s.drop();
      }
    }
  },
};
