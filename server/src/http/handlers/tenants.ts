import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { auditActorOf } from '../../auth/actor';
import { listTenants } from '../../modules/tenancy/queries';
import {
  createTenantInput,
  tenantFilter,
  tenantOutput,
  tenantSortable,
  updateTenantInput,
} from '../../modules/tenancy/schema';
import { createTenant, getTenant, updateTenant } from '../../modules/tenancy/service';
import { ensureStaffUser, grantMembership } from '../../modules/access/staff';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';
import { idFrom } from '../ids';

/** The unit's first administrator, named by their account at the identity provider. */
const unitAdminInput = z
  .object({
    sub: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(300),
    email: z.email().nullish(),
  })
  .strict();

export const tenantRoutes = [
  route({
    method: 'get',
    path: '/tenants',
    summary: 'Danh sách đơn vị / List units (operator and finance: all; staff: their own)',
    tag: 'tenants',
    list: true,
    response: z.array(tenantOutput),
    access: { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: tenantSortable,
        defaultSort: ['code', 'ASC'],
        filter: tenantFilter,
      });
      return listReply('tenants', await ctx.tx((tx) => listTenants(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/tenants/:id',
    summary: 'Một đơn vị / One unit',
    tag: 'tenants',
    response: tenantOutput,
    access: { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => getTenant(tx, id));
    },
  }),
  route({
    method: 'post',
    path: '/tenants',
    summary: 'Tạo đơn vị / Onboard a unit',
    tag: 'tenants',
    body: createTenantInput,
    response: tenantOutput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx) => createTenant(tx, ctx.body, auditActorOf(ctx.scope!.actor))),
    }),
  }),
  route({
    method: 'patch',
    path: '/tenants/:id',
    summary: 'Sửa, tạm dừng hoặc chấm dứt đơn vị / Rename, suspend or terminate a unit',
    tag: 'tenants',
    body: updateTenantInput,
    response: tenantOutput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => updateTenant(tx, id, ctx.body, auditActorOf(ctx.scope!.actor)));
    },
  }),
  route({
    method: 'post',
    path: '/tenants/:id/admins',
    summary:
      'Cấp quyền quản trị đơn vị cho một cán bộ (khởi tạo đơn vị) / Make a staff member the unit admin',
    tag: 'tenants',
    body: unitAdminInput,
    response: z.object({ userId: z.uuid(), tenantId: z.uuid(), role: z.literal('tenant_admin') }),
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const body = await ctx.tx(async (tx) => {
        const tenant = await getTenant(tx, id);
        const userId = await ensureStaffUser(tx, ctx.body);
        await grantMembership(
          tx,
          { tenantId: tenant.id, userId, role: 'tenant_admin' },
          auditActorOf(ctx.scope!.actor),
        );
        return { userId, tenantId: tenant.id, role: 'tenant_admin' as const };
      });
      return { status: 201, body };
    },
  }),
];
