import { newCsrfToken } from '../../auth/csrf';
import { route } from '../route-table';

export const meRoutes = [
  route({
    method: 'get',
    path: '/me',
    summary: 'Người đang đăng nhập, đơn vị và vai trò; mã CSRF cho phiên cookie / Who is signed in',
    tag: 'auth',
    access: { signedIn: true },
    handler: async (ctx) => {
      const scope = ctx.scope!;
      let csrfToken: string | undefined;
      if (ctx.req.authVia === 'session') {
        ctx.req.session.csrfToken ??= newCsrfToken();
        csrfToken = ctx.req.session.csrfToken;
      }
      return {
        kind: scope.actor.kind,
        id: scope.actor.id,
        name: scope.actor.displayName,
        platformRoles: scope.actor.platformRoles,
        memberships: scope.actor.memberships,
        tenantId: scope.tenantId,
        roles: scope.roles,
        ...(scope.actor.citizen ? { pid: scope.actor.citizen.pid } : {}),
        ...(csrfToken ? { csrfToken } : {}),
      };
    },
  }),
];
