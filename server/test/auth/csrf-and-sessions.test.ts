// Cookie sessions against real stores: CSRF on cookie-authenticated writes, where sessions live
// (Redis, or the http_sessions table without Redis) and the sign-in rate limit.
import knexFactory, { type Knex } from 'knex';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { boot, type Running } from '../../src/boot';
import { findTenantByCode } from '../../src/modules/tenancy/queries';
import { bearer, createTestUnit, testEnv, uniqueSuffix } from '../support/app';
import { testRedisUrl } from '../support/env';
import { signIn, type SignedIn } from '../support/oidc-login';

const PASSWORD = 'demo123';
const prefix = `test-csrf-${uniqueSuffix()}`;
let running: Running;
let owner: Knex;

const bootWith = (env: Record<string, string>, seedDemo = true) =>
  boot({ env: testEnv({ env }), devServices: true, migrate: false, seedDemo });

beforeAll(async () => {
  running = await bootWith({ REDIS_PREFIX: prefix, RATE_LIMIT_SIGNIN_PER_MINUTE: '100' });
  // The owner connection, to look at the session table the way an operator would.
  owner = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 0, max: 1 } });
});
afterAll(async () => {
  await owner?.destroy();
  await running?.close();
});

/** The session id inside a signed `motcua.sid=s%3A<id>.<signature>` cookie. */
function sessionIdOf(cookie: string): string {
  const value = decodeURIComponent(cookie.slice('motcua.sid='.length));
  expect(value.startsWith('s:')).toBe(true);
  return value.slice(2, value.lastIndexOf('.'));
}

async function unitOfKey(keyId: string): Promise<string | undefined> {
  const row = (await owner('tenant_api_keys').where({ id: keyId }).first('tenant_id')) as
    { tenant_id: string } | undefined;
  return row?.tenant_id;
}

async function expectProblem(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(((await res.json()) as { type: string }).type).toBe(`urn:motcua:problem:${code}`);
}

function createKey(server: Running, headers: Record<string, string>) {
  return fetch(new URL('/api/v1/api-keys', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: `csrf ${uniqueSuffix()}`, role: 'desk_officer' }),
  });
}

describe('CSRF on cookie-authenticated writes', () => {
  let admin: SignedIn;
  beforeAll(async () => {
    admin = await signIn(running.url, 'staff', 'stp.admin', PASSWORD);
  });

  it('refuses a write without the token, or with a wrong one', async () => {
    await expectProblem(await createKey(running, { cookie: admin.cookie }), 403, 'csrf_failed');
    await expectProblem(
      await createKey(running, { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(admin.csrfToken.length) }),
      403,
      'csrf_failed',
    );
  });

  it('accepts the write with the session’s token', async () => {
    const res = await createKey(running, { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string };
    expect(created.key).toMatch(/^mct_/);
    const stp = await running.transactor.withSystem((tx) => findTenantByCode(tx, '000.00.03.H34'));
    expect(await unitOfKey(created.id)).toBe(stp!.id);
  });

  it('binds the token to its session: another session’s token does not work', async () => {
    const other = await signIn(running.url, 'staff', 'stp.admin', PASSWORD);
    expect(other.csrfToken).not.toBe(admin.csrfToken);
    await expectProblem(
      await createKey(running, { cookie: admin.cookie, 'x-csrf-token': other.csrfToken }),
      403,
      'csrf_failed',
    );
  });

  it('needs no token for reads', async () => {
    const res = await fetch(new URL('/api/v1/api-keys', running.url), { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toMatch(/^api-keys /);
  });

  it('needs no token for Bearer-key writes, even when a session cookie rides along', async () => {
    const unit = await createTestUnit(running, ['tenant_admin']);
    const key = unit.keys.tenant_admin!;
    const plain = await createKey(running, { authorization: bearer(key) });
    expect(plain.status).toBe(201);
    // The key decides who acts, not the cookie: the new key belongs to the key's unit.
    const both = await createKey(running, { authorization: bearer(key), cookie: admin.cookie });
    expect(both.status).toBe(201);
    expect(await unitOfKey(((await both.json()) as { id: string }).id)).toBe(unit.tenant.id);
  });
});

describe('session stores', () => {
  it('keeps sessions in Redis under REDIS_PREFIX:sess: when REDIS_URL is set', async () => {
    const s = await signIn(running.url, 'staff', 'stp.admin', PASSWORD);
    const sid = sessionIdOf(s.cookie);
    const redis = new Redis(testRedisUrl());
    try {
      const stored = await redis.get(`${prefix}:sess:${sid}`);
      expect(stored).not.toBeNull();
      expect(JSON.parse(stored!)).toMatchObject({
        principal: { kind: 'staff', id: s.me.id },
        csrfToken: s.csrfToken,
      });
      expect(await owner('http_sessions').where({ sid }).first()).toBeUndefined();

      const out = await fetch(new URL('/auth/logout', running.url), {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      });
      expect(out.status).toBe(200);
      expect(await redis.get(`${prefix}:sess:${sid}`)).toBeNull();
    } finally {
      redis.disconnect();
    }
  });

  it('keeps sessions in the http_sessions table when there is no REDIS_URL', async () => {
    const noRedis = await bootWith({ REDIS_URL: '' });
    try {
      expect(noRedis.redis).toBeNull();
      const s = await signIn(noRedis.url, 'staff', 'stp.admin', PASSWORD);
      const sid = sessionIdOf(s.cookie);
      const row = (await owner('http_sessions').where({ sid }).first()) as
        { sess: { principal?: unknown; csrfToken?: string }; expire: Date } | undefined;
      expect(row?.sess).toMatchObject({ principal: { kind: 'staff', id: s.me.id }, csrfToken: s.csrfToken });
      expect(row!.expire.getTime()).toBeGreaterThan(Date.now());

      // CSRF holds the same way on this store.
      await expectProblem(await createKey(noRedis, { cookie: s.cookie }), 403, 'csrf_failed');
      const ok = await createKey(noRedis, { cookie: s.cookie, 'x-csrf-token': s.csrfToken });
      expect(ok.status).toBe(201);

      const out = await fetch(new URL('/auth/logout', noRedis.url), {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      });
      expect(out.status).toBe(200);
      expect(await owner('http_sessions').where({ sid }).first()).toBeUndefined();
    } finally {
      await noRedis.close();
    }
  });
});

describe('sign-in rate limit', () => {
  it('answers the 4th sign-in attempt in a minute with 429 problem+json', async () => {
    const limited = await bootWith({ RATE_LIMIT_SIGNIN_PER_MINUTE: '3' }, false);
    try {
      const login = () => fetch(new URL('/auth/staff/login', limited.url), { redirect: 'manual' });
      for (let i = 0; i < 3; i++) expect((await login()).status).toBe(302);
      const res = await login();
      expect(res.headers.get('ratelimit-policy')).toMatch(/q=3/);
      await expectProblem(res, 429, 'rate_limited');
      // The callback shares the budget: a flood of forged callbacks is limited too.
      const cb = await fetch(new URL('/auth/staff/callback?code=x&state=y', limited.url), {
        redirect: 'manual',
      });
      await expectProblem(cb, 429, 'rate_limited');
    } finally {
      await limited.close();
    }
  });
});
