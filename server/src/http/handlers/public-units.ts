import { z } from 'zod';
import {
  getPublicUnit,
  listPublicUnits,
  publicUnitDetailOutput,
  publicUnitFilter,
  publicUnitOutput,
  publicUnitSortable,
} from '../../modules/catalog/public-units';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';

/** The portal's unit directory and unit pages (public: names, codes and performance are published). */
export const publicUnitRoutes = [
  route({
    method: 'get',
    path: '/public/units',
    summary: 'Danh bạ đơn vị đang hoạt động (lọc q không dấu, kind) / Open units (filter q, kind)',
    tag: 'public',
    list: true,
    response: z.array(publicUnitOutput),
    access: { public: true },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: publicUnitSortable,
        defaultSort: ['name', 'ASC'],
        filter: publicUnitFilter,
      });
      return listReply('units', await ctx.publicTx((tx) => listPublicUnits(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/public/units/:id',
    summary:
      'Một đơn vị (mã hoặc id): số thủ tục, kết quả giải quyết 365 ngày (đúng hạn, hài lòng) / One unit with its public performance',
    tag: 'public',
    response: publicUnitDetailOutput,
    access: { public: true },
    handler: async (ctx) => {
      const id = ctx.params.id ?? '';
      return ctx.publicTx((tx) => getPublicUnit(tx, id.slice(0, 80), new Date()));
    },
  }),
];
