import session from 'express-session';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { OidcClients } from '../../src/auth/oidc';
import { createApp } from '../../src/http/app';
import { assertRoutesDeclareAccess, type RouteDef } from '../../src/http/route-table';
import { routes } from '../../src/http/routes';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import {
  bearer,
  createTestPlatformKey,
  createTestTenant,
  startTestServer,
  uniqueSuffix,
} from '../support/app';

/** The HTTP contract every route shares: problem+json errors, request ids, probes, OpenAPI, lists. */
let running: Running;
let admin: IssuedKey;
const responses: request.Response[] = [];

beforeAll(async () => {
  running = await startTestServer({ env: { BODY_LIMIT: '2kb' } });
  admin = await createTestPlatformKey(running, 'platform_admin');
});

afterAll(async () => {
  // Never a stack trace, in any answer this file received.
  for (const res of responses) {
    expect(res.text, `${res.status} answer has a stack trace`).not.toMatch(
      /\bat .+:\d+:\d+|"stack"|node_modules|\.ts:\d+/,
    );
  }
  await running?.close();
});

/** Every request goes through here, so the afterAll stack-trace check sees every answer. */
async function send(build: (api: ReturnType<typeof request>) => request.Test): Promise<request.Response> {
  const res = await build(request(running.url));
  responses.push(res);
  return res;
}
const asAdmin = (t: request.Test) => t.set('Authorization', bearer(admin));

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `urn:motcua:problem:${code}`, status });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

describe('errors are problem+json', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const res = await send((api) =>
      asAdmin(api.post('/api/v1/tenants')).set('Content-Type', 'application/json').send('{"code": '),
    );
    expectProblem(res, 400, 'malformed_json');
  });

  it('wrong types and unknown fields → 400 naming each path, in Vietnamese and English', async () => {
    const res = await send((api) =>
      asAdmin(api.post('/api/v1/tenants')).send({ code: 12, name: '', kind: 'kingdom', colour: 'red' }),
    );
    expectProblem(res, 400, 'validation_failed');
    const errors = res.body.errors as { path: string; message: string; message_en: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual(['code', 'colour', 'kind', 'name']);
    for (const e of errors) {
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.message_en.length).toBeGreaterThan(0);
    }
  });

  it('a body over BODY_LIMIT → 413', async () => {
    const res = await send((api) =>
      asAdmin(api.post('/api/v1/tenants')).send({ code: 'T1.H99', name: 'x'.repeat(4000), kind: 'other' }),
    );
    expectProblem(res, 413, 'payload_too_large');
  });

  it('an unknown API route → 404', async () => {
    expectProblem(await send((api) => api.get('/api/v1/no-such-thing')), 404, 'not_found');
    expectProblem(await send((api) => asAdmin(api.delete('/api/v1/tenants'))), 404, 'not_found');
  });

  it('bad input of every kind is a 4xx, never a 500', async () => {
    const bad: [string, Record<string, string>][] = [
      ['/tenants', { sort: '["name"' }],
      ['/tenants', { sort: '{"a":1}' }],
      ['/tenants', { range: '[5,1]' }],
      ['/tenants', { range: '[-1,3]' }],
      ['/tenants', { range: '[1e300,1e301]' }],
      ['/tenants', { range: '["a","b"]' }],
      ['/tenants', { filter: '[]' }],
      ['/tenants', { filter: '{"id":"not-a-list"}' }],
      ['/tenants', { filter: '{"id":["not-a-uuid"]}' }],
      ['/tenants', { filter: '{"parentId":"x"}' }],
      ['/tenants', { filter: '{"q":{"$ne":1}}' }],
      ['/audit-log', { filter: '{"tenantId":"nope"}' }],
      ['/audit-log', { sort: '["hash","ASC"]' }],
      ['/tenants/not-a-uuid', {}],
      ['/tenants/00000000-0000-0000-0000-000000000000', {}],
    ];
    for (const [path, query] of bad) {
      const res = await send((api) => asAdmin(api.get(`/api/v1${path}`)).query(query));
      expect(res.status, `${path} ${JSON.stringify(query)}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${JSON.stringify(query)}: ${res.text}`).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const badWrites = [
      (api: ReturnType<typeof request>) =>
        asAdmin(api.patch('/api/v1/tenants/not-a-uuid')).send({ name: 'x' }),
      (api: ReturnType<typeof request>) =>
        asAdmin(api.patch('/api/v1/tenants/00000000-0000-0000-0000-000000000000')).send({ name: 'x' }),
      (api: ReturnType<typeof request>) =>
        asAdmin(api.post('/api/v1/tenants')).send({
          code: 'T1.H99',
          name: 'x',
          kind: 'other',
          parentId: '00000000-0000-0000-0000-000000000000',
        }),
      (api: ReturnType<typeof request>) => asAdmin(api.post('/api/v1/tenants')).send([1, 2]),
      (api: ReturnType<typeof request>) =>
        asAdmin(api.post('/api/v1/tenants')).set('Content-Type', 'application/json').send('null'),
      (api: ReturnType<typeof request>) =>
        asAdmin(api.post('/api/v1/tenants')).set('Content-Type', 'text/plain').send('hello'),
    ];
    for (const build of badWrites) {
      const res = await send(build);
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
    }
    // A platform key may name any unit (or none that exists); a garbage one is simply no unit.
    expect(
      (await send((api) => asAdmin(api.get('/api/v1/me')).set('X-Tenant-Id', "x' or 1=1 --"))).status,
    ).toBe(200);
  });
});

