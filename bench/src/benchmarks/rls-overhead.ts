import { migrate } from '../../../server/src/db/database';
import { parseEnv } from '../../../server/src/config/index';
import type { Running } from '../../../server/src/boot';
import { adminUrl, createBenchDatabase, withClient } from '../lib/database';
import { LoadGenerator, type LoadSpec } from '../lib/load';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark, Goal } from '../lib/types';
import {
  AUDIT_ACTIONS,
  createBypassRole,
  createUnits,
  dropBypassRole,
  fillAuditLogs,
  type BenchUnit,
} from './rls-overhead/fixture';
import { alternate, type Variant, type VariantStats } from './rls-overhead/measure';
import { captureQueries, explainAs, type CapturedQuery, type PlanSummary } from './rls-overhead/plans';
import { bootVariants, roleFacts } from './rls-overhead/servers';

const UNITS = 200;
const ROWS = 1_000_000;
const CONNECTIONS = 10;
const WARMUP_SECONDS = 3;

const READ_PATH = `/api/v1/audit-log?${new URLSearchParams({ range: '[0,24]', filter: JSON.stringify({ action: AUDIT_ACTIONS[2] }) })}`;
const WRITE_PATH = '/api/v1/api-keys';
const WRITE_BODY = JSON.stringify({ name: 'Khóa tích hợp thử tải', role: 'desk_officer' });

async function get(url: string, key: string): Promise<{ range: string; tenants: string[] }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  const rows = (await res.json()) as { tenantId: string }[];
  return {
    range: res.headers.get('content-range') ?? '',
    tenants: [...new Set(rows.map((r) => r.tenantId))],
  };
}

/** Both variants must answer the same page for the same unit, and only that unit's rows. */
async function assertSameAnswers(servers: Record<Variant, Running>, units: BenchUnit[]): Promise<string> {
  let range = '';
  for (const u of [units[0]!, units[units.length - 1]!]) {
    const a = await get(servers.rls.url + READ_PATH, u.key);
    const b = await get(servers.bypass.url + READ_PATH, u.key);
    if (a.range !== b.range || a.tenants.join() !== u.tenantId || b.tenants.join() !== u.tenantId) {
      throw new Error(`variants disagree for ${u.code}: ${JSON.stringify({ a, b })}`);
    }
    range = a.range;
  }
  return range;
}

/** Every SELECT of one real request of each path, explained on both roles in the same context. */
async function plans(servers: Record<Variant, Running>, unit: BenchUnit) {
  const read = await captureQueries(servers.rls.db.app, () =>
    get(servers.rls.url + READ_PATH, unit.key).then(() => undefined),
  );
  const write = await captureQueries(servers.rls.db.app, async () => {
    const res = await fetch(servers.rls.url + WRITE_PATH, {
      method: 'POST',
      headers: { authorization: `Bearer ${unit.key}`, 'content-type': 'application/json' },
      body: WRITE_BODY,
    });
    if (res.status !== 201) throw new Error(`POST ${WRITE_PATH}: ${res.status} ${await res.text()}`);
  });
  const label = (path: string, q: CapturedQuery) =>
    `${path}: ${/from "?(\w+)"?/i.exec(q.sql)?.[1] ?? '?'}${/count\(/i.test(q.sql) ? ' count' : ''}`;
  const out: Record<string, Record<Variant, PlanSummary>> = {};
  for (const [path, qs] of [
    ['read', read],
    ['write', write],
  ] as const) {
    if (!qs.some((q) => q.sql.includes('"audit_log"')))
      throw new Error(`saw no audit_log query on the ${path} path`);
    for (const q of qs) {
      out[label(path, q)] = {
        rls: await explainAs(servers.rls.transactor, q),
        bypass: await explainAs(servers.bypass.transactor, q),
      };
    }
  }
  return out;
}

function ratioGoals(path: 'read' | 'write', s: Record<Variant, VariantStats>) {
  const throughput = round(s.rls.reqPerSec / s.bypass.reqPerSec);
  const p99 = round(s.rls.p99 / s.bypass.p99);
  const goals: Record<string, Goal> = {
    [`${path}Throughput`]: { target: 'rls/bypass ≥ 0.95', actual: throughput, met: throughput >= 0.95 },
    [`${path}P99`]: { target: 'rls/bypass ≤ 1.05', actual: p99, met: p99 <= 1.05 },
  };
  return {
    ratios: { [`${path}Throughput`]: throughput, [`${path}P99`]: p99 },
    goals,
    line: `${path} ${throughput.toFixed(2)}× req/s, p99 ${p99.toFixed(2)}×`,
  };
}

