import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import { createBenchDatabase, withClient } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark } from '../lib/types';
import { publishProcedures } from './dossier-flow/fixture';
import type { ServerMessage, ServerReply } from './dossier-flow/server';
import type { ClientResult, ClientSpec } from './scale-model/client';
import { addHistory, addUnits, cloneProcedure, createPlan, type ScaleUnit } from './scale-model/fixture';
import { nationalEstimate } from './scale-model/national';
import { blockCounters, cpuSeconds, rssMiB, sizes, type Sizes } from './scale-model/measure';

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

interface Phase {
  tenants: number;
  seedSeconds: number;
  flowsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  firstError: string | null;
  serverCpuMsPerFlow: number;
  statementsPerFlow: number;
  serverRssMiB: number;
  bufferHitRatio: number;
  sizes: Sizes;
  bytesPerTenant: number;
  indexBytesPerTenant: number;
  loadAverage: number[];
}

export const benchmark: Benchmark = {
  name: 'scale-model',
  description: `the dossier workload (desk entry → receive → assign → approve → approve over HTTP, ${CONCURRENCY} clients, each flow in the next unit) with ${TENANT_COUNTS.join(', ')} units of ${HISTORY_PER_UNIT} finished dossiers each, on one database: how throughput, p99, index sizes and per-unit cost move with the number of units`,
  async run(ctx) {
    const seconds = ctx.options.seconds ?? 30;
    const db = await createBenchDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-scale-'));
    ctx.log(`database ${db.name}`);
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
    const phases: Phase[] = [];
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

      const units: ScaleUnit[] = [];
      for (const tenants of TENANT_COUNTS) {
        let t = Date.now();
        const added = await addUnits(db.ownerUrl, units.length + 1, tenants - units.length, planVersionId);
        await cloneProcedure(db.ownerUrl, template!, added);
        await addHistory(db.ownerUrl, added, HISTORY_PER_UNIT);
        units.push(...added);
        await withClient(db.ownerUrl, (c) => c.query('vacuum analyze'));
        const seedSeconds = round((Date.now() - t) / 1000, 1);
        ctx.log(`${tenants} units (+${added.length} in ${seedSeconds} s)`);

        const server = startServer();
        try {
          const { url } = await server.ask({ start: env });
          await driveHttp({ url: url!, units, concurrency: CONCURRENCY, seconds: Math.min(3, seconds) });
          const loadBefore = loadAverage();
          const blocks0 = await blockCounters(db.ownerUrl);
          const cpu0 = cpuSeconds(server.pid);
          await server.ask({ count: true });
          t = Date.now();
          const http = await driveHttp({ url: url!, units, concurrency: CONCURRENCY, seconds });
          const cpu = cpuSeconds(server.pid) - cpu0;
          const counted = await server.ask({ count: false });
          const blocks1 = await blockCounters(db.ownerUrl);
          const rss = rssMiB(server.pid);
          const s = await sizes(db.ownerUrl);
          const hit = blocks1.hit - blocks0.hit;
          const read = blocks1.read - blocks0.read;
          const flows = Math.max(http.flows, 1);
          const phase: Phase = {
            tenants,
            seedSeconds,
            flowsPerSecond: round(http.flows / http.seconds, 2),
            requestsPerSecond: round(http.requests / http.seconds, 1),
            p50Ms: round(pct(http.latencies, 50), 1),
            p99Ms: round(pct(http.latencies, 99), 1),
            errors: http.errors,
            firstError: http.firstError,
            serverCpuMsPerFlow: round((cpu * 1000) / flows, 1),
            statementsPerFlow: round((counted.statements ?? 0) / flows, 1),
            serverRssMiB: rss,
            bufferHitRatio: round(hit / Math.max(hit + read, 1), 4),
            sizes: s,
            bytesPerTenant: Math.round((s.tenantTablesBytes + s.tenantIndexesBytes) / tenants),
            indexBytesPerTenant: Math.round(s.tenantIndexesBytes / tenants),
            loadAverage: loadBefore,
          };
          phases.push(phase);
          ctx.log(
            `${tenants} units: ${phase.flowsPerSecond} flows/s, p99 ${phase.p99Ms} ms, ${phase.errors} errors${phase.firstError ? ` (${phase.firstError})` : ''}, ` +
              `server ${phase.serverCpuMsPerFlow} ms CPU/flow, ${phase.statementsPerFlow} statements/flow, ` +
              `${Math.round(phase.bytesPerTenant / 1024)} KiB/unit, hit ratio ${phase.bufferHitRatio}, load ${loadBefore[0]}`,
          );
        } finally {
          await server.stop();
        }
      }

      const first = phases[0]!;
      const last = phases[phases.length - 1]!;
      const ratios = {
        throughput10kOver100: round(last.flowsPerSecond / first.flowsPerSecond),
        p99_10kOver100: round(last.p99Ms / first.p99Ms),
        bytesPerTenant10kOver100: round(last.bytesPerTenant / first.bytesPerTenant),
        serverCpuPerFlow10kOver100: round(last.serverCpuMsPerFlow / first.serverCpuMsPerFlow),
        statementsPerFlow10kOver100: round(last.statementsPerFlow / first.statementsPerFlow),
      };
      const national = nationalEstimate(last, cpus().length);
      const errors = phases.reduce((n, p) => n + p.errors, 0);
      return {
        metrics: {
          setup: {
            tenantCounts: TENANT_COUNTS,
            historyPerUnit: HISTORY_PER_UNIT,
            concurrency: CONCURRENCY,
            seconds,
            method:
              'One database grows from 100 to 1,000 to 10,000 units (contract, staff, three API keys, a published procedure and ' +
              `${HISTORY_PER_UNIT} finished dossiers with 7 events each per unit, bulk-loaded, then VACUUM ANALYZE). For each size a fresh server ` +
              "process (dossier-flow's: production settings, in-process jobs) serves a 3 s warm-up and then the measured run; the clients, in " +
              'another process, send each flow to the next unit in turn, so at 10,000 units nearly every flow meets a unit not seen in the run. ' +
              'CPU is the server process only (/proc/<pid>/stat); sizes are heap+TOAST and indexes of every table with a tenant_id. ' +
              'Other engineers ran tests on the same 2 cores: the load average is recorded per phase; compare phases of this run, not absolute figures.',
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
          phases
            .map(
              (p) =>
                `${p.tenants} units ${p.flowsPerSecond} flows/s p99 ${p.p99Ms} ms (load ${p.loadAverage[0]})`,
            )
            .join('; ') +
          `; 10k/100: throughput ${ratios.throughput10kOver100}×, p99 ${ratios.p99_10kOver100}×, bytes/unit ${ratios.bytesPerTenant10kOver100}×; ` +
          `national: ${national.machines.total} machines`,
      };
    } finally {
      await db.drop().catch((err: unknown) => ctx.log(`could not drop ${db.name}: ${String(err)}`));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
