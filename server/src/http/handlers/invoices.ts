import { z } from 'zod';
import {
  approveInvoice,
  getInvoice,
  invoiceDocument,
  invoiceFilter,
  invoiceLines,
  invoiceNotFound,
  invoiceSortable,
  listInvoices,
  payInvoice,
  payInvoiceInput,
  usageBehindInvoice,
  voidInvoice,
  voidInvoiceInput,
  type Invoice,
} from '../../../../billing/src/index';
import { auditActorOf } from '../../auth/actor';
import type { Tx } from '../../db/transactor';
import { appendTenantAudit, systemClock } from '../../modules/audit/audit-log';
import { renderInvoicePdf } from '../../modules/invoices/pdf';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { parseInput } from '../validate';
import { route, type HandlerContext } from '../route-table';
import { idFrom } from '../ids';

/** Finance and the operator see every unit; a unit's admin reads its own issued invoices. */
export const billingReaders = { platform: ['platform_admin', 'finance'], tenant: ['tenant_admin'] } as const;
const financeOnly = { platform: ['finance'] } as const;

const lineParams = z.object({ id: z.uuid(), lineId: z.uuid() });
const rangeQuery = z.object({ range: z.string().optional() });

/** An invoice action in finance's transaction, recorded in the unit's audit chain. */
function act(
  ctx: HandlerContext,
  action: string,
  fn: (tx: Tx, now: Date, actorId: string) => Promise<Invoice>,
) {
  const now = systemClock();
  const actor = auditActorOf(ctx.scope!.actor);
  return ctx.tx(async (tx) => {
    const inv = await fn(tx, now, actor.id);
    await appendTenantAudit(
      tx,
      inv.tenantId,
      actor,
      {
        action,
        entityType: 'invoice',
        entityId: inv.id,
        data: { number: inv.number, status: inv.status, total: inv.total },
      },
      () => now,
    );
    return inv;
  });
}

export const invoiceRoutes = [
  route({
    method: 'get',
    path: '/invoices',
    summary:
      'Hóa đơn phí thuê, cước vượt định mức và bổ sung; filter overdue=true: quá hạn / Lease, overage and adjustment invoices; overdue=true: past due',
    tag: 'invoices',
    list: true,
    access: billingReaders,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: invoiceSortable,
        defaultSort: ['createdAt', 'DESC'],
        filter: invoiceFilter,
      });
      const page = await ctx.tx((tx, grant) =>
        listInvoices(
          tx,
          grant.kind === 'tenant'
            ? { ...params, filter: { ...params.filter, tenantId: grant.tenantId } }
            : params,
          systemClock(),
        ),
      );
      return listReply('invoices', page);
    },
  }),
  route({
    method: 'get',
    path: '/invoices/:id',
    summary: 'Một hóa đơn với các dòng / One invoice with its lines',
    tag: 'invoices',
    access: billingReaders,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx(async (tx) => {
        const inv = await getInvoice(tx, id);
        return { ...inv, lines: await invoiceLines(tx, inv) };
      });
    },
  }),
  route({
    method: 'get',
    path: '/invoices/:id/pdf',
    summary: 'Bản PDF của hóa đơn đã phát hành / The issued invoice as PDF',
    tag: 'invoices',
    access: billingReaders,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const doc = await ctx.tx(async (tx) => invoiceDocument(tx, await getInvoice(tx, id)));
      if (!doc) throw invoiceNotFound();
      ctx.res
        .status(200)
        .type(doc.contentType)
        .setHeader('Content-Disposition', `inline; filename="${doc.fileName}"`)
        .send(doc.content);
    },
  }),
  route({
    method: 'get',
    path: '/invoices/:id/lines/:lineId/usage',
    summary:
      'Các sự kiện sử dụng (và hồ sơ) phía sau một dòng cước vượt / Usage events behind an overage line',
    tag: 'invoices',
    list: true,
    access: billingReaders,
    handler: async (ctx) => {
      const p = lineParams.safeParse(ctx.params);
      if (!p.success) throw invoiceNotFound();
      const { range } = parseListParams(parseInput(rangeQuery, ctx.req.query, 'query'), {
        sortable: ['occurredAt'],
        defaultSort: ['occurredAt', 'ASC'],
        filter: z.object({}).strict(),
      });
      const page = await ctx.tx(async (tx) => {
        const inv = await getInvoice(tx, p.data.id);
        const line = (await invoiceLines(tx, inv)).find((l) => l.id === p.data.lineId);
        if (!line || line.kind !== 'overage') throw invoiceNotFound();
        return usageBehindInvoice(tx, inv, range);
      });
      return listReply('usage-events', page);
    },
  }),
  route({
    method: 'post',
    path: '/invoices/:id/approve',
    summary: 'Duyệt, cấp số và phát hành hóa đơn (PDF) / Approve, number and issue the invoice',
    tag: 'invoices',
    access: financeOnly,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return act(ctx, 'invoice.issued', (tx, now, actorId) =>
        approveInvoice(tx, id, actorId, now, renderInvoicePdf),
      );
    },
  }),
  route({
    method: 'post',
    path: '/invoices/:id/void',
    summary: 'Hủy hóa đơn chưa thanh toán / Void an unpaid invoice',
    tag: 'invoices',
    body: voidInvoiceInput,
    access: financeOnly,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return act(ctx, 'invoice.voided', (tx, now, actorId) =>
        voidInvoice(tx, id, ctx.body.reason, actorId, now),
      );
    },
  }),
  route({
    method: 'post',
    path: '/invoices/:id/pay',
    summary: 'Ghi nhận thanh toán (chuyển khoản, kho bạc) / Record a payment received',
    tag: 'invoices',
    body: payInvoiceInput,
    access: financeOnly,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return act(ctx, 'invoice.paid', (tx, now, actorId) => payInvoice(tx, id, ctx.body, actorId, now));
    },
  }),
];
