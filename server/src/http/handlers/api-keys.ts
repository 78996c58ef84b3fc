import { z } from 'zod';
import { PLATFORM_ROLES, TENANT_ROLES } from '../../db/transactor';
import { auditActorOf } from '../../auth/actor';
import {
  apiKeySortable,
  createPlatformApiKey,
  createTenantApiKey,
  listEveryUnitsApiKeys,
  listPlatformApiKeys,
  listTenantApiKeys,
  revokePlatformApiKey,
  revokeTenantApiKey,
  unitOfApiKey,
} from '../../modules/access/api-keys';
import { getTenant } from '../../modules/tenancy/service';
import { AppError, notFound } from '../../errors';
import { parseListParams } from '../list-params';
import { listReply } from '../dispatch';
import { route, type Grant } from '../route-table';
import { idFrom } from '../ids';

/**
 * A unit's keys (mct_) are managed by the unit's admin for their own unit, and by the operator for
 * any unit (naming it in `tenantId`); the platform's own keys (mcp_) by the operator alone.
 */
const createKeyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(TENANT_ROLES),
    tenantId: z.uuid().optional(),
  })
  .strict();
const createPlatformKeyInput = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(PLATFORM_ROLES) })
  .strict();

const keyFilter = z.object({ revoked: z.boolean().optional(), tenantId: z.uuid().optional() }).strict();
const platformKeyFilter = z.object({ revoked: z.boolean().optional() }).strict();
const listOptions = { sortable: apiKeySortable, defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'] };

const unitKeysAccess = { platform: ['platform_admin'], tenant: ['tenant_admin'] } as const;

const keyNotFound = () => notFound({ vi: 'Không tìm thấy khóa API', en: 'API key not found' });

/** The unit a unit admin acts for is their own: naming another looks exactly like a missing key. */
function ownUnit(grant: Grant & { kind: 'tenant' }, named: string | undefined): string {
  if (named && named !== grant.tenantId) throw keyNotFound();
  return grant.tenantId;
}

export const apiKeyRoutes = [
  route({
    method: 'get',
    path: '/api-keys',
    summary: 'Khóa API của đơn vị / The unit’s API keys',
    tag: 'access',
    list: true,
    access: unitKeysAccess,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, { ...listOptions, filter: keyFilter });
      const page = await ctx.tx((tx, grant) =>
        grant.kind === 'platform'
          ? listEveryUnitsApiKeys(tx, params)
          : listTenantApiKeys(tx, ownUnit(grant, params.filter.tenantId), params),
      );
      return listReply('api-keys', page);
    },
  }),
  route({
    method: 'post',
    path: '/api-keys',
    summary: 'Tạo khóa API (hiện một lần) / Create an API key (shown once)',
    tag: 'access',
    body: createKeyInput,
    access: unitKeysAccess,
    handler: async (ctx) => {
      const { tenantId: named, ...input } = ctx.body;
      const actor = auditActorOf(ctx.scope!.actor);
      const body = await ctx.tx(async (tx, grant) => {
        let tenantId: string;
        if (grant.kind === 'tenant') tenantId = ownUnit(grant, named);
        else if (named) tenantId = (await getTenant(tx, named)).id;
        else
          throw new AppError(
            'validation_failed',
            { vi: 'Thiếu đơn vị của khóa API', en: 'The key’s unit is missing' },
            [{ path: 'body.tenantId', message: 'Hãy chọn đơn vị', message_en: 'Choose a unit' }],
          );
        return createTenantApiKey(tx, { tenantId, ...input }, actor);
      });
      return { status: 201, body };
    },
  }),
  route({
    method: 'post',
    path: '/api-keys/:id/revoke',
    summary: 'Thu hồi khóa API / Revoke an API key',
    tag: 'access',
    access: unitKeysAccess,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const actor = auditActorOf(ctx.scope!.actor);
      return ctx.tx(async (tx, grant) =>
        revokeTenantApiKey(
          tx,
          grant.kind === 'tenant' ? grant.tenantId : await unitOfApiKey(tx, id),
          id,
          actor,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/platform-api-keys',
    summary: 'Khóa API của nền tảng / The platform’s API keys',
    tag: 'access',
    list: true,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, { ...listOptions, filter: platformKeyFilter });
      return listReply('platform-api-keys', await ctx.tx((tx) => listPlatformApiKeys(tx, params)));
    },
  }),
  route({
    method: 'post',
    path: '/platform-api-keys',
    summary: 'Tạo khóa API của nền tảng (hiện một lần) / Create a platform API key (shown once)',
    tag: 'access',
    body: createPlatformKeyInput,
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx) => createPlatformApiKey(tx, ctx.body, auditActorOf(ctx.scope!.actor))),
    }),
  }),
  route({
    method: 'post',
    path: '/platform-api-keys/:id/revoke',
    summary: 'Thu hồi khóa API của nền tảng / Revoke a platform API key',
    tag: 'access',
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => revokePlatformApiKey(tx, id, auditActorOf(ctx.scope!.actor)));
    },
  }),
];