describe('request ids and probes', () => {
  it('echoes a given X-Request-Id, makes one otherwise, and names it in problems', async () => {
    const given = await send((api) => api.get('/api/v1/no-such-thing').set('X-Request-Id', 'test-req-42'));
    expect(given.headers['x-request-id']).toBe('test-req-42');
    expect(given.body.request_id).toBe('test-req-42');
    const made = await send((api) => api.get('/healthz'));
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await send((api) => api.get('/healthz').set('X-Request-Id', 'bad id with spaces'));
    expect(refused.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('/healthz and /readyz answer 200 with the database and Redis ok', async () => {
    expect((await send((api) => api.get('/healthz'))).status).toBe(200);
    const ready = await send((api) => api.get('/readyz'));
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: 'ok', redis: 'ok' });
  });

  it('/metrics exposes request durations by route', async () => {
    await send((api) => asAdmin(api.get('/api/v1/tenants')));
    const res = await send((api) => api.get('/metrics'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('motcua_http_request_duration_seconds');
    expect(res.text).toMatch(/motcua_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/tenants"/);
  });
});

describe('OpenAPI and lists', () => {
  it('GET /api/v1/openapi.json is OpenAPI 3.1 with every route of the table', async () => {
    const res = await send((api) => api.get('/api/v1/openapi.json'));
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { responses: object }>>;
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    for (const r of routes) {
      const path = `/api/v1${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      expect(
        doc.paths[path]?.[r.method],
        `${r.method} ${path} missing from the OpenAPI document`,
      ).toBeDefined();
      expect(doc.paths[path]![r.method]!.responses).toBeDefined();
    }
  });

  it('a list answers Content-Range: tenants from-to/total', async () => {
    const tag = `Z${uniqueSuffix()}`;
    for (let i = 0; i < 3; i++) await createTestTenant(running, { code: `${tag}.${i}` });
    const filter = JSON.stringify({ q: tag });
    const first = await send((api) =>
      asAdmin(api.get('/api/v1/tenants')).query({ filter, range: '[0,1]', sort: '["code","ASC"]' }),
    );
    expect(first.status).toBe(200);
    expect(first.headers['content-range']).toBe('tenants 0-1/3');
    expect((first.body as { code: string }[]).map((t) => t.code)).toEqual([`${tag}.0`, `${tag}.1`]);
    const last = await send((api) =>
      asAdmin(api.get('/api/v1/tenants')).query({ filter, range: '[2,9]', sort: '["code","ASC"]' }),
    );
    expect(last.headers['content-range']).toBe('tenants 2-2/3');
  });

  it('an invalid sort key → 400 naming query.sort', async () => {
    const res = await send((api) =>
      asAdmin(api.get('/api/v1/tenants')).query({ sort: '["secret_hash","ASC"]' }),
    );
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0].path).toBe('query.sort');
  });
});

describe('every route declares who may call it', () => {
  const noRule = {
    method: 'get',
    path: '/unguarded',
    summary: 's',
    tag: 't',
    handler: async () => ({}),
  } as unknown as RouteDef;
  const emptyRule = { ...noRule, access: { platform: [], tenant: [] } } as unknown as RouteDef;

  it('assertRoutesDeclareAccess throws on a route without an access rule', () => {
    expect(() => assertRoutesDeclareAccess(routes)).not.toThrow();
    expect(() => assertRoutesDeclareAccess([...routes, noRule])).toThrow(
      /GET \/unguarded declares no access rule/,
    );
    expect(() => assertRoutesDeclareAccess([...routes, emptyRule])).toThrow(/declares no access rule/);
  });

  it('createApp refuses to build such an app', () => {
    const deps = {
      env: running.env,
      logger: running.logger,
      transactor: running.transactor,
      redis: null,
      oidc: new OidcClients({
        staff: { issuer: () => '', clientId: 'x', clientSecret: 'x' },
        citizen: { issuer: () => '', clientId: 'x', clientSecret: 'x' },
      }),
      sessionStore: new session.MemoryStore(),
      sessionSecret: 'x'.repeat(32),
    };
    expect(() => createApp({ ...deps, routes: [...routes, noRule] })).toThrow(/declares no access rule/);
  });
});
