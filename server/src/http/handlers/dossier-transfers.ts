import { TENANT_ROLES } from '../../db/transactor';
import { returnTransfer, transferReturnInput } from '../../modules/dossiers/transfer-return';
import {
  findTransfer,
  listTransfers,
  transferDetail,
  transferDossier,
  transferFilter,
  transferInput,
  transferNotFound,
  transferSortable,
} from '../../modules/dossiers/transfers';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, tenantIdOf } from '../route-table';
import { dossierIdFrom, staffActor } from './dossier-support';

const OFFICERS = ['desk_officer', 'processing_officer', 'leader'] as const;

export const dossierTransferRoutes = [
  route({
    method: 'post',
    path: '/dossiers/:id/transfer',
    summary:
      'Chuyển hồ sơ liên thông sang đơn vị phối hợp (toUnitId, part) / Transfer a part to another unit',
    tag: 'dossiers',
    body: transferInput,
    access: { tenant: OFFICERS },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      // The grant fixes the owner and the actor's roles; the write spans two units (see transfers.ts).
      const grant = ctx.grant!;
      const t = await ctx.transactor.withSystem((tx) =>
        transferDossier(tx, tenantIdOf(grant), id, ctx.body, staffActor(ctx, grant), new Date()),
      );
      return {
        status: 201,
        body: { transferId: t.id, dossierId: t.dossier_id, toUnitId: t.tenant_id, status: t.status },
      };
    },
  }),
  route({
    method: 'get',
    path: '/dossier-transfers',
    summary: 'Hồ sơ liên thông đơn vị được nhờ xử lý (lọc status, q theo mã) / Transfers to this unit',
    tag: 'dossiers',
    list: true,
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: transferSortable,
        defaultSort: ['createdAt', 'DESC'],
        filter: transferFilter,
      });
      return listReply(
        'dossier-transfers',
        await ctx.tx((tx, grant) => listTransfers(tx, tenantIdOf(grant), params)),
      );
    },
  }),
  route({
    method: 'get',
    path: '/dossier-transfers/:id',
    summary:
      'Một hồ sơ liên thông với bản sao dữ liệu (khi còn mở) / One transfer with its snapshot while open',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      return ctx.tx(async (tx, grant) => {
        const t = await findTransfer(tx, tenantIdOf(grant), id);
        if (!t) throw transferNotFound();
        return transferDetail(t);
      });
    },
  }),
  route({
    method: 'post',
    path: '/dossier-transfers/:id/return',
    summary: 'Trả lại hồ sơ liên thông cho đơn vị chủ trì (note) / Send the transfer back to the owning unit',
    tag: 'dossiers',
    body: transferReturnInput,
    access: { tenant: OFFICERS },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const a = ctx.scope!.actor;
      return ctx.tx(async (tx, grant) =>
        transferDetail(await returnTransfer(tx, tenantIdOf(grant), id, ctx.body, a, new Date())),
      );
    },
  }),
];
