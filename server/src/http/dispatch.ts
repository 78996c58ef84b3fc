import express, { type Request, type Response, type Router } from 'express';
import { AppError, forbidden } from '../errors';
import type { Transactor } from '../db/transactor';
import type { Grant, HandlerContext, Reply, RouteDef } from './route-table';
import { parseInput } from './validate';
import { csrfTokenMatches } from '../auth/csrf';
import './express-types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = () =>
  new AppError('unauthenticated', { vi: 'Vui lòng đăng nhập', en: 'Please sign in' });

/** Decides whether the caller may use the route, and in which transaction its work runs. */
export function grantFor(r: RouteDef, req: Request): Grant | null {
  const a = r.access;
  if ('public' in a) return null;
  const scope = req.scope;
  if (!scope) throw unauthenticated();
  if ('signedIn' in a) return null;
  if ('citizen' in a) {
    if (scope.actor.kind !== 'citizen') throw forbidden();
    return null;
  }
  const platformRole = scope.actor.platformRoles.find((p) => a.platform?.includes(p));
  if (platformRole) return { kind: 'platform', role: platformRole };
  if (a.tenant && a.tenant.length > 0) {
    if (!scope.tenantId) {
      if (scope.actor.memberships.length > 1)
        throw new AppError('tenant_required', {
          vi: 'Bạn thuộc nhiều đơn vị: hãy chọn đơn vị bằng tiêu đề X-Tenant-Id',
          en: 'You belong to several units: choose one with the X-Tenant-Id header',
        });
      throw forbidden();
    }
    const roles = scope.roles.filter((role) => a.tenant!.includes(role));
    if (roles.length > 0) return { kind: 'tenant', tenantId: scope.tenantId, roles };
  }
  throw forbidden();
}

function checkCsrf(r: RouteDef, req: Request): void {
  if (SAFE_METHODS.has(req.method) || r.csrfExempt || req.authVia !== 'session') return;
  if (!csrfTokenMatches(req))
    throw new AppError('csrf_failed', {
      vi: 'Thiếu hoặc sai mã X-CSRF-Token; hãy tải lại trang',
      en: 'Missing or wrong X-CSRF-Token; reload the page',
    });
}

const REPLY_KEYS = new Set(['status', 'body', 'headers']);

/**
 * A Reply has only Reply keys and a numeric status: a record that merely has a `status` field
 * (a unit's 'active', a dossier's state) is a body, not a Reply.
 */
function isReply(v: unknown): v is Reply {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length > 0 &&
    keys.every((k) => REPLY_KEYS.has(k)) &&
    (!('status' in v) || typeof v.status === 'number')
  );
}

/**
 * Mounts the route table: one sub-router per first path segment (`/dossiers`, `/invoices`…), so a
 * request is matched against its own group's routes instead of walking the whole table (~140 routes,
 * a visible share of a small request's CPU). Routes of one group keep their order; routes of two
 * groups can never match the same path.
 */
export function mountRoutes(router: Router, routes: readonly RouteDef[], transactor: Transactor): void {
  const groups = new Map<string, Router>();
  for (const r of routes) {
    const m = /^(\/[^/:]+)(\/.*)?$/.exec(r.path);
    let target = router;
    let path = r.path;
    if (m) {
      let group = groups.get(m[1]!);
      if (!group) {
        groups.set(m[1]!, (group = express.Router()));
        router.use(m[1]!, group);
      }
      target = group;
      path = m[2] ?? '/';
    }
    target[r.method](path, async (req: Request, res: Response) => {
      const grant = grantFor(r, req);
      checkCsrf(r, req);
      const body = r.body ? parseInput(r.body, req.body ?? {}) : undefined;
      const ctx: HandlerContext = {
        req,
        res,
        scope: req.scope ?? null,
        body,
        params: req.params as Record<string, string>,
        grant,
        tx: (fn) => {
          if (!grant) throw forbidden();
          const actorId = req.scope?.actor.kind === 'staff' ? req.scope.actor.id : null;
          return grant.kind === 'platform'
            ? transactor.withPlatform({ role: grant.role, actorId }, (tx) => fn(tx, grant))
            : transactor.withTenant({ tenantId: grant.tenantId, actorId }, (tx) => fn(tx, grant));
        },
        publicTx: (fn) => transactor.withPublic(fn),
        transactor,
      };
      const out = await r.handler(ctx);
      // A handler that streamed its own answer (a file download) has already replied.
      if (res.headersSent) return;
      const reply: Reply = isReply(out) ? out : { body: out };
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      if (reply.body === undefined) res.status(reply.status ?? 204).end();
      else res.status(reply.status ?? 200).json(reply.body);
    });
  }
}

/** A react-admin list answer: the array, and Content-Range: <resource> from-to/total. */
export function listReply(
  resource: string,
  page: { rows: unknown[]; total: number; from: number; to: number },
): Reply {
  const range =
    page.rows.length === 0
      ? `${resource} */${page.total}`
      : `${resource} ${page.from}-${page.to}/${page.total}`;
  return { body: page.rows, headers: { 'Content-Range': range } };
}
