import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { PlatformRole, TenantRole, Transactor, Tx } from '../db/transactor';
import type { RequestScope } from '../auth/actor';

/**
 * Who may call a route. Every route must say; a route without an access rule fails at boot.
 * - public: anyone, no sign-in
 * - signedIn: any signed-in person or key (e.g. /me)
 * - citizen: a signed-in citizen
 * - platform / tenant: the roles that may call; when both are given, a platform role wins.
 */
export type Access =
  | { public: true }
  | { signedIn: true }
  | { citizen: true }
  | { platform?: readonly PlatformRole[]; tenant?: readonly TenantRole[] };

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerContext<B = unknown> {
  req: Request;
  res: Response;
  scope: RequestScope | null;
  body: B;
  params: Record<string, string>;
  /**
   * Runs fn in the transaction this route's access grants: a platform transaction when the caller
   * passed as operator/finance, else one bound to the caller's unit. Handlers never pick a pool.
   */
  tx<T>(fn: (tx: Tx, grant: Grant) => Promise<T>): Promise<T>;
  /**
   * What the route's access granted (null for public, signedIn and citizen routes): for handlers
   * that pass the caller's unit and roles to a workflow opening its own context.
   */
  grant: Grant | null;
  /** Runs fn in the public context: what anyone may see (published procedures, unit names). */
  publicTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * For workflow functions that open their own, named contexts (a citizen's submission, a desk
   * receiving for another unit, transfers). Handlers pass it on; they never query with it.
   */
  transactor: Transactor;
}

export type Grant =
  { kind: 'platform'; role: PlatformRole } | { kind: 'tenant'; tenantId: string; roles: TenantRole[] };

/** The unit of a tenant grant; for routes whose access names tenant roles only. */
export function tenantIdOf(grant: Grant): string {
  if (grant.kind !== 'tenant') throw new Error('this route runs only for a unit');
  return grant.tenantId;
}

export interface RouteDef<B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to /api/v1. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  /** Output schema, for the OpenAPI document. */
  response?: z.ZodType;
  /** Lists answer an array with Content-Range (react-admin). */
  list?: boolean;
  /** Mutations with cookie sign-in need the CSRF token; sign-in flows themselves opt out. */
  csrfExempt?: boolean;
  handler: (ctx: HandlerContext<z.infer<B>>) => Promise<Reply | unknown>;
}

export function route<B extends z.ZodType>(def: RouteDef<B>): RouteDef {
  return def as unknown as RouteDef;
}

export function assertRoutesDeclareAccess(routes: readonly RouteDef[]): void {
  for (const r of routes) {
    const a = r.access as Access | undefined;
    const ok =
      a &&
      ('public' in a ||
        'signedIn' in a ||
        'citizen' in a ||
        (a.platform?.length ?? 0) > 0 ||
        (a.tenant?.length ?? 0) > 0);
    if (!ok) throw new Error(`Route ${r.method.toUpperCase()} ${r.path} declares no access rule`);
  }
}
