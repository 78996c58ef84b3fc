import { z } from 'zod';
import { tmnCodeOf, verifyReturn } from '../../../../billing/src/gateway/index';
import { auditActorOf } from '../../auth/actor';
import { TENANT_ROLES } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import {
  findPaymentByTxnRef,
  getPayment,
  handleIpn,
  paymentEvents,
  refundPayment,
  type Payment,
  type PaymentsGateway,
} from '../../modules/payments/index';
import { merchantByTmnCode } from '../../modules/payments/merchants';
import { route, type HandlerContext } from '../route-table';
import { isUuid } from '../../ids';

/**
 * The gateway settings. Creating payments, querydr and refunds need the gateway's URLs; the
 * gateway's own callbacks (IPN, return) need only the merchants' secrets, so they work even where
 * no gateway URL is configured.
 */
export function gatewayOf(ctx: HandlerContext, use: 'outbound' | 'callback' = 'outbound'): PaymentsGateway {
  const gw = ctx.req.app.locals.payments as PaymentsGateway | undefined;
  if (!gw || (use === 'outbound' && !gw.paymentUrl))
    throw new AppError('unavailable', {
      vi: 'Chưa cấu hình cổng thanh toán',
      en: 'No payment gateway configured',
    });
  return gw;
}

const view = (p: Payment) => ({
  id: p.id,
  kind: p.kind,
  subjectId: p.subjectId,
  amount: p.amount,
  refundedAmount: p.refundedAmount,
  txnRef: p.txnRef,
  status: p.status,
  gatewayTransactionNo: p.gatewayTransactionNo,
  bankCode: p.bankCode,
  payDate: p.payDate,
  expiresAt: p.expiresAt,
  createdAt: p.createdAt,
});

const query = (ctx: HandlerContext) => ctx.req.query as Record<string, unknown>;
const readers = { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES } as const;

/** The gateway's calls (signature-checked, no sign-in) and the staff's view of payments. */
export const paymentRoutes = [
  route({
    method: 'get',
    path: '/payments/vnpay/ipn',
    tag: 'payments',
    access: { public: true },
    summary: 'IPN: the gateway reports a payment result server-to-server (answers RspCode per VNPay 2.1.0)',
    handler: async (ctx) => ({
      status: 200,
      body: await handleIpn(ctx.transactor, gatewayOf(ctx, 'callback'), query(ctx)),
    }),
  }),
  route({
    method: 'get',
    path: '/payments/vnpay/return',
    tag: 'payments',
    access: { public: true },
    summary:
      "The payer's browser back from the gateway: reports what the IPN (or a querydr) established, changes nothing",
    handler: async (ctx) => {
      // A person's browser lands on the portal's page, which asks this route (as JSON) and then
      // reads the settled state from the API; scripts and tests keep getting the JSON here.
      if (ctx.req.accepts(['json', 'html']) === 'html') {
        const search = ctx.req.originalUrl.split('?')[1] ?? '';
        return void ctx.res.redirect(303, `/thanh-toan/ket-qua?${search}`);
      }
      const gw = gatewayOf(ctx, 'callback');
      const q = query(ctx);
      const tmn = tmnCodeOf(q);
      const merchant = tmn
        ? await ctx.transactor.withSystem((tx) => merchantByTmnCode(tx, gw.vault, tmn))
        : null;
      const v = merchant ? verifyReturn(q, merchant.secret) : null;
      if (!v?.ok)
        throw new AppError('validation_failed', { vi: 'Chữ ký không hợp lệ', en: 'Invalid signature' }, [
          { path: 'vnp_SecureHash', message: 'Chữ ký không hợp lệ', message_en: 'Invalid signature' },
        ]);
      const p = await ctx.transactor.withSystem((tx) => findPaymentByTxnRef(tx, v.result.txnRef));
      if (!p) throw notFound();
      return {
        paymentId: p.id,
        txnRef: p.txnRef,
        amount: p.amount,
        status: p.status,
        gatewayOutcome: v.result.outcome,
      };
    },
  }),
  route({
    method: 'get',
    path: '/payments/:id',
    tag: 'payments',
    access: readers,
    summary: 'A payment with its events (finance sees the gateway transaction number)',
    handler: async (ctx) =>
      ctx.tx(async (tx) => {
        const p = isUuid(ctx.params.id ?? '') ? await getPayment(tx, ctx.params.id!) : null;
        if (!p) throw notFound();
        return { ...view(p), events: await paymentEvents(tx, p.id) };
      }),
  }),
  route({
    method: 'post',
    path: '/payments/:id/refund',
    tag: 'payments',
    access: { platform: ['platform_admin'], tenant: ['tenant_admin', 'leader'] },
    summary: 'Refunds all or part of a paid payment through the gateway',
    body: z.object({ amount: z.number().int().positive().optional(), reason: z.string().min(1).max(500) }),
    handler: async (ctx) => {
      const visible = await ctx.tx((tx) =>
        isUuid(ctx.params.id ?? '') ? getPayment(tx, ctx.params.id!) : Promise.resolve(null),
      );
      if (!visible) throw notFound();
      const by = auditActorOf(ctx.scope!.actor);
      return view(
        await refundPayment(ctx.transactor, gatewayOf(ctx), {
          paymentId: visible.id,
          amount: ctx.body.amount,
          reason: ctx.body.reason,
          by: `${by.kind}.${by.id}`,
        }),
      );
    },
  }),
];
