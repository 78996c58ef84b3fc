import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { AppError } from '../../errors';
import { enqueueBatchImport } from '../../jobs/digitization/import-batch';
import { findBatch, insertBatch, listBatches, toBatch } from '../../modules/digitization/batches';
import { importQuery, indexRows, targetInput } from '../../modules/digitization/schema';
import { digitizationProgress, digitizationProgressAll, setTarget } from '../../modules/digitization/targets';
import { readTable } from '../../modules/procedures/transfer/files';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, tenantIdOf, type HandlerContext } from '../route-table';
import { readFileBody } from '../file-body';
import { parseInput } from '../validate';

const IMPORTERS = ['tenant_admin', 'desk_officer', 'processing_officer'] as const;
function fileBody(ctx: HandlerContext): Promise<Buffer> {
  return readFileBody(ctx, {
    limit: '20mb',
    missing: { vi: 'Chưa gửi tệp chỉ mục', en: 'No index file: send it as the request body' },
  });
}

const batchId = (params: Record<string, string>) => {
  const r = z.uuid().safeParse(params.id);
  if (!r.success)
    throw new AppError('not_found', { vi: 'Không tìm thấy đợt số hóa', en: 'Digitization batch not found' });
  return r.data;
};

/** Bulk digitization (seed 004): index imports as background jobs, and progress against the target. */
export const digitizationRoutes = [
  route({
    method: 'post',
    path: '/digitization/batches',
    summary:
      'Nhập chỉ mục kết quả cũ để số hóa (thân = tệp CSV/XLSX; ?format=; các tệp đã tải lên qua /uploads theo SHA-256) / Import an index of old results',
    tag: 'digitization',
    access: { tenant: IMPORTERS },
    handler: async (ctx) => {
      const q = parseInput(importQuery, ctx.req.query, 'query');
      const rows = indexRows(await readTable(await fileBody(ctx), q.format));
      const batch = await ctx.tx(async (tx, grant) => {
        const tenantId = tenantIdOf(grant);
        const b = await insertBatch(
          tx,
          tenantId,
          q.fileName ?? `chi-muc.${q.format}`,
          rows,
          `${ctx.scope!.actor.kind}:${ctx.scope!.actor.id}`,
        );
        await enqueueBatchImport(tx, tenantId, b.id);
        return toBatch(b);
      });
      return { status: 202, body: batch };
    },
  }),
  route({
    method: 'get',
    path: '/digitization/batches',
    summary: 'Các đợt số hóa của đơn vị / The unit’s digitization batches',
    tag: 'digitization',
    list: true,
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: ['createdAt'],
        defaultSort: ['createdAt', 'DESC'],
        filter: z.object({}).strict(),
      });
      return listReply(
        'digitization-batches',
        await ctx.tx((tx, grant) => listBatches(tx, tenantIdOf(grant), params.range)),
      );
    },
  }),
  route({
    method: 'get',
    path: '/digitization/batches/:id',
    summary:
      'Tiến độ một đợt số hóa: phần trăm, số dòng xong, dòng bị từ chối và lý do / One batch’s progress',
    tag: 'digitization',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = batchId(ctx.params);
      return ctx.tx((tx, grant) => findBatch(tx, tenantIdOf(grant), id));
    },
  }),
  route({
    method: 'get',
    path: '/digitization/progress',
    summary:
      'Tiến độ số hóa so với chỉ tiêu (đơn vị: của mình; nền tảng: mọi đơn vị) / Digitization progress against the target',
    tag: 'digitization',
    access: { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES },
    handler: async (ctx) =>
      ctx.tx<unknown>((tx, grant) =>
        grant.kind === 'tenant' ? digitizationProgress(tx, grant.tenantId) : digitizationProgressAll(tx),
      ),
  }),
  route({
    method: 'put',
    path: '/digitization/target',
    summary:
      'Khai báo số kết quả còn hiệu lực cần số hóa (hạn hoàn thành theo quy mô) / Set the unit’s backlog and deadline',
    tag: 'digitization',
    body: targetInput,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) =>
      ctx.tx((tx, grant) =>
        setTarget(
          tx,
          tenantIdOf(grant),
          (ctx.body as { backlog: number }).backlog,
          `${ctx.scope!.actor.kind}:${ctx.scope!.actor.id}`,
          new Date(),
        ),
      ),
  }),
];
