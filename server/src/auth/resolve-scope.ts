import type { RequestHandler } from 'express';
import { AppError, forbidden } from '../errors';
import type { Transactor } from '../db/transactor';
import { actorForApiKey } from '../modules/access/api-keys';
import { citizenActor, staffActor } from '../modules/access/staff';
import type { Actor, RequestScope } from './actor';
import '../http/express-types';
import { isUuid } from '../ids';

/** Picks the unit a request acts for: the X-Tenant-Id header, or the caller's only unit. */
export function scopeFor(actor: Actor, requestedTenant: string | undefined): RequestScope {
  if (requestedTenant) {
    const m = isUuid(requestedTenant)
      ? actor.memberships.find((x) => x.tenantId === requestedTenant)
      : undefined;
    if (m) return { actor, tenantId: m.tenantId, roles: m.roles };
    if (actor.platformRoles.length > 0) return { actor, tenantId: null, roles: [] };
    throw forbidden({ vi: 'Bạn không thuộc đơn vị đã chọn', en: 'You do not belong to the chosen unit' });
  }
  const only = actor.memberships.length === 1 ? actor.memberships[0] : undefined;
  return { actor, tenantId: only?.tenantId ?? null, roles: only?.roles ?? [] };
}

/**
 * Resolves who is calling on every request: a Bearer API key, or the person of the cookie session.
 * Memberships are read fresh each time, so a revoked key or role stops working at once.
 */
export function resolveScope(transactor: Transactor): RequestHandler {
  return async (req, _res, next) => {
    req.scope = null;
    req.authVia = null;
    const header = req.get('authorization');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const presented = m?.[1];
      const actor = presented ? await actorForApiKey((sql) => transactor.readAsSystem(sql), presented) : null;
      if (!actor)
        throw new AppError('unauthenticated', {
          vi: 'Khóa API không hợp lệ, đã thu hồi hoặc sai định dạng',
          en: 'The API key is invalid, revoked or malformed',
        });
      req.authVia = 'bearer';
      req.scope = scopeFor(actor, req.get('x-tenant-id'));
      return next();
    }
    const principal = req.session?.principal;
    if (principal) {
      const actor = await transactor.withSystem((tx) =>
        principal.kind === 'staff' ? staffActor(tx, principal.id) : citizenActor(tx, principal.id),
      );
      if (actor) {
        req.authVia = 'session';
        req.scope = scopeFor(actor, req.get('x-tenant-id'));
      } else {
        delete req.session.principal;
      }
    }
    next();
  };
}
