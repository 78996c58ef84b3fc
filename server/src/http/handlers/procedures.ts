import { z } from 'zod';
import { auditActorOf } from '../../auth/actor';
import { TENANT_ROLES, type Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import { createProcedureField, updateProcedureField } from '../../modules/procedures/procedure-fields';
import { listProcedureFields, listProcedures } from '../../modules/procedures/queries';
import {
  createProcedureInput,
  procedureFieldInput,
  procedureFieldOutput,
  procedureFilter,
  procedureOutput,
  procedureSortable,
  updateProcedureFieldInput,
  updateProcedureInput,
  type ProcedureAction,
} from '../../modules/procedures/schema';
import {
  changeProcedureStatus,
  createProcedure,
  getProcedure,
  updateProcedure,
} from '../../modules/procedures/service';
import { exportCatalog } from '../../modules/procedures/transfer/export';
import { CATALOG_FORMATS, readTable } from '../../modules/procedures/transfer/files';
import { importCatalog } from '../../modules/procedures/transfer/import';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, tenantIdOf, type HandlerContext } from '../route-table';
import { readFileBody } from '../file-body';
import { parseInput } from '../validate';
import { idFrom } from '../ids';

const actorOf = (ctx: HandlerContext) => auditActorOf(ctx.scope!.actor);

/** The unit's catalog as a file; the body is the raw file (Content-Type of the format), ≤ 5 MB. */
const IMPORT_LIMIT = '5mb';
function fileBody(ctx: HandlerContext): Promise<Buffer> {
  return readFileBody(ctx, {
    limit: IMPORT_LIMIT,
    missing: {
      vi: 'Chưa gửi tệp: hãy gửi nội dung tệp làm thân yêu cầu',
      en: 'No file: send the file itself as the request body',
    },
  });
}

const exportQuery = z.object({ format: z.enum(CATALOG_FORMATS).default('xlsx') });
const importQuery = z.object({
  format: z.enum(CATALOG_FORMATS),
  dryRun: z.enum(['true', 'false']).default('false'),
});

function statusRoute(action: ProcedureAction, summary: string) {
  return route({
    method: 'post',
    path: `/procedures/:id/${action}`,
    summary,
    tag: 'procedures',
    response: procedureOutput,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx, grant) => changeProcedureStatus(tx, tenantIdOf(grant), id, action, actorOf(ctx)));
    },
  });
}

const readFields = (tx: Tx) => listProcedureFields(tx);

/** The national list of fields of activity, read in the public context (it is public data). */
async function listFields(ctx: HandlerContext) {
  const rows = await ctx.publicTx(readFields);
  return listReply('procedure-fields', {
    rows,
    total: rows.length,
    from: 0,
    to: Math.max(rows.length - 1, 0),
  });
}

export const procedureRoutes = [
  route({
    method: 'get',
    path: '/procedures/export',
    summary: "Xuất danh mục thủ tục của đơn vị (?format=xlsx|csv) / Export the unit's catalog",
    tag: 'procedures',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const { format } = parseInput(exportQuery, ctx.req.query, 'query');
      const file = await ctx.tx((tx) => exportCatalog(tx, format));
      ctx.res
        .status(200)
        .type(file.contentType)
        .setHeader('Content-Disposition', `attachment; filename="danh-muc-tthc.${format}"`)
        .send(file.bytes);
    },
  }),
  route({
    method: 'post',
    path: '/procedures/import',
    summary:
      'Nhập danh mục (?format=xlsx|csv&dryRun=true|false; thân = tệp, ≤ 5 MB); từ chối từng dòng, không ghi dở / Import the catalog, all or nothing',
    tag: 'procedures',
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const q = parseInput(importQuery, ctx.req.query, 'query');
      const table = await readTable(await fileBody(ctx), q.format);
      return ctx.tx((tx, grant) =>
        importCatalog(tx, tenantIdOf(grant), table, { dryRun: q.dryRun === 'true' }, actorOf(ctx)),
      );
    },
  }),
  route({
    method: 'get',
    path: '/procedures',
    summary:
      "Danh mục thủ tục của đơn vị (lọc q không dấu, fieldCode, level, status) / The unit's procedures",
    tag: 'procedures',
    list: true,
    response: z.array(procedureOutput),
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: procedureSortable,
        defaultSort: ['nationalCode', 'ASC'],
        filter: procedureFilter,
      });
      return listReply('procedures', await ctx.tx((tx) => listProcedures(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/procedures/:id',
    summary: 'Một thủ tục / One procedure',
    tag: 'procedures',
    response: procedureOutput,
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => getProcedure(tx, id));
    },
  }),
  route({
    method: 'post',
    path: '/procedures',
    summary: 'Thêm thủ tục (dự thảo) / Add a draft procedure',
    tag: 'procedures',
    body: createProcedureInput,
    response: procedureOutput,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx, grant) => createProcedure(tx, tenantIdOf(grant), ctx.body, actorOf(ctx))),
    }),
  }),
  route({
    method: 'patch',
    path: '/procedures/:id',
    summary: 'Sửa thủ tục / Edit a procedure',
    tag: 'procedures',
    body: updateProcedureInput,
    response: procedureOutput,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx, grant) => updateProcedure(tx, tenantIdOf(grant), id, ctx.body, actorOf(ctx)));
    },
  }),
  statusRoute('publish', 'Công bố thủ tục lên Cổng dịch vụ công / Publish to the public catalog'),
  statusRoute('archive', 'Ngừng áp dụng thủ tục / Archive a procedure'),
  route({
    method: 'get',
    path: '/procedure-fields',
    summary: 'Danh sách lĩnh vực / Fields of activity',
    tag: 'procedures',
    list: true,
    response: z.array(procedureFieldOutput),
    access: { signedIn: true },
    handler: listFields,
  }),
  route({
    method: 'get',
    path: '/public/procedure-fields',
    summary: 'Danh sách lĩnh vực (công khai) / Fields of activity, for the public catalog filters',
    tag: 'public',
    list: true,
    response: z.array(procedureFieldOutput),
    access: { public: true },
    handler: listFields,
  }),
  route({
    method: 'post',
    path: '/procedure-fields',
    summary: 'Thêm lĩnh vực / Add a field of activity',
    tag: 'procedures',
    body: procedureFieldInput,
    response: procedureFieldOutput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx) => createProcedureField(tx, ctx.body, actorOf(ctx))),
    }),
  }),
  route({
    method: 'patch',
    path: '/procedure-fields/:code',
    summary: 'Đổi tên lĩnh vực / Rename a field of activity',
    tag: 'procedures',
    body: updateProcedureFieldInput,
    response: procedureFieldOutput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const code = ctx.params.code ?? '';
      if (!/^[A-Z0-9_]{2,40}$/.test(code)) throw notFound();
      return ctx.tx((tx) => updateProcedureField(tx, code, ctx.body, actorOf(ctx)));
    },
  }),
];
