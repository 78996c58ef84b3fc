import { z } from 'zod';
import { auditActorOf } from '../../auth/actor';
import {
  addStaffInput,
  listUnitStaff,
  setRolesInput,
  setUnitRoles,
  staffIdForLogin,
  unitStaffOutput,
} from '../../modules/access/unit-staff';
import { listReply } from '../dispatch';
import { idFrom } from '../ids';
import { route, tenantIdOf } from '../route-table';

const admins = { tenant: ['tenant_admin'] } as const;

/** The unit admin's staff screen: who works in the unit and with which roles. */
export const unitStaffRoutes = [
  route({
    method: 'get',
    path: '/unit-staff',
    summary: 'Cán bộ của đơn vị, vai trò, tài khoản / The unit’s staff with roles and accounts',
    tag: 'tenants',
    list: true,
    response: z.array(unitStaffOutput),
    access: admins,
    handler: async (ctx) => {
      const rows = await ctx.tx((tx, grant) => listUnitStaff(tx, tenantIdOf(grant)));
      return listReply('unit-staff', { rows, total: rows.length, from: 0, to: Math.max(rows.length - 1, 0) });
    },
  }),
  route({
    method: 'post',
    path: '/unit-staff',
    summary:
      'Thêm cán bộ vào đơn vị theo tài khoản định danh, với vai trò / Add a person (by identity-provider account) with roles',
    tag: 'tenants',
    body: addStaffInput,
    response: unitStaffOutput,
    access: admins,
    handler: async (ctx) => {
      const userId = await ctx.transactor.withSystem((tx) => staffIdForLogin(tx, ctx.body));
      const member = await ctx.tx((tx, grant) =>
        setUnitRoles(tx, tenantIdOf(grant), userId, ctx.body.roles, auditActorOf(ctx.scope!.actor), {
          mustBeMember: false,
        }),
      );
      return { status: 201, body: member };
    },
  }),
  route({
    method: 'put',
    path: '/unit-staff/:id/roles',
    summary:
      'Đặt vai trò của cán bộ trong đơn vị (rỗng = rời đơn vị; luôn còn một quản trị) / Set a member’s roles',
    tag: 'tenants',
    body: setRolesInput,
    access: admins,
    handler: async (ctx) => {
      const userId = idFrom(ctx.params);
      const member = await ctx.tx((tx, grant) =>
        setUnitRoles(tx, tenantIdOf(grant), userId, ctx.body.roles, auditActorOf(ctx.scope!.actor)),
      );
      return member ?? { id: userId, roles: [] };
    },
  }),
];
