import type { Knex } from 'knex';
import pg from 'pg';
import type { Database } from './database';
import { CONTEXT_ROLES } from './urls';
import { isUuid } from '../ids';

/** A transaction bound to one context; domain functions take it as their first argument. */
export type Tx = Knex.Transaction;

export const TENANT_ROLES = ['tenant_admin', 'desk_officer', 'processing_officer', 'leader'] as const;
export const PLATFORM_ROLES = ['platform_admin', 'finance'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export interface TenantScope {
  tenantId: string;
  actorId: string | null;
}
export interface PlatformScope {
  role: PlatformRole;
  actorId: string | null;
}

export class MissingTenantError extends Error {
  constructor() {
    super('A tenant-scoped transaction needs a tenant id');
  }
}

interface Settings {
  role: string;
  tenantId: string;
  actorId: string;
  platformRole: string;
}

/**
 * The one way to run queries. Each transaction sets its whole context with set_config(..., true),
 * so it ends with the transaction and a pooled connection never carries one request's tenant into
 * the next — which also keeps PGlite's single shared session safe.
 */
export class Transactor {
  constructor(
    private readonly db: Pick<Database, 'app'>,
    private readonly roles: Record<keyof typeof CONTEXT_ROLES, string> = CONTEXT_ROLES,
  ) {}

  withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!scope.tenantId || !isUuid(scope.tenantId)) throw new MissingTenantError();
    return this.run(
      { role: this.roles.tenant, tenantId: scope.tenantId, actorId: scope.actorId ?? '', platformRole: '' },
      fn,
    );
  }

  /** Operator and finance reads across units, through policies that name those roles. */
  withPlatform<T>(scope: PlatformScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(
      { role: this.roles.platform, tenantId: '', actorId: scope.actorId ?? '', platformRole: scope.role },
      fn,
    );
  }

  /** A citizen acting for themself: no unit, policies match app.actor_id. */
  withCitizen<T>(citizenId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!isUuid(citizenId)) throw new Error('withCitizen needs a citizen id');
    return this.run({ role: this.roles.citizen, tenantId: '', actorId: citizenId, platformRole: '' }, fn);
  }

  /** Anyone, signed in or not: policies show only what is published (the public catalog). */
  withPublic<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run({ role: this.roles.public, tenantId: '', actorId: '', platformRole: 'public' }, fn);
  }

  /**
   * The loudly named escape hatch: sign-in look-ups, the outbox relay, the CLI. Still under RLS —
   * policies that allow `system` say so explicitly.
   */
  withSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run({ role: this.roles.platform, tenantId: '', actorId: '', platformRole: 'system' }, fn);
  }

  /** A unit's role with no unit set: sees nothing under RLS. Exists for tests that prove exactly that. */
  withNoContext<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run({ role: this.roles.tenant, tenantId: '', actorId: '', platformRole: '' }, fn);
  }

  /**
   * One read in the system context in a single round trip, for the look-up a request makes before
   * its own transaction (its Bearer key): the settings and the statement go out in one simple-protocol
   * message, which Postgres runs as one implicit transaction — the settings are transaction-local as
   * in withSystem and nothing stays on the connection. withSystem costs three round trips (BEGIN,
   * the read, COMMIT); per request that was 7 of a dossier flow's 16 transactions. `sql` is one plain
   * SELECT whose values are already escaped literals (pg.escapeLiteral): no parameters.
   */
  async readAsSystem<T>(sql: string): Promise<T[]> {
    const system = { role: this.roles.platform, tenantId: '', actorId: '', platformRole: 'system' };
    const results = (await this.db.app.raw(`${contextSql(system)}; ${sql}`)) as pg.QueryResult[];
    if (!Array.isArray(results) || results.length !== 2)
      throw new Error('readAsSystem takes exactly one statement');
    return results[1]!.rows as T[];
  }

  private run<T>(s: Settings, fn: (tx: Tx) => Promise<T>): Promise<T> {
    beginWithContext(this.db.app);
    return this.db.app.transaction(fn, { [CONTEXT]: contextSql(s) } as Knex.TransactionConfig);
  }
}

const lit = (v: string) => pg.escapeLiteral(v);

/** set_config('role', …, true) is SET LOCAL ROLE; every setting ends with the transaction. */
const contextSql = (s: Settings) =>
  `select set_config('role', ${lit(s.role)}, true), set_config('app.tenant_id', ${lit(s.tenantId)}, true), ` +
  `set_config('app.actor_id', ${lit(s.actorId)}, true), set_config('app.platform_role', ${lit(s.platformRole)}, true)`;
const CONTEXT = 'motcua.context';
const withContextBegin = new WeakSet<object>();

/**
 * Sends a transaction's context settings in the same simple-protocol message as its BEGIN: one round
 * trip instead of two for every transaction (each costs a socket write and a wake-up of the backend,
 * the largest single cost of a small request here). The values are escaped literals: role names and
 * platform roles are ours, ids are checked UUIDs (or empty). Installed once per knex instance, for
 * the top-level transactions the Transactor opens (config[CONTEXT]: knex copies a transaction's config
 * keys but replaces its userParams); savepoints are untouched.
 */
function beginWithContext(knex: Knex): void {
  if (withContextBegin.has(knex.client)) return;
  withContextBegin.add(knex.client);
  const client = knex.client as {
    transaction(container: unknown, config?: Knex.TransactionConfig, outer?: unknown): KnexTransaction;
  };
  const make = client.transaction.bind(client);
  client.transaction = (container, config, outer) => {
    const trx = make(container, config, outer);
    const settings = (config as Record<string, string> | undefined)?.[CONTEXT];
    if (settings && !outer) trx.begin = (conn) => trx.query(conn, `BEGIN; ${settings};`);
    return trx;
  };
}

interface KnexTransaction {
  begin(conn: unknown): Promise<unknown>;
  query(conn: unknown, sql: string): Promise<unknown>;
}
