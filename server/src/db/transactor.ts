import type { Knex } from 'knex';
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

  private run<T>(s: Settings, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.app.transaction(async (tx) => {
      // One round trip. set_config('role', …, true) is SET LOCAL ROLE.
      await tx.raw(
        `select set_config('role', ?, true), set_config('app.tenant_id', ?, true),
                set_config('app.actor_id', ?, true), set_config('app.platform_role', ?, true)`,
        [s.role, s.tenantId, s.actorId, s.platformRole],
      );
      return fn(tx);
    });
  }
}
