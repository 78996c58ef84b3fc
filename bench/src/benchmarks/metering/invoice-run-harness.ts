/**
 * A local harness for the year-end invoice run alone (no ingestion over HTTP): seeds N units with one
 * ended contract year and 100 usage events each, straight into the tables, then runs
 * executeInvoiceRun several times (deleting its invoices and closures in between) and prints wall
 * time, Node CPU, the bare GROUP BY floor and the time spent per statement shape.
 *
 *   npx tsx bench/src/benchmarks/metering/invoice-run-harness.ts [units=10000] [runs=3] [keep-db-url]
 */
import { readFileSync } from 'node:fs';
import { createBillingRun } from '../../../../billing/src/index';
import { addDays, localDate } from '../../../../billing/src/pricing/dates';
import { parseEnv } from '../../../../server/src/config/index';
import { migrate, openDatabase } from '../../../../server/src/db/database';
import { Transactor } from '../../../../server/src/db/transactor';
import { executeInvoiceRun } from '../../../../server/src/jobs/billing/invoice-run';
import { createBenchDatabase, withClient } from '../../lib/database';
import { loadAverage } from '../../lib/machine';
import { seedUnits } from './fixture';

/** CPU ms (user + system) of this database's server processes, from /proc (same machine). */
async function backendCpu(ownerUrl: string, name: string): Promise<Map<number, number>> {
  const pids = await withClient(
    ownerUrl,
    async (c) =>
      (await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name])).rows,
  );
  const tick = 1000 / 100; // USER_HZ
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // gone
    }
  }
  return out;
}

/** The server's WAL position in bytes (every database's writes: others' add noise). */
const walLsn = (ownerUrl: string) =>
  withClient(ownerUrl, async (c) =>
    BigInt(
      (await c.query<{ b: string }>("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint::text as b"))
        .rows[0]!.b,
    ),
  );

const units = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);

async function main() {
  const bench = await createBenchDatabase();
  try {
    await migrate(bench.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
    const end = addDays(localDate(new Date()), -10);
    const start = addDays(end, -364);
    await seedUnits(
      bench.ownerUrl,
      units,
      { annualFee: 24_000_000, includedDossiers: 90, unitPrice: 12_000 },
      start,
      end,
    );
    await withClient(bench.ownerUrl, async (c) => {
      await c.query(
        `insert into usage_events (tenant_id, contract_id, metric, quantity, occurred_at, idempotency_key, source)
         select c.tenant_id, c.id, 'dossier.received', 1, $1::date + (i * 3) % 360 + interval '1 hour', 'e' || i, 'ingestion'
         from contracts c, generate_series(0, 99) i`,
        [start],
      );
      await c.query(
        `insert into usage_counters (tenant_id, contract_id, metric, quantity, event_count)
         select tenant_id, contract_id, 'dossier.received', sum(quantity), count(*) from usage_events group by 1, 2`,
      );
      await c.query('vacuum analyze');
    });
    if (process.env.PROFILE)
      await withClient(bench.ownerUrl, (c) =>
        c.query(
          `alter database "${bench.name}" set session_preload_libraries = 'auto_explain';
           alter database "${bench.name}" set auto_explain.log_min_duration = ${Number(process.env.PROFILE)};
           alter database "${bench.name}" set auto_explain.log_analyze = on;
           alter database "${bench.name}" set auto_explain.log_buffers = on;
           alter database "${bench.name}" set auto_explain.log_triggers = on;
           alter database "${bench.name}" set client_min_messages = log`,
        ),
      );
    const db = await openDatabase(parseEnv({ DATABASE_URL: bench.ownerUrl }));
    if (process.env.PROFILE)
      (
        db.app.client as {
          pool: {
            on(
              e: string,
              f: (id: number, c: { on(e: string, f: (m: { message: string }) => void): void }) => void,
            ): void;
          };
        }
      ).pool.on('createSuccess', (_id, conn) => conn.on('notice', (m) => console.log(m.message)));
    const transactor = new Transactor(db);
    const stats = new Map<string, { n: number; ms: number }>();
    let runStart = 0;
    const started = new Map<string, { t: number; key: string }>();
    db.app.on('query', (q: { __knexQueryUid: string; sql: string }) => {
      const key = q.sql.replace(/\s+/g, ' ').slice(0, 90);
      started.set(q.__knexQueryUid, { t: performance.now(), key });
    });
    db.app.on('query-response', (_r: unknown, q: { __knexQueryUid: string }) => {
      const s = started.get(q.__knexQueryUid);
      if (!s) return;
      if (process.env.TIMELINE)
        console.log(
          `      ${(s.t - runStart).toFixed(0).padStart(5)}-${(performance.now() - runStart).toFixed(0).padStart(5)} ${s.key.slice(0, 40)}`,
        );
      const e = stats.get(s.key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - s.t;
      stats.set(s.key, e);
    });
    for (let r = 0; r < runs; r++) {
      const bare = await withClient(bench.ownerUrl, async (c) => {
        await c.query('select tenant_id, sum(quantity) from usage_events group by tenant_id');
        const t = performance.now();
        await c.query('select tenant_id, sum(quantity) from usage_events group by tenant_id');
        return performance.now() - t;
      });
      const run = await transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
        createBillingRun(tx, { kind: 'overage', periodFrom: end, periodTo: end, dryRun: false }, 'bench'),
      );
      stats.clear();
      const load = loadAverage();
      const pgBefore = await backendCpu(bench.ownerUrl, bench.name);
      const walBefore = await walLsn(bench.ownerUrl);
      const cpu = process.cpuUsage();
      const t = (runStart = performance.now());
      await executeInvoiceRun(transactor, run.id, new Date());
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const walMiB = (Number(await walLsn(bench.ownerUrl)) - Number(walBefore)) / 2 ** 20;
      let pgCpu = 0;
      for (const [pid, ms] of await backendCpu(bench.ownerUrl, bench.name))
        pgCpu += ms - (pgBefore.get(pid) ?? 0);
      const created = await withClient(bench.ownerUrl, async (c) =>
        Number((await c.query<{ n: string }>('select count(*) as n from invoices')).rows[0]!.n),
      );
      console.log(
        `run ${r + 1}: ${ms.toFixed(0)} ms wall, node cpu ${((used.user + used.system) / 1000).toFixed(0)} ms, ` +
          `postgres cpu ${pgCpu.toFixed(0)} ms, WAL ${walMiB.toFixed(1)} MiB (whole server), ` +
          `${created} invoices, bare GROUP BY ${bare.toFixed(0)} ms (${(ms / bare).toFixed(2)}x), load ${load.join(' ')}`,
      );
      for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8))
        console.log(`   ${v.ms.toFixed(0).padStart(6)} ms ${String(v.n).padStart(3)}x  ${k}`);
      await withClient(bench.ownerUrl, async (c) => {
        await c.query('delete from invoice_lines; delete from invoices; delete from usage_period_closures');
        await c.query('vacuum analyze invoices, invoice_lines, usage_period_closures, usage_counters');
      });
    }
    await db.close();
  } finally {
    await bench.drop();
  }
}

await main();