export const benchmark: Benchmark = {
  name: 'rls-overhead',
  description: `tenant-scoped read and write endpoints under RLS vs a BYPASSRLS role with explicit tenant filters; ${UNITS} units, ${ROWS.toLocaleString('en')} audit rows`,
  async run(ctx) {
    const seconds = ctx.options.seconds ?? 8;
    const rounds = ctx.options.rounds ?? 5;
    const db = await createBenchDatabase();
    ctx.log(`database ${db.name}`);
    let servers: Record<Variant, Running> | null = null;
    const load = new LoadGenerator();
    try {
      await migrate(db.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
      const bypassUrl = await createBypassRole(db.ownerUrl);
      servers = await bootVariants(db.ownerUrl, bypassUrl);
      const roles = { rls: await roleFacts(servers.rls), bypass: await roleFacts(servers.bypass) };
      if (roles.rls.bypassRls || !roles.bypass.bypassRls)
        throw new Error(`unexpected roles ${JSON.stringify(roles)}`);

      let t = Date.now();
      const units = await createUnits(servers.rls.transactor, UNITS);
      ctx.log(`${UNITS} units with keys in ${Date.now() - t} ms`);
      t = Date.now();
      const audit = await fillAuditLogs(db.ownerUrl, ROWS / UNITS);
      ctx.log(
        `${audit.rows.toLocaleString('en')} audit rows (${audit.tableMiB} MiB) in ${Date.now() - t} ms`,
      );
      // Flush the bulk load now, so its checkpoint does not land in the middle of a measured round.
      await withClient(db.ownerUrl, (c) => c.query('checkpoint')).catch((err: unknown) =>
        ctx.log(`no checkpoint: ${String(err)}`),
      );
      const pageRange = await assertSameAnswers(servers, units);
      const queryPlans = await plans(servers, units[0]!);
      const pg = await withClient(db.ownerUrl, async (c) => ({
        version: (await c.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v,
        sharedBuffers: (await c.query<{ v: string }>(`select current_setting('shared_buffers') as v`))
          .rows[0]!.v,
      }));

      const loadBefore = loadAverage();
      const keys = units.map((u) => u.key);
      const spec = (v: Variant, method: 'GET' | 'POST', path: string, body?: string): LoadSpec => ({
        url: servers![v].url,
        method,
        path,
        body,
        bearerKeys: keys,
        connections: CONNECTIONS,
        seconds,
      });
      ctx.log(
        `read: GET ${decodeURIComponent(READ_PATH)} (${pageRange}), ${rounds} rounds × ${seconds} s per variant`,
      );
      const read = await alternate(
        load,
        { rls: spec('rls', 'GET', READ_PATH), bypass: spec('bypass', 'GET', READ_PATH) },
        { rounds, warmupSeconds: WARMUP_SECONDS },
        ctx.log,
      );
      ctx.log(`write: POST ${WRITE_PATH}, ${rounds} rounds × ${seconds} s per variant`);
      const write = await alternate(
        load,
        {
          rls: spec('rls', 'POST', WRITE_PATH, WRITE_BODY),
          bypass: spec('bypass', 'POST', WRITE_PATH, WRITE_BODY),
        },
        { rounds, warmupSeconds: WARMUP_SECONDS },
        ctx.log,
      );

      const r = ratioGoals('read', read);
      const w = ratioGoals('write', write);
      const auditPlans = Object.entries(queryPlans).filter(([name]) => name.includes('audit_log'));
      const indexUsed = auditPlans.every(
        ([, p]) => p.rls.indexes.includes('audit_log_pkey') && !p.rls.seqScans.includes('audit_log'),
      );
      // Plans on the small tables may flip with their statistics at no cost; the 1M-row table's may not.
      const differing = auditPlans
        .filter(([, p]) => p.rls.shape.join(' > ') !== p.bypass.shape.join(' > '))
        .map(([name]) => name);
      return {
        metrics: {
          setup: {
            units: UNITS,
            auditRows: audit.rows,
            auditTableMiB: audit.tableMiB,
            connections: CONNECTIONS,
            secondsPerRun: seconds,
            rounds,
            warmupSeconds: WARMUP_SECONDS,
            loadAverage: { beforeMeasuring: loadBefore, after: loadAverage() },
            postgres: pg,
            method:
              'One process boots the server twice (same code, own pools): rls = runtime role motcua_app under forced RLS; ' +
              'bypass = role with BYPASSRLS and the same privileges. Both run the same SQL, which filters tenant_id explicitly. ' +
              'autocannon runs in one child process over loopback, rotating the 200 units’ tenant_admin keys per request. ' +
              'Variants alternate (A B, B A, …) after a warm-up; figures are medians over rounds; request logging off.',
            caveat:
              'The machine has 2 cores shared by the load generator, the Node server and Postgres, so absolute figures understate a real server; ' +
              'the ratio is what this benchmark is for. Other work on the machine (see loadAverage) adds noise; compare the rounds.',
          },
          roles,
          read: { endpoint: `GET ${decodeURIComponent(READ_PATH)}`, contentRange: pageRange, ...read },
          write: { endpoint: `POST ${WRITE_PATH} ${WRITE_BODY}`, ...write },
          plans: queryPlans,
        },
        ratios: { ...r.ratios, ...w.ratios },
        goals: {
          ...r.goals,
          ...w.goals,
          tenantIndexUsedUnderRls: {
            target: 'audit_log_pkey (tenant_id, seq) used, no seq scan',
            actual: indexUsed,
            met: indexUsed,
          },
          plansMatchBaseline: {
            target: 'each audit_log query plans the same under RLS as without',
            actual: differing.length === 0 ? true : `differs: ${differing.join(', ')}`,
            met: differing.length === 0,
          },
        },
        summary: `${r.line}; ${w.line}${differing.length > 0 ? `; RLS changes the plan of ${differing.join(', ')}` : ''}`,
      };
    } finally {
      load.close();
      // autocannon drops its sockets at the deadline; let the requests still in the server finish.
      await new Promise((ok) => setTimeout(ok, 1000));
      if (servers) await Promise.all([servers.rls.close(), servers.bypass.close()]);
      await db.drop();
      await dropBypassRole(adminUrl()).catch((err: unknown) =>
        ctx.log(`could not drop the baseline role: ${String(err)}`),
      );
      ctx.log(`dropped ${db.name}`);
    }
  },
};
