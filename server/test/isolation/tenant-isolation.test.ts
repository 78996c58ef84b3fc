import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { Transactor } from '../../src/db/transactor';
import { routes } from '../../src/http/routes';
import type { RouteDef } from '../../src/http/route-table';
import { bearer, createTestTenantKey, createTestUnit, startTestServer, type TestUnit } from '../support/app';
import { idsIn, snapshotUnit, tenantOwnedTables, type Snapshot } from './tenant-owned';

/**
 * Adversarial: unit A's tenant_admin key against every route of the table, aimed at unit B's
 * records. New routes are attacked automatically. B must answer as if it did not exist, and stay
 * exactly as it was.
 */
let running: Running;
let a: TestUnit;
let b: TestUnit;
let before: Snapshot;
let forbiddenIds: string[];

beforeAll(async () => {
  // Public routes are attacked too, many times over: lift their rate limit.
  running = await startTestServer({ env: { RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000' } });
  a = await createTestUnit(running, ['tenant_admin']);
  b = await createTestUnit(running, ['tenant_admin', 'desk_officer', 'leader']);
  const revoked = await createTestTenantKey(running, b.tenant.id, 'processing_officer');
  await request(running.url)
    .post(`/api/v1/api-keys/${revoked.id}/revoke`)
    .set('Authorization', bearer(b.keys.tenant_admin!))
    .expect(200);
  before = await snapshotUnit(running.transactor, b.tenant.id);
  forbiddenIds = idsIn(before);
});

afterAll(async () => {
  await running?.close();
});

const mayCall = (r: RouteDef) => {
  const x = r.access;
  return 'public' in x || 'signedIn' in x || ('tenant' in x && (x.tenant ?? []).includes('tenant_admin'));
};

/** The answer, without `instance` (the request's own URL, which carries the ids we sent). */
function answerText(res: request.Response): string {
  if (res.body && typeof res.body === 'object' && !Array.isArray(res.body)) {
    const { instance: _instance, ...rest } = res.body as Record<string, unknown>;
    return JSON.stringify(rest);
  }
  return Array.isArray(res.body) ? JSON.stringify(res.body) : res.text;
}

/**
 * The public unit directory (the portal's page per unit) names every active unit by design: on
 * those routes B's id and code are public, and nothing else of B's may show.
 */
const isUnitDirectory = (r: RouteDef) => 'public' in r.access && r.path.startsWith('/public/units');

function expectNothingOfB(res: request.Response, what: string, r?: RouteDef) {
  expect(res.status, `${what} → ${res.status} ${res.text}`).toBeLessThan(500);
  const text = answerText(res).toLowerCase();
  const publicIdentity = r && isUnitDirectory(r) ? [b.tenant.id, b.tenant.code.toLowerCase()] : [];
  for (const id of [...forbiddenIds, b.tenant.code.toLowerCase()].filter((x) => !publicIdentity.includes(x)))
    expect(text.includes(id), `${what} leaked ${id}: ${res.text}`).toBe(false);
}

function call(
  r: RouteDef,
  path: string,
  opts: { query?: Record<string, string>; body?: unknown; tenantHeader?: string },
) {
  const agent = request(running.url);
  const req = agent[r.method](`/api/v1${path}`).set('Authorization', bearer(a.keys.tenant_admin!));
  if (opts.tenantHeader) req.set('X-Tenant-Id', opts.tenantHeader);
  if (opts.query) req.query(opts.query);
  return r.method === 'get' ? req : req.send((opts.body ?? {}) as object);
}

const hostileBodies = (id: string) => [
  {},
  { tenantId: b.tenant.id, tenant_id: b.tenant.id, id, name: 'x', role: 'tenant_admin' },
];

function listQueries(): Record<string, string>[] {
  const bIds = forbiddenIds.slice(0, 50);
  const filters = [
    {},
    { id: bIds },
    { tenantId: b.tenant.id },
    { id: bIds, tenantId: b.tenant.id },
    { q: b.tenant.code },
  ];
  const sorts = [
    undefined,
    ['id', 'ASC'],
    ['tenantId', 'ASC'],
    ['createdAt', 'DESC'],
    ['seq', 'DESC'],
    ['code', 'ASC'],
  ];
  return filters.flatMap((f) =>
    sorts.map((s) => ({
      filter: JSON.stringify(f),
      range: '[0,199]',
      ...(s ? { sort: JSON.stringify(s) } : {}),
    })),
  );
}

// Every route × every id of B's: ~25 s alone on 2 cores, and it grows with the route table.
describe("A's key against every route, aimed at B", { timeout: 120_000 }, () => {
  it('answers 404 (or 403 when A may not call the route) for each of B’s ids, and never returns B’s data', async () => {
    for (const r of routes.filter((x) => x.path.includes(':'))) {
      const attempts = forbiddenIds.flatMap((id) =>
        (r.method === 'get' ? [undefined] : hostileBodies(id)).map((body) => ({ id, body })),
      );
      await Promise.all(
        attempts.map(async ({ id, body }) => {
          const res = await call(r, r.path.replace(/:[A-Za-z]+/g, id), {
            body,
            query: { tenantId: b.tenant.id },
          });
          const what = `${r.method.toUpperCase()} ${r.path} with ${id}`;
          expectNothingOfB(res, what, r);
          const badBody = r.body !== undefined && !r.body.safeParse(body).success;
          if (isUnitDirectory(r) && id === b.tenant.id) expect(res.status, what).toBe(200);
          else if (!mayCall(r)) expect(res.status, what).toBe(403);
          else if (badBody) expect([400, 404], what).toContain(res.status);
          else expect(res.status, `${what}: ${res.text}`).toBe(404);
        }),
      );
    }
  });

  it('lists hold none of B’s rows, whatever the filter and sort', async () => {
    let answered = 0;
    for (const r of routes.filter((x) => x.list)) {
      await Promise.all(
        listQueries().map(async (query) => {
          const res = await call(r, r.path, { query });
          expectNothingOfB(res, `GET ${r.path}?${new URLSearchParams(query).toString()}`, r);
          if (res.status === 200) answered++;
        }),
      );
    }
    // Not vacuous: the lists A may read did answer.
    expect(answered).toBeGreaterThan(0);
  });

  it('other routes, given B’s ids in body and query, do not reach B', async () => {
    for (const r of routes.filter((x) => !x.path.includes(':'))) {
      for (const body of r.method === 'get' ? [undefined] : hostileBodies(b.tenant.id)) {
        const res = await call(r, r.path, {
          body,
          query: { tenantId: b.tenant.id, filter: JSON.stringify({ tenantId: b.tenant.id }) },
        });
        expectNothingOfB(res, `${r.method.toUpperCase()} ${r.path}`, r);
      }
    }
  });

  it('naming B in X-Tenant-Id is refused on every signed-in route', async () => {
    for (const r of routes) {
      const res = await call(r, r.path.replace(/:[A-Za-z]+/g, b.tenant.id), { tenantHeader: b.tenant.id });
      expectNothingOfB(res, `${r.method.toUpperCase()} ${r.path} as B`, r);
      if (!('public' in r.access)) expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it('A still reaches its own records (the 404s above are not a broken route)', async () => {
    await request(running.url)
      .get(`/api/v1/tenants/${a.tenant.id}`)
      .set('Authorization', bearer(a.keys.tenant_admin!))
      .expect(200);
    const spare = await createTestTenantKey(running, a.tenant.id, 'leader');
    await request(running.url)
      .post(`/api/v1/api-keys/${spare.id}/revoke`)
      .set('Authorization', bearer(a.keys.tenant_admin!))
      .expect(200);
  });

  it('left B exactly as it was', async () => {
    expect(await snapshotUnit(running.transactor, b.tenant.id)).toEqual(before);
  });
});

describe('the database under the routes', () => {
  let single: Knex;
  let tr: Transactor;
  let tables: string[];

  beforeAll(async () => {
    // A pool of one connection: every transaction below runs on the same session.
    single = knexFactory({ client: 'pg', connection: running.db.appUrl, pool: { min: 1, max: 1 } });
    tr = new Transactor({ app: single });
    tables = await running.transactor.withSystem(tenantOwnedTables);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'memberships', 'tenant_api_keys']));
  });
  afterAll(async () => {
    await single?.destroy();
  });

  /** Rows per tenant-owned table, in one round trip; optionally only rows of other units than one. */
  async function countsEach(
    tx: Knex.Transaction | Knex,
    where?: { notTenant: string },
  ): Promise<Record<string, number>> {
    const sql = tables
      .map(
        (t) =>
          `select '${t}' as t, count(*)::int as n from "${t}"${where ? ' where tenant_id is distinct from ?' : ''}`,
      )
      .join(' union all ');
    const { rows } = (await tx.raw(sql, where ? tables.map(() => where.notTenant) : [])) as {
      rows: { t: string; n: number }[];
    };
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }
  const zeros = () => Object.fromEntries(tables.map((t) => [t, 0]));

  it('a reused connection carries no unit into the next transaction', async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const unit = i % 2 === 0 ? a : b;
      const seen = await tr.withTenant({ tenantId: unit.tenant.id, actorId: null }, async (tx) => {
        pids.add(
          ((await tx.raw('select pg_backend_pid() as pid')) as { rows: { pid: number }[] }).rows[0]!.pid,
        );
        return countsEach(tx, { notTenant: unit.tenant.id });
      });
      expect(seen, `unit ${i % 2 === 0 ? 'A' : 'B'} saw another unit's rows`).toEqual(zeros());
      if (i % 5 === 4) {
        // A transaction that fails half-way must not leave its unit behind either.
        await expect(
          tr.withTenant({ tenantId: unit.tenant.id, actorId: null }, () => Promise.reject(new Error('boom'))),
        ).rejects.toThrow('boom');
      }
      const after = await tr.withNoContext(async (tx) => {
        const { rows } = (await tx.raw(
          "select current_setting('app.tenant_id', true) as t, pg_backend_pid() as pid",
        )) as {
          rows: { t: string | null; pid: number }[];
        };
        pids.add(rows[0]!.pid);
        return { setting: rows[0]!.t ?? '', counts: await countsEach(tx) };
      });
      expect(after).toEqual({ setting: '', counts: zeros() });
    }
    expect(pids.size).toBe(1);
    // A transaction that sets nothing at all (a raw one on the same session) is still the bare login
    // role: it carries no unit, no context role, and may not read a tenant-owned table at all.
    const raw = await single.transaction(async (tx) => {
      const { rows } = (await tx.raw(
        "select current_setting('app.tenant_id', true) as t, current_user as role",
      )) as { rows: { t: string | null; role: string }[] };
      return { setting: rows[0]!.t ?? '', role: rows[0]!.role };
    });
    expect(raw).toEqual({ setting: '', role: 'motcua_app' });
    await expect(single.transaction((tx) => countsEach(tx))).rejects.toThrow(/permission denied/);
  });

  it('no tenant set: every tenant-owned table looks empty (also for a citizen)', async () => {
    expect(await running.transactor.withNoContext((tx) => countsEach(tx))).toEqual(zeros());
    expect(await running.transactor.withCitizen(crypto.randomUUID(), (tx) => countsEach(tx))).toEqual(
      zeros(),
    );
    // …while the rows do exist.
    const all = await running.transactor.withSystem((tx) => countsEach(tx));
    expect(all.audit_log).toBeGreaterThan(0);
  });

  it('WITH CHECK refuses writing another unit’s tenant_id', async () => {
    const asA = <T>(fn: (tx: Knex.Transaction) => Promise<T>) =>
      running.transactor.withTenant({ tenantId: a.tenant.id, actorId: null }, fn);
    const rls = /row-level security/;
    await expect(
      asA((tx) =>
        tx('tenant_api_keys').insert({
          tenant_id: b.tenant.id,
          key_id: 'x'.repeat(16),
          secret_hash: 'x',
          role: 'tenant_admin',
          name: 'planted',
        }),
      ),
    ).rejects.toThrow(rls);
    await expect(
      asA((tx) =>
        tx('memberships').insert({ tenant_id: b.tenant.id, user_id: a.staffId, role: 'tenant_admin' }),
      ),
    ).rejects.toThrow(rls);
    await expect(
      asA((tx) =>
        tx('audit_log').insert({
          tenant_id: b.tenant.id,
          seq: 999_999,
          occurred_at: new Date(),
          actor_kind: 'x',
          action: 'x',
          entity_type: 'x',
          prev_hash: 'x',
          hash: 'x',
        }),
      ),
    ).rejects.toThrow(rls);
    // Moving A's own row into B is refused too; B's rows are simply not there to update.
    await expect(
      asA((tx) => tx('tenant_api_keys').where({ tenant_id: a.tenant.id }).update({ tenant_id: b.tenant.id })),
    ).rejects.toThrow(rls);
    expect(
      await asA((tx) => tx('tenant_api_keys').where({ tenant_id: b.tenant.id }).update({ name: 'renamed' })),
    ).toBe(0);
    expect(await snapshotUnit(running.transactor, b.tenant.id)).toEqual(before);
  });
});
