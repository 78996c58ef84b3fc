import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { boot, type Running } from '../../src/boot';
import { parseEnv } from '../../src/config/index';
import type { PlatformRole, TenantRole } from '../../src/db/transactor';
import { createPlatformApiKey, createTenantApiKey, type IssuedKey } from '../../src/modules/access/api-keys';
import { ensureStaffUser, grantMembership, grantPlatformRole } from '../../src/modules/access/staff';
import type { AuditActorRef } from '../../src/modules/audit/audit-log';
import type { Tenant } from '../../src/modules/tenancy/schema';
import { createTenant } from '../../src/modules/tenancy/service';
import { testRedisUrl } from './env';

/**
 * Boots the real server for one test file against the run's database (see global-setup.ts).
 * Test files share that database, so everything a file creates must carry its own unique codes —
 * use uniqueSuffix() / uniqueTenantCode() — and no file may assume a table is empty.
 */

/** Who test fixtures are recorded as in the audit log. */
export const testActor: AuditActorRef = { kind: 'system', id: 'test' };

/** A short random tag; fresh per call. Use it in codes, OIDC subjects and Redis prefixes. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A unit code that matches the national identifier's shape and no other file's unit. */
export function uniqueTenantCode(): string {
  return `T${uniqueSuffix()}.H99`;
}

export interface TestServerOptions {
  /** Redis key prefix; a unique one is made when omitted so rate limits and sessions stay apart. */
  redisPrefix?: string;
  /** Start the development identity provider and SMTP sink (on free ports), for sign-in tests. */
  devServices?: boolean;
  /** Extra environment variables (e.g. BODY_LIMIT, DATABASE_APP_URL), applied over the defaults. */
  env?: Record<string, string>;
}

/** The environment startTestServer boots with; exposed for tests that call boot() themselves. */
export function testEnv(opts: Pick<TestServerOptions, 'redisPrefix' | 'env'> = {}) {
  return parseEnv({
    NODE_ENV: 'test',
    DATABASE_URL: inject('ownerUrl'),
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: opts.redisPrefix ?? `test-${uniqueSuffix()}`,
    PORT: '0',
    DEV_IDP_PORT: '0',
    DEV_SMTP_PORT: '0',
    DEV_VNPAY_PORT: '0',
    DEV_SMS_PORT: '0',
    LOG_LEVEL: 'silent',
    // Tests enqueue reconciliation themselves; a timer would race their assertions.
    PAYMENTS_RECONCILE_INTERVAL_SECONDS: '0',
    ...opts.env,
  });
}

/**
 * Starts the whole product on a free port. The database is already migrated by the global setup,
 * and no demo data is seeded. Call `close()` on the result in afterAll.
 */
export function startTestServer(opts: TestServerOptions = {}): Promise<Running> {
  return boot({
    env: testEnv(opts),
    devServices: opts.devServices ?? false,
    migrate: false,
    seedDemo: false,
  });
}

/** Creates a unit with a unique code, as the platform would. */
export function createTestTenant(
  running: Running,
  input: { code?: string; name?: string; kind?: Tenant['kind']; parentId?: string | null } = {},
): Promise<Tenant> {
  const code = input.code ?? uniqueTenantCode();
  return running.transactor.withSystem((tx) =>
    createTenant(
      tx,
      {
        code,
        name: input.name ?? `Đơn vị thử ${code}`,
        kind: input.kind ?? 'department',
        parentId: input.parentId ?? null,
      },
      testActor,
    ),
  );
}

/**
 * Provisions a staff member (unique OIDC subject unless given) with roles in units and/or on the
 * platform. Returns the staff user's id.
 */
export function createTestStaff(
  running: Running,
  input: {
    sub?: string;
    name?: string;
    memberships?: { tenantId: string; roles: TenantRole[] }[];
    platformRoles?: PlatformRole[];
  } = {},
): Promise<string> {
  const sub = input.sub ?? `test.staff.${uniqueSuffix()}`;
  return running.transactor.withSystem(async (tx) => {
    const userId = await ensureStaffUser(tx, {
      sub,
      name: input.name ?? `Cán bộ thử ${sub}`,
      email: `${sub}@example.test`,
    });
    for (const m of input.memberships ?? [])
      for (const role of m.roles)
        await grantMembership(tx, { tenantId: m.tenantId, userId, role }, testActor);
    for (const role of input.platformRoles ?? []) await grantPlatformRole(tx, userId, role);
    return userId;
  });
}

/** Issues a unit API key (`mct_…`); `key` is the plaintext to send as `Authorization: Bearer`. */
export function createTestTenantKey(
  running: Running,
  tenantId: string,
  role: TenantRole,
  name = `test ${role}`,
): Promise<IssuedKey> {
  return running.transactor.withSystem((tx) => createTenantApiKey(tx, { tenantId, role, name }, testActor));
}

/** Issues a platform API key (`mcp_…`) for platform_admin or finance. */
export function createTestPlatformKey(
  running: Running,
  role: PlatformRole,
  name = `test ${role}`,
): Promise<IssuedKey> {
  return running.transactor.withSystem((tx) => createPlatformApiKey(tx, { role, name }, testActor));
}

export interface TestUnit {
  tenant: Tenant;
  /** A staff member holding every role given (tenant_admin by default). */
  staffId: string;
  /** One API key per role given, keyed by role. */
  keys: Partial<Record<TenantRole, IssuedKey>>;
}

/** A unit with one staff member and one API key per role: the usual fixture of a test file. */
export async function createTestUnit(
  running: Running,
  roles: TenantRole[] = ['tenant_admin'],
): Promise<TestUnit> {
  const tenant = await createTestTenant(running);
  const staffId = await createTestStaff(running, { memberships: [{ tenantId: tenant.id, roles }] });
  const keys: Partial<Record<TenantRole, IssuedKey>> = {};
  for (const role of roles) keys[role] = await createTestTenantKey(running, tenant.id, role);
  return { tenant, staffId, keys };
}

/** `Authorization` header value for a key. */
export const bearer = (key: IssuedKey | string) => `Bearer ${typeof key === 'string' ? key : key.key}`;
