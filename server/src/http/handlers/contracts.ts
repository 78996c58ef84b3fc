import {
  approveOverride,
  contractFilter,
  contractSortable,
  createContract,
  createContractInput,
  getContract,
  listContracts,
  renewContract,
  renewContractInput,
  resumeContract,
  resumeContractInput,
  suspendContract,
  suspendContractInput,
  terminateContract,
  terminateContractInput,
  updateContract,
  updateContractInput,
  type Contract,
} from '../../../../billing/src/index';
import { auditActorOf } from '../../auth/actor';
import type { Tx } from '../../db/transactor';
import { appendTenantAudit, systemClock } from '../../modules/audit/audit-log';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, type HandlerContext } from '../route-table';
import { idFrom } from '../ids';

const readers = { platform: ['platform_admin', 'finance'], tenant: ['tenant_admin'] } as const;
const operator = { platform: ['platform_admin'] } as const;

/** Runs a contract change in the operator's transaction and records it in the unit's audit chain. */
function change(
  ctx: HandlerContext,
  action: string,
  fn: (tx: Tx, now: Date, actorId: string) => Promise<Contract>,
  data: Record<string, unknown> = {},
) {
  const now = systemClock();
  const actor = auditActorOf(ctx.scope!.actor);
  return ctx.tx(async (tx) => {
    const c = await fn(tx, now, actor.id);
    await appendTenantAudit(
      tx,
      c.tenantId,
      actor,
      {
        action,
        entityType: 'contract',
        entityId: c.id,
        data: { ...data, status: c.status, quota: c.quota, leaseFee: c.leaseFee },
      },
      () => now,
    );
    return c;
  });
}

/** Contracts: the operator creates and changes them, finance approves overrides, a unit's admin reads its own. */
export const contractRoutes = [
  route({
    method: 'get',
    path: '/contracts',
    summary: 'Hợp đồng thuê dịch vụ / Service contracts',
    tag: 'contracts',
    list: true,
    access: readers,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: contractSortable,
        defaultSort: ['startDate', 'DESC'],
        filter: contractFilter,
      });
      const page = await ctx.tx((tx, grant) =>
        // A unit's own filter is explicit; RLS is the backstop under it.
        listContracts(
          tx,
          grant.kind === 'tenant'
            ? { ...params, filter: { ...params.filter, tenantId: grant.tenantId } }
            : params,
        ),
      );
      return listReply('contracts', page);
    },
  }),
  route({
    method: 'get',
    path: '/contracts/:id',
    summary: 'Một hợp đồng / One contract',
    tag: 'contracts',
    access: readers,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => getContract(tx, id));
    },
  }),
  route({
    method: 'post',
    path: '/contracts',
    summary: 'Ký hợp đồng cho đơn vị / Put a unit on a plan for a contract year',
    tag: 'contracts',
    body: createContractInput,
    access: operator,
    handler: async (ctx) => ({
      status: 201,
      body: await change(
        ctx,
        'contract.created',
        (tx, now, actorId) => createContract(tx, ctx.body, actorId, now),
        { input: ctx.body },
      ),
    }),
  }),
  route({
    method: 'patch',
    path: '/contracts/:id',
    summary: 'Đề xuất điều chỉnh định mức/giá, số kỳ thanh toán / Propose overrides, set instalments',
    tag: 'contracts',
    body: updateContractInput,
    access: operator,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return change(ctx, 'contract.updated', (tx, now) => updateContract(tx, id, ctx.body, now), {
        change: ctx.body,
      });
    },
  }),
  route({
    method: 'post',
    path: '/contracts/:id/renew',
    summary: 'Gia hạn sang năm hợp đồng kế tiếp / Renew for the next contract year',
    tag: 'contracts',
    body: renewContractInput,
    access: operator,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return {
        status: 201,
        body: await change(
          ctx,
          'contract.renewed',
          (tx, now, actorId) => renewContract(tx, id, ctx.body, actorId, now),
          { renewedFrom: id },
        ),
      };
    },
  }),
  route({
    method: 'post',
    path: '/contracts/:id/suspend',
    summary: 'Tạm dừng (đơn vị vẫn xem được, không tiếp nhận hồ sơ mới) / Suspend',
    tag: 'contracts',
    body: suspendContractInput,
    access: operator,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return change(ctx, 'contract.suspended', (tx, now) => suspendContract(tx, id, ctx.body.reason, now), {
        reason: ctx.body.reason,
      });
    },
  }),
  route({
    method: 'post',
    path: '/contracts/:id/resume',
    summary: 'Tiếp tục hợp đồng đang tạm dừng / Resume a suspended contract',
    tag: 'contracts',
    body: resumeContractInput,
    access: operator,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return change(ctx, 'contract.resumed', (tx, now) => resumeContract(tx, id, now));
    },
  }),
  route({
    method: 'post',
    path: '/contracts/:id/terminate',
    summary: 'Chấm dứt hợp đồng (tính theo ngày) / Terminate (prorated by days)',
    tag: 'contracts',
    body: terminateContractInput,
    access: operator,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return change(ctx, 'contract.terminated', (tx, now) => terminateContract(tx, id, ctx.body, now), {
        ...ctx.body,
      });
    },
  }),
  route({
    method: 'post',
    path: '/contracts/:id/approve-override',
    summary: 'Sở Tài chính duyệt điều chỉnh định mức/giá / Finance approves the override',
    tag: 'contracts',
    access: { platform: ['finance'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return change(ctx, 'contract.override_approved', (tx, now, actorId) =>
        approveOverride(tx, id, actorId, now),
      );
    },
  }),
];
