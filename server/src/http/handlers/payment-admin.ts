import { z } from 'zod';
import { auditActorOf } from '../../auth/actor';
import { AppError, notFound } from '../../errors';
import { appendPlatformAudit } from '../../modules/audit/audit-log';
import {
  listMerchantAccounts,
  setUnitTerminal,
  TerminalTakenError,
} from '../../modules/payments/merchant-accounts';
import { listReply } from '../dispatch';
import { parseInput } from '../validate';
import { route } from '../route-table';
import { gatewayOf } from './payments';

const terminalInput = z
  .object({
    tmnCode: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'Mã terminal: 1–20 chữ cái hoặc chữ số'),
    // Write-only: sealed at once, never returned nor logged.
    secret: z.string().min(16, 'Khóa bí mật có ít nhất 16 ký tự').max(256),
  })
  .strict();

const wholeList = <T>(resource: string, rows: T[]) =>
  listReply(resource, { rows, total: rows.length, from: 0, to: Math.max(rows.length - 1, 0) });

/**
 * The platform's side of payments: the daily mismatch reports (finance) and the gateway terminals
 * fees and invoices are paid into (platform_admin). Listed before paymentRoutes: /payments/:id
 * would otherwise take /payments/mismatches.
 */
export const paymentAdminRoutes = [
  route({
    method: 'get',
    path: '/payments/mismatches',
    tag: 'payments',
    list: true,
    access: { platform: ['finance', 'platform_admin'] },
    summary:
      'Báo cáo đối soát hằng ngày: giao dịch lệch giữa cổng thanh toán và sổ / Daily gateway-vs-ledger mismatch reports, newest first',
    handler: async (ctx) => {
      const rows = (await ctx.tx((tx) =>
        tx('payment_mismatch_reports')
          .orderBy('day', 'desc')
          .limit(90)
          .select(tx.raw("to_char(day, 'YYYY-MM-DD') as day"), 'mismatch_count', 'mismatches', 'created_at'),
      )) as { day: string; mismatch_count: number; mismatches: unknown[]; created_at: Date }[];
      return wholeList(
        'payment-mismatches',
        rows.map((r) => ({
          id: r.day,
          day: r.day,
          mismatchCount: r.mismatch_count,
          mismatches: r.mismatches,
          createdAt: r.created_at.toISOString(),
        })),
      );
    },
  }),
  route({
    method: 'get',
    path: '/merchant-accounts',
    tag: 'payments',
    list: true,
    access: { platform: ['platform_admin'] },
    summary: 'Các terminal nhận thanh toán (không kèm khóa bí mật) / Payment terminals (without secrets)',
    handler: async (ctx) => wholeList('merchant-accounts', await ctx.tx((tx) => listMerchantAccounts(tx))),
  }),
  route({
    method: 'put',
    path: '/tenants/:tenantId/merchant-account',
    tag: 'payments',
    body: terminalInput,
    access: { platform: ['platform_admin'] },
    summary:
      'Đặt terminal nhận lệ phí của đơn vị (khóa bí mật chỉ ghi) / Set the terminal a unit is paid into (secret write-only)',
    handler: async (ctx) => {
      const { tenantId } = parseInput(z.object({ tenantId: z.uuid() }), ctx.params, 'params');
      const vault = gatewayOf(ctx, 'callback').vault;
      const actor = auditActorOf(ctx.scope!.actor);
      try {
        const account = await ctx.tx(async (tx) => {
          if (!(await tx('tenants').where({ id: tenantId }).first('id')))
            throw notFound({ vi: 'Không tìm thấy đơn vị', en: 'Unit not found' });
          const a = await setUnitTerminal(tx, vault, { tenantId, ...ctx.body });
          await appendPlatformAudit(tx, actor, {
            action: 'merchant_account.set',
            entityType: 'merchant_account',
            entityId: a.id,
            data: { tenantId, tmnCode: a.tmnCode },
          });
          return a;
        });
        return { status: 200, body: account };
      } catch (err) {
        if (err instanceof TerminalTakenError)
          throw new AppError('conflict', {
            vi: 'Mã terminal đã thuộc đơn vị khác',
            en: 'This terminal code belongs to another unit',
          });
        throw err;
      }
    },
  }),
];
