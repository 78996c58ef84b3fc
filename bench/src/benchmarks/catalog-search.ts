import { randomBytes } from 'node:crypto';
import { boot, type Running } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import { searchCatalog } from '../../../server/src/modules/catalog/search';
import { createBenchDatabase, withClient } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark } from '../lib/types';
import { seedNationalCatalog } from './catalog-search/fixture';
import { explainSearch } from './catalog-search/plans';
import { ACCENTED, EXPECTED_FIRST, QUERIES, TYPOS, UNACCENTED } from './catalog-search/queries';

const PAGE = { from: 0, to: 24 };
const GOAL_P99_MS = 50;
const GOAL_RATIO = 2;

const pathOf = (q: string) =>
  `/api/v1/public/procedures?${new URLSearchParams({ filter: JSON.stringify({ q }) })}`;

/** Nearest-rank percentile of milliseconds. */
function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const summary = (ms: number[]) => ({
  samples: ms.length,
  p50: round(percentile(ms, 50)),
  p90: round(percentile(ms, 90)),
  p99: round(percentile(ms, 99)),
  max: round(Math.max(...ms)),
});

async function httpSearch(
  running: Running,
  q: string,
): Promise<{ ms: number; total: number; first?: string }> {
  const start = performance.now();
  const res = await fetch(running.url + pathOf(q));
  const body = (await res.json()) as { name: string }[];
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`GET ${pathOf(q)}: ${res.status} ${JSON.stringify(body)}`);
  const total = Number((res.headers.get('content-range') ?? '').split('/')[1]);
  return { ms, total, first: body[0]?.name };
}

async function sqlSearch(running: Running, q: string): Promise<{ ms: number; total: number }> {
  const start = performance.now();
  const page = await running.transactor.withPublic((tx) => searchCatalog(tx, { q }, PAGE));
  return { ms: performance.now() - start, total: page.total };
}

/** Same answers both ways, and the right procedure first where the query names one. */
async function checkAnswers(running: Running): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const q of QUERIES) {
    const http = await httpSearch(running, q);
    const sql = await sqlSearch(running, q);
    if (http.total !== sql.total)
      throw new Error(`"${q}": HTTP total ${http.total} ≠ SQL total ${sql.total}`);
    if (http.total === 0) throw new Error(`"${q}" found nothing`);
    const want = EXPECTED_FIRST[q];
    const first = http.first ?? '';
    if (want && !(want.is ? first === want.is : first.toLowerCase().includes(want.contains!.toLowerCase())))
      throw new Error(`"${q}" ranks "${first}" first, expected ${JSON.stringify(want)}`);
    totals[q] = http.total;
  }
  return totals;
}

