import { TENANT_ROLES } from '../../db/transactor';
import {
  deskReceptionFilter,
  deskReceptionSortable,
  deskReceptionView,
  listDeskReceptions,
  receiveForAnotherUnit,
} from '../../modules/dossiers/desk-reception';
import { deskEntryInput } from '../../modules/dossiers/submit';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, tenantIdOf } from '../route-table';
import { idempotencyKey, objectStore, staffActor } from './dossier-support';

export const deskReceptionRoutes = [
  route({
    method: 'post',
    path: '/desk-receptions',
    summary:
      'Tiếp nhận tại quầy hồ sơ của thủ tục đơn vị khác (Idempotency-Key) / Receive for another unit’s procedure',
    tag: 'dossiers',
    body: deskEntryInput,
    access: { tenant: ['desk_officer'] },
    handler: async (ctx) => {
      const grant = ctx.grant!;
      const key = idempotencyKey(ctx);
      const store = objectStore(ctx);
      // Two units' rows in one transaction: the system context (see desk-reception.ts).
      const r = await ctx.transactor.withSystem((tx) =>
        receiveForAnotherUnit(tx, tenantIdOf(grant), ctx.body, {
          actor: staffActor(ctx, grant),
          idempotencyKey: key,
          store,
          now: new Date(),
        }),
      );
      return { status: r.created ? 201 : 200, body: deskReceptionView(r.reception) };
    },
  }),
  route({
    method: 'get',
    path: '/desk-receptions',
    summary:
      'Hồ sơ quầy đã tiếp nhận cho đơn vị khác (lọc q, dossierUnitId) / What this desk received for other units',
    tag: 'dossiers',
    list: true,
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: deskReceptionSortable,
        defaultSort: ['receivedAt', 'DESC'],
        filter: deskReceptionFilter,
      });
      return listReply(
        'desk-receptions',
        await ctx.tx((tx, grant) => listDeskReceptions(tx, tenantIdOf(grant), params)),
      );
    },
  }),
];
