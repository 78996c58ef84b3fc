import { z } from 'zod';
import { fetchPage, parseListParams } from '../list-params';
import { listReply } from '../dispatch';
import { route } from '../route-table';

const auditFilter = z
  .object({
    action: z.string().max(100).optional(),
    entityType: z.string().max(100).optional(),
    entityId: z.string().max(100).optional(),
    tenantId: z.uuid().optional(),
  })
  .strict();
const columns: Record<string, string> = { occurredAt: 'occurred_at' };

interface AuditRow {
  tenant_id: string;
  seq: number;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
  hash: string;
}

export const auditRoutes = [
  route({
    method: 'get',
    path: '/audit-log',
    summary: 'Nhật ký kiểm toán (chỉ đọc, chuỗi băm) / Audit log (read-only, hash-chained)',
    tag: 'audit',
    list: true,
    access: { platform: ['platform_admin', 'finance'], tenant: ['tenant_admin', 'leader'] },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: ['seq', 'occurredAt', 'action'],
        defaultSort: ['seq', 'DESC'],
        filter: auditFilter,
      });
      const f = params.filter;
      const page = await ctx.tx((tx, grant) => {
        const q = tx('audit_log').select('*');
        // A unit's own filter is explicit; RLS is the backstop under it, never the only line.
        if (grant.kind === 'tenant') q.where({ tenant_id: grant.tenantId });
        if (f.action) q.where({ action: f.action });
        if (f.entityType) q.where({ entity_type: f.entityType });
        if (f.entityId) q.where({ entity_id: f.entityId });
        if (f.tenantId) q.where({ tenant_id: f.tenantId });
        return fetchPage<AuditRow>(q, params, (field) => columns[field] ?? field);
      });
      return listReply('audit-log', {
        ...page,
        rows: page.rows.map((r) => ({
          id: `${r.tenant_id}:${r.seq}`,
          tenantId: r.tenant_id,
          seq: r.seq,
          occurredAt: r.occurred_at.toISOString(),
          actorKind: r.actor_kind,
          actorId: r.actor_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          data: r.data,
          hash: r.hash,
        })),
      });
    },
  }),
];
