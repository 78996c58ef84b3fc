import {
  createPlan,
  createPlanInput,
  createPlanVersion,
  getPlan,
  listPlans,
  planFilter,
  planSortable,
  planTermsInput,
  updatePlan,
  updatePlanInput,
} from '../../../../billing/src/index';
import { auditActorOf } from '../../auth/actor';
import { TENANT_ROLES } from '../../db/transactor';
import { appendPlatformAudit, systemClock } from '../../modules/audit/audit-log';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, type HandlerContext } from '../route-table';
import { idFrom } from '../ids';

const staffRead = { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES } as const;
const actorOf = (ctx: HandlerContext) => auditActorOf(ctx.scope!.actor);

/** The price list: platform_admin writes (a price change is a new version), every staff member reads. */
export const planRoutes = [
  route({
    method: 'get',
    path: '/plans',
    summary: 'Bảng giá: các gói dịch vụ / Price list: plans',
    tag: 'plans',
    list: true,
    access: staffRead,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: planSortable,
        defaultSort: ['code', 'ASC'],
        filter: planFilter,
      });
      return listReply('plans', await ctx.tx((tx) => listPlans(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/plans/:id',
    summary: 'Một gói dịch vụ và các phiên bản / One plan and its versions',
    tag: 'plans',
    access: staffRead,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => getPlan(tx, id));
    },
  }),
  route({
    method: 'post',
    path: '/plans',
    summary: 'Tạo gói dịch vụ với phiên bản đầu / Create a plan with its first version',
    tag: 'plans',
    body: createPlanInput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const now = systemClock();
      const plan = await ctx.tx(async (tx) => {
        const p = await createPlan(tx, ctx.body, actorOf(ctx).id, now);
        await appendPlatformAudit(
          tx,
          actorOf(ctx),
          {
            action: 'plan.created',
            entityType: 'plan',
            entityId: p.id,
            data: { code: p.code, version: p.latestVersion },
          },
          () => now,
        );
        return p;
      });
      return { status: 201, body: plan };
    },
  }),
  route({
    method: 'post',
    path: '/plans/:id/versions',
    summary:
      'Đổi giá: phiên bản mới của gói (không sửa phiên bản đang dùng) / Price change: a new plan version',
    tag: 'plans',
    body: planTermsInput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const now = systemClock();
      const plan = await ctx.tx(async (tx) => {
        const p = await createPlanVersion(tx, id, ctx.body, actorOf(ctx).id, now);
        await appendPlatformAudit(
          tx,
          actorOf(ctx),
          {
            action: 'plan.version_created',
            entityType: 'plan',
            entityId: id,
            data: { version: p.latestVersion },
          },
          () => now,
        );
        return p;
      });
      return { status: 201, body: plan };
    },
  }),
  route({
    method: 'patch',
    path: '/plans/:id',
    summary: 'Đổi tên hoặc ngừng áp dụng gói / Rename or retire a plan',
    tag: 'plans',
    body: updatePlanInput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const now = systemClock();
      return ctx.tx(async (tx) => {
        const p = await updatePlan(tx, id, ctx.body, now);
        await appendPlatformAudit(
          tx,
          actorOf(ctx),
          { action: 'plan.updated', entityType: 'plan', entityId: id, data: { change: ctx.body } },
          () => now,
        );
        return p;
      });
    },
  }),
];
