import { z } from 'zod';
import { getPublicProcedure } from '../../modules/catalog/detail';
import { listPopularProcedures, popularProcedureOutput } from '../../modules/catalog/popular';
import {
  publicCatalogFilter,
  publicCatalogSortable,
  publicProcedureDetailOutput,
  publicProcedureOutput,
} from '../../modules/catalog/schema';
import { searchCatalog } from '../../modules/catalog/search';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';
import { idFrom } from '../ids';
import { AppError } from '../../errors';

const LIST_KEYS = ['sort', 'range', 'filter'];

/**
 * The catalog's only query parameters are the list's own (CONTRACT: search is filter.q). Anything else
 * answers 400 naming the right form, as the strict filter and the other routes' query schemas do,
 * rather than being ignored: ?q=… used to list the whole catalog as if nothing had been searched.
 */
function rejectUnknownParams(query: Record<string, unknown>): void {
  const unknown = Object.keys(query).filter((k) => !LIST_KEYS.includes(k));
  if (unknown.length === 0) return;
  throw new AppError(
    'validation_failed',
    {
      vi: 'Tham số tìm kiếm không được hỗ trợ; tìm theo từ khóa bằng filter={"q":"…"}',
      en: 'Unsupported search parameter; search by keyword with filter={"q":"…"}',
    },
    unknown.map((k) => ({
      path: `query.${k}`,
      message: `Không hỗ trợ tham số ${k}; chỉ dùng sort, range và filter (ví dụ filter={"q":"khai sinh"})`,
      message_en: `Parameter ${k} is not supported; use only sort, range and filter (e.g. filter={"q":"khai sinh"})`,
    })),
  );
}

export const publicCatalogRoutes = [
  route({
    method: 'get',
    path: '/public/procedures',
    summary:
      'Danh mục thủ tục công khai: tìm không dấu, chịu lỗi gõ; tham số khác sort, range, filter bị từ chối (400) / Public catalog: diacritic-insensitive, typo-tolerant search (filter q, unit, unitKind, field, level, fee=free|paid); parameters other than sort, range, filter answer 400',
    tag: 'public',
    list: true,
    response: z.array(publicProcedureOutput),
    access: { public: true },
    handler: async (ctx) => {
      rejectUnknownParams(ctx.req.query);
      const params = parseListParams(ctx.req.query, {
        sortable: publicCatalogSortable,
        defaultSort: ['relevance', 'ASC'],
        filter: publicCatalogFilter,
      });
      const page = await ctx.publicTx((tx) => searchCatalog(tx, params.filter, params.range));
      return listReply('procedures', page);
    },
  }),
  route({
    method: 'get',
    path: '/public/procedures/:id',
    summary: 'Một thủ tục công khai, kèm biểu mẫu trực tuyến / One public procedure with its online form',
    tag: 'public',
    response: publicProcedureDetailOutput,
    access: { public: true },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.publicTx((tx) => getPublicProcedure(tx, id));
    },
  }),
  route({
    method: 'get',
    path: '/public/popular-procedures',
    summary:
      'Thủ tục được dùng nhiều: số hồ sơ tiếp nhận 90 ngày theo mã thủ tục (rỗng khi chưa có) / Most used procedures: dossiers received over 90 days per national code (empty when none yet)',
    tag: 'public',
    response: z.array(popularProcedureOutput),
    access: { public: true },
    handler: async (ctx) => {
      const body = await ctx.publicTx((tx) => listPopularProcedures(tx, new Date()));
      // Changes by the day; a few minutes' cache spares the database the home page's visits.
      return { body, headers: { 'Cache-Control': 'public, max-age=300' } };
    },
  }),
];
