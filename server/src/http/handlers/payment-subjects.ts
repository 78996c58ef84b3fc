import { findInvoice } from '../../../../billing/src/index';
import { auditActorOf } from '../../auth/actor';
import { TENANT_ROLES } from '../../db/transactor';
import { notFound } from '../../errors';
import { findDossier } from '../../modules/dossiers/queries';
import { dossierNotFound } from '../../modules/dossiers/transition';
import { createPayment, getPayment, type Payment } from '../../modules/payments/index';
import { renderReceiptOf } from '../../modules/payments/receipt';
import { route, type HandlerContext } from '../route-table';
import { dossierIdFrom } from './dossier-support';
import { gatewayOf } from './payments';
import '../../modules/dossiers/fees';
import '../../modules/invoices/payment-subject';
import { isUuid } from '../../ids';

const paymentNotFound = () => notFound({ vi: 'Không tìm thấy khoản thanh toán', en: 'Payment not found' });
const payerIp = (ctx: HandlerContext) => (ctx.req.ip ?? '127.0.0.1').replace(/^::ffff:/, '');
const opened = (r: { payment: Payment; redirectUrl: string }) => ({
  status: 201,
  body: { paymentId: r.payment.id, amount: r.payment.amount, redirectUrl: r.redirectUrl },
});

/** Sends the receipt of a payment the caller's transaction has shown to be theirs. */
async function sendReceipt(ctx: HandlerContext, visible: Payment | null): Promise<void> {
  if (!visible) throw paymentNotFound();
  const { pdf, filename } = await ctx.transactor.withSystem((tx) => renderReceiptOf(tx, visible));
  ctx.res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}"`);
  ctx.res.send(Buffer.from(pdf));
}

/** Paying a subject online (a dossier's fee, a unit's invoice) and the payment's receipt. */
export const paymentSubjectRoutes = [
  route({
    method: 'post',
    path: '/my/dossiers/:id/payments',
    summary: 'Công dân nộp phí, lệ phí hồ sơ trực tuyến → URL cổng thanh toán / Pay my dossier fee online',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const citizenId = ctx.scope!.actor.id;
      // Under the citizen's policy: another person's dossier is not found.
      const mine = await ctx.transactor.withCitizen(citizenId, (tx) => findDossier(tx, id));
      if (!mine) throw dossierNotFound();
      return opened(
        await createPayment(ctx.transactor, gatewayOf(ctx), {
          kind: 'dossier_fee',
          subjectId: mine.id,
          payerCitizenId: citizenId,
          payerIp: payerIp(ctx),
          locale: 'vn',
          createdBy: `citizen.${citizenId}`,
        }),
      );
    },
  }),
  route({
    method: 'post',
    path: '/invoices/:id/payments',
    summary: 'Đơn vị thanh toán hóa đơn đã phát hành qua cổng thanh toán / Pay an issued invoice online',
    tag: 'billing',
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const id = ctx.params.id ?? '';
      const inv = isUuid(id) ? await ctx.tx((tx) => findInvoice(tx, id)) : null;
      if (!inv) throw notFound({ vi: 'Không tìm thấy hóa đơn', en: 'Invoice not found' });
      const by = auditActorOf(ctx.scope!.actor);
      return opened(
        await createPayment(ctx.transactor, gatewayOf(ctx), {
          kind: 'invoice',
          subjectId: inv.id,
          payerCitizenId: null,
          payerIp: payerIp(ctx),
          locale: 'vn',
          createdBy: `${by.kind}.${by.id}`,
        }),
      );
    },
  }),
  route({
    method: 'get',
    path: '/payments/:id/receipt.pdf',
    summary: 'Biên lai thu phí, lệ phí (PDF) của khoản đã thanh toán / Receipt of a paid payment',
    tag: 'payments',
    access: { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = ctx.params.id ?? '';
      await sendReceipt(ctx, isUuid(id) ? await ctx.tx((tx) => getPayment(tx, id)) : null);
    },
  }),
  route({
    method: 'get',
    path: '/my/payments/:id/receipt.pdf',
    summary: 'Biên lai của khoản tôi đã nộp (PDF) / The receipt of my payment',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => {
      const id = ctx.params.id ?? '';
      const citizenId = ctx.scope!.actor.id;
      await sendReceipt(
        ctx,
        isUuid(id) ? await ctx.transactor.withCitizen(citizenId, (tx) => getPayment(tx, id)) : null,
      );
    },
  }),
];