export const benchmark: Benchmark = {
  name: 'catalog-search',
  description:
    'public catalog search over ~400,000 published procedures (34 provinces × (20 departments + 97 communes)), 50 typical queries, HTTP over loopback vs the same search called in-process',
  async run(ctx) {
    const rounds = ctx.options.rounds ?? 20;
    const db = await createBenchDatabase();
    ctx.log(`database ${db.name}`);
    let running: Running | null = null;
    try {
      await migrate(db.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
      const t = Date.now();
      const seeded = await seedNationalCatalog(db.ownerUrl);
      ctx.log(
        `${seeded.procedures.toLocaleString('en')} procedures in ${seeded.tenants} units (${seeded.tableMiB} MiB) in ${Date.now() - t} ms`,
      );
      await withClient(db.ownerUrl, (c) => c.query('checkpoint')).catch(() => undefined);
      running = await boot({
        env: parseEnv({
          NODE_ENV: 'production',
          DATABASE_URL: db.ownerUrl,
          PORT: '0',
          LOG_LEVEL: 'silent',
          SESSION_SECRET: randomBytes(24).toString('hex'),
          // The public limiter guards the portal; the benchmark is one client asking on purpose.
          RATE_LIMIT_PUBLIC_PER_MINUTE: '100000000',
        }),
      });
      const server = running;
      const totals = await checkAnswers(server);
      const plans = {
        broad: await explainSearch(server.db.app, server.transactor, () =>
          httpSearch(server, 'ho tich').then(() => undefined),
        ),
        typo: await explainSearch(server.db.app, server.transactor, () =>
          httpSearch(server, 'khai snh').then(() => undefined),
        ),
      };
      const pg = await withClient(db.ownerUrl, async (c) => ({
        version: (await c.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v,
        sharedBuffers: (await c.query<{ v: string }>(`select current_setting('shared_buffers') as v`))
          .rows[0]!.v,
      }));

      const loadBefore = loadAverage();
      ctx.log(`${rounds} rounds × ${QUERIES.length} queries, one at a time, HTTP and in-process alternating`);
      const http: number[] = [];
      const sql: number[] = [];
      const perQuery = new Map<string, { http: number[]; sql: number[] }>(
        QUERIES.map((q) => [q, { http: [], sql: [] }]),
      );
      // One warm-up round, unrecorded; then each round alternates which path goes first.
      for (let r = -1; r < rounds; r++) {
        for (const q of QUERIES) {
          let h: { ms: number };
          let s: { ms: number };
          if (r % 2 === 0) {
            h = await httpSearch(server, q);
            s = await sqlSearch(server, q);
          } else {
            s = await sqlSearch(server, q);
            h = await httpSearch(server, q);
          }
          if (r < 0) continue;
          http.push(h.ms);
          sql.push(s.ms);
          perQuery.get(q)!.http.push(h.ms);
          perQuery.get(q)!.sql.push(s.ms);
        }
        if (r >= 0 && (r + 1) % 5 === 0)
          ctx.log(
            `round ${r + 1}: http p99 ${percentile(http, 99).toFixed(1)} ms, sql p99 ${percentile(sql, 99).toFixed(1)} ms`,
          );
      }

      const httpStats = summary(http);
      const sqlStats = summary(sql);
      const ratioP99 = round(httpStats.p99 / sqlStats.p99);
      const ratioP50 = round(httpStats.p50 / sqlStats.p50);
      const slowest = [...perQuery.entries()]
        .map(([q, s]) => ({
          q,
          total: totals[q],
          httpP50: round(percentile(s.http, 50)),
          sqlP50: round(percentile(s.sql, 50)),
        }))
        .sort((a, b) => b.httpP50 - a.httpP50)
        .slice(0, 8);
      return {
        metrics: {
          setup: {
            ...seeded,
            queries: {
              unaccented: UNACCENTED.length,
              accented: ACCENTED.length,
              typos: TYPOS.length,
              list: QUERIES,
            },
            page: '[0,24]',
            rounds,
            postgres: pg,
            loadAverage: { beforeMeasuring: loadBefore, after: loadAverage() },
            method:
              'One process: the server (production settings, logs off, own pool) and the client. Each query is asked one at a time ' +
              'over loopback HTTP (fetch, keep-alive, body read) and as the same search function called in-process in the same ' +
              'public transaction (Transactor.withPublic + searchCatalog: every statement and round trip, no HTTP/JSON). ' +
              'The two alternate per query; one warm-up round is not recorded. Answers are checked first: same totals both ways, ' +
              'the expected procedure first for the queries that name one.',
            caveat:
              'A 2-core machine shared by the client, the server and Postgres — and by whatever else runs (see loadAverage).',
          },
          http: httpStats,
          sql: sqlStats,
          matchesPerQuery: totals,
          slowestQueries: slowest,
          plans,
        },
        ratios: { httpOverSqlP99: ratioP99, httpOverSqlP50: ratioP50 },
        goals: {
          httpP99: { target: `< ${GOAL_P99_MS} ms`, actual: httpStats.p99, met: httpStats.p99 < GOAL_P99_MS },
          httpOverSqlP99: { target: `≤ ${GOAL_RATIO}×`, actual: ratioP99, met: ratioP99 <= GOAL_RATIO },
        },
        summary: `${seeded.published.toLocaleString('en')} published, ${QUERIES.length} queries: HTTP p50 ${httpStats.p50.toFixed(1)} ms p99 ${httpStats.p99.toFixed(1)} ms; in-process p50 ${sqlStats.p50.toFixed(1)} ms p99 ${sqlStats.p99.toFixed(1)} ms; p99 ratio ${ratioP99.toFixed(2)}×`,
      };
    } finally {
      await running?.close();
      await db.drop().catch((err: unknown) => ctx.log(`could not drop ${db.name}: ${String(err)}`));
    }
  },
};
