import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { auditActorOf } from '../../auth/actor';
import {
  apiKeySortable,
  createTenantApiKey,
  listTenantApiKeys,
  revokeTenantApiKey,
} from '../../modules/access/api-keys';
import { parseListParams } from '../list-params';
import { listReply } from '../dispatch';
import { route, tenantIdOf } from '../route-table';
import { idFrom } from '../ids';

const createKeyInput = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(TENANT_ROLES) })
  .strict();

const keyFilter = z.object({ revoked: z.boolean().optional() }).strict();

export const apiKeyRoutes = [
  route({
    method: 'get',
    path: '/api-keys',
    summary: 'Khóa API của đơn vị / The unit’s API keys',
    tag: 'access',
    list: true,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: apiKeySortable,
        defaultSort: ['createdAt', 'DESC'],
        filter: keyFilter,
      });
      const page = await ctx.tx((tx, grant) => listTenantApiKeys(tx, tenantIdOf(grant), params));
      return listReply('api-keys', page);
    },
  }),
  route({
    method: 'post',
    path: '/api-keys',
    summary: 'Tạo khóa API (hiện một lần) / Create an API key (shown once)',
    tag: 'access',
    body: createKeyInput,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx, grant) =>
        createTenantApiKey(tx, { tenantId: tenantIdOf(grant), ...ctx.body }, auditActorOf(ctx.scope!.actor)),
      ),
    }),
  }),
  route({
    method: 'post',
    path: '/api-keys/:id/revoke',
    summary: 'Thu hồi khóa API / Revoke an API key',
    tag: 'access',
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx, grant) =>
        revokeTenantApiKey(tx, tenantIdOf(grant), id, auditActorOf(ctx.scope!.actor)),
      );
    },
  }),
];
