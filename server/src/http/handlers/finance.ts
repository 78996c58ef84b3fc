import { z } from 'zod';
import {
  createBillingRun,
  createBillingRunInput,
  draftChunk,
  financeSummary,
  getBillingRun,
} from '../../../../billing/src/index';
import { auditActorOf } from '../../auth/actor';
import { enqueue } from '../../jobs/outbox';
import '../../jobs/billing/invoice-run';
import { systemClock } from '../../modules/audit/audit-log';
import { EXPORT_FORMATS, EXPORT_KINDS, financeExport } from '../../modules/invoices/exports';
import { parseInput } from '../validate';
import { route } from '../route-table';
import { billingReaders } from './invoices';
import { idFrom } from '../ids';

const financeStaff = { platform: ['platform_admin', 'finance'] } as const;
const year = z.coerce.number().int().min(2000).max(2200);
const summaryQuery = z.object({ year, tenantId: z.uuid().optional() }).strict();
const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('xlsx'), year }).strict();
const exportParams = z.object({ kind: z.enum(EXPORT_KINDS) });

/** Finance review: the summary per unit, exports, and the invoice runs. */
export const financeRoutes = [
  route({
    method: 'get',
    path: '/finance/summary',
    summary:
      'Tổng hợp theo đơn vị: sử dụng/định mức, đã lập, đã thu, còn nợ, quá hạn / Per-unit finance summary',
    tag: 'finance',
    access: billingReaders,
    handler: async (ctx) => {
      const q = parseInput(summaryQuery, ctx.req.query, 'query');
      return ctx.tx((tx, grant) =>
        financeSummary(
          tx,
          { year: q.year, tenantId: grant.kind === 'tenant' ? grant.tenantId : q.tenantId },
          systemClock(),
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/finance/exports/:kind',
    summary: 'Xuất hóa đơn, sử dụng hoặc bảng tổng hợp gửi HĐND (?format=xlsx|csv&year=) / Export',
    tag: 'finance',
    access: financeStaff,
    handler: async (ctx) => {
      const { kind } = parseInput(exportParams, ctx.params, 'params');
      const q = parseInput(exportQuery, ctx.req.query, 'query');
      const file = await ctx.tx((tx) => financeExport(tx, kind, q.format, q.year, systemClock()));
      ctx.res
        .status(200)
        .type(file.contentType)
        .setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  }),
  route({
    method: 'post',
    path: '/billing-runs',
    summary: 'Chạy lập hóa đơn cho mọi đơn vị (chạy nền; dryRun xem trước) / Start an invoice run',
    tag: 'finance',
    body: createBillingRunInput,
    access: financeStaff,
    handler: async (ctx) => {
      const actorId = auditActorOf(ctx.scope!.actor).id;
      const now = systemClock();
      return ctx.tx(async (tx) => {
        if (ctx.body.dryRun) {
          // A preview writes no invoice: it computes every draft now and keeps only the run's figures.
          const preview = await draftChunk(tx, ctx.body, null, null, now);
          const run = await createBillingRun(tx, ctx.body, actorId, {
            status: 'completed',
            total: preview.contracts,
            done: preview.contracts,
            created: 0,
            skipped: preview.contracts,
          });
          return { status: 200, body: { ...run, drafts: preview.drafts, errors: preview.errors } };
        }
        const run = await createBillingRun(tx, ctx.body, actorId);
        await enqueue(tx, {
          tenantId: null,
          queue: 'billing',
          name: 'invoice-run',
          payload: { runId: run.id },
          jobKey: `billing-run.${run.id}`,
        });
        return { status: 202, body: run };
      });
    },
  }),
  route({
    method: 'get',
    path: '/billing-runs/:id',
    summary: 'Tiến độ một đợt lập hóa đơn / Progress of an invoice run',
    tag: 'finance',
    access: financeStaff,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => getBillingRun(tx, id));
    },
  }),
];
