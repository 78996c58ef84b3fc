// `npm start` with nothing installed: no DATABASE_URL, no REDIS_URL. PGlite in memory runs the same
// migrations, roles and RLS policies (the runtime role is assumed per transaction with
// set_config('role', …, true)); sessions live in its http_sessions table. One boot, real sign-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Running } from '../../src/boot';
import { parseEnv } from '../../src/config/index';
import { signIn } from '../support/oidc-login';

const PASSWORD = 'demo123';
let running: Running;

beforeAll(async () => {
  running = await boot({
    env: parseEnv({
      NODE_ENV: 'test',
      DATA_DIR: ':memory:',
      PORT: '0',
      DEV_IDP_PORT: '0',
      DEV_SMTP_PORT: '0',
      DEV_VNPAY_PORT: '0',
      DEV_SMS_PORT: '0',
      LOG_LEVEL: 'silent',
    }),
    devServices: true,
    migrate: false, // embedded mode migrates anyway
    seedDemo: true,
  });
  // Migrating and seeding the demo province in PGlite: ~20 s alone, minutes on a loaded machine.
}, 240_000);
afterAll(() => running?.close(), 30_000);

interface TenantOut {
  id: string;
  code: string;
}

async function listTenants(cookie: string): Promise<{ rows: TenantOut[]; range: string | null }> {
  const url = new URL('/api/v1/tenants', running.url);
  url.searchParams.set('range', '[0,199]'); // the demo province's 200 units
  const res = await fetch(url, { headers: { cookie } });
  expect(res.status).toBe(200);
  return { rows: (await res.json()) as TenantOut[], range: res.headers.get('content-range') };
}

describe('embedded mode (PGlite, no Redis)', () => {
  it('runs on PGlite with no Redis', () => {
    expect(running.db.embedded).toBe(true);
    expect(running.redis).toBeNull();
  });

  it('lets the operator sign in through the dev provider and see every demo unit', async () => {
    const { cookie, me } = await signIn(running.url, 'staff', 'vanhanh', PASSWORD);
    expect(me.platformRoles).toContain('platform_admin');
    const { rows, range } = await listTenants(cookie);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(range).toBe(`tenants 0-${rows.length - 1}/${rows.length}`);
    expect(rows.map((t) => t.code)).toContain('000.00.03.H34');
  });

  it('shows a unit admin only their own unit', async () => {
    const { cookie, me } = await signIn(running.url, 'staff', 'stp.admin', PASSWORD);
    const { rows, range } = await listTenants(cookie);
    expect(rows.map((t) => t.code)).toEqual(['000.00.03.H34']);
    expect(rows[0]!.id).toBe(me.tenantId);
    expect(range).toBe('tenants 0-0/1');
    // Without Redis the session is a row of PGlite's http_sessions table.
    const signed = decodeURIComponent(cookie.slice('motcua.sid='.length));
    const sid = signed.slice(2, signed.lastIndexOf('.'));
    // The session store reads this table outside any context, as the bare login role.
    const row = (await running.db.app('http_sessions').where({ sid }).first()) as
      { sess: { principal?: unknown } } | undefined;
    expect(row?.sess.principal).toEqual({ kind: 'staff', id: me.id });
  });

  it('runs requests as a context role, and a transaction without context sees no units', async () => {
    const who = await running.transactor.withNoContext(async (tx) => {
      const { rows } = await tx.raw<{ rows: { role: string; units: number }[] }>(
        'select current_user as role, (select count(*)::int from tenants) as units',
      );
      return rows[0]!;
    });
    expect(who).toEqual({ role: 'motcua_tenant', units: 0 });
    // The same table is not empty: RLS hid it, nothing else did.
    const all = await running.transactor.withPlatform(
      { role: 'platform_admin', actorId: null },
      async (tx) => {
        const { rows } = await tx.raw<{ rows: { units: number }[] }>(
          'select count(*)::int as units from tenants',
        );
        return rows[0]!.units;
      },
    );
    expect(all).toBeGreaterThanOrEqual(30);
    // The role was assumed for the transaction only: PGlite's one session is the owner again after it.
    const { rows } = await running.db.app.raw<{ rows: { role: string }[] }>('select current_user as role');
    expect(rows[0]!.role).not.toBe('motcua_tenant');
  });
});
