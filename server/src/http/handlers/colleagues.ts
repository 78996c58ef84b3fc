import { TENANT_ROLES } from '../../db/transactor';
import { listColleagues } from '../../modules/access/colleagues';
import { route, tenantIdOf } from '../route-table';

/** Who works in my unit: the assignment picker and the names on a dossier's timeline. */
export const colleagueRoutes = [
  route({
    method: 'get',
    path: '/colleagues',
    summary: 'Cán bộ của đơn vị và vai trò (để phân công) / The unit’s staff and their roles, to assign',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => ctx.tx((tx, grant) => listColleagues(tx, tenantIdOf(grant))),
  }),
];
