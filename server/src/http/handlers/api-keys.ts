import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { auditActorOf } from '../../auth/actor';
import { createTenantApiKey, revokeTenantApiKey, toKeySummary } from '../../modules/access/api-keys';
import { fetchPage, parseListParams } from '../list-params';
import { listReply } from '../dispatch';
import { route } from '../route-table';
import { idFrom } from './tenants';

const createKeyInput = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(TENANT_ROLES) })
  .strict();

const keyFilter = z.object({ revoked: z.boolean().optional() }).strict();
const columns: Record<string, string> = { createdAt: 'created_at', lastUsedAt: 'last_used_at' };

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
        sortable: ['name', 'role', 'createdAt'],
        defaultSort: ['createdAt', 'DESC'],
        filter: keyFilter,
      });
      const page = await ctx.tx((tx, grant) => {
        const q = tx('tenant_api_keys').select('*');
        // A unit's own filter is explicit; RLS is the backstop under it, never the only line.
        if (grant.kind === 'tenant') q.where({ tenant_id: grant.tenantId });
        if (params.filter.revoked !== undefined)
          q.where((w) => (params.filter.revoked ? w.whereNotNull('revoked_at') : w.whereNull('revoked_at')));
        return fetchPage<Parameters<typeof toKeySummary>[0]>(q, params, (f) => columns[f] ?? f);
      });
      return listReply('api-keys', { ...page, rows: page.rows.map(toKeySummary) });
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
        createTenantApiKey(
          tx,
          { tenantId: grant.kind === 'tenant' ? grant.tenantId : '', ...ctx.body },
          auditActorOf(ctx.scope!.actor),
        ),
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
        revokeTenantApiKey(
          tx,
          grant.kind === 'tenant' ? grant.tenantId : '',
          id,
          auditActorOf(ctx.scope!.actor),
        ),
      );
    },
  }),
];
