import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';

export interface AuditRow {
  tenant_id: string;
  seq: number;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export const auditFilter = z
  .object({
    action: z.string().max(100).optional(),
    entityType: z.string().max(100).optional(),
    entityId: z.string().max(100).optional(),
    tenantId: z.uuid().optional(),
  })
  .strict();
export const auditSortable = ['seq', 'occurredAt', 'action'] as const;
const columns: Record<string, string> = { occurredAt: 'occurred_at' };

const toEntry = (r: AuditRow) => ({
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
});

/**
 * A page of audit entries. `ownTenantId` is the unit a tenant-scoped caller acts for (null for
 * operator/finance): its filter is explicit, RLS is the backstop under it, never the only line.
 */
export async function listAuditEntries(
  tx: Tx,
  ownTenantId: string | null,
  params: ListParams<z.infer<typeof auditFilter>>,
) {
  const f = params.filter;
  const q = tx('audit_log').select('*');
  if (ownTenantId) q.where({ tenant_id: ownTenantId });
  if (f.action) q.where({ action: f.action });
  if (f.entityType) q.where({ entity_type: f.entityType });
  if (f.entityId) q.where({ entity_id: f.entityId });
  if (f.tenantId) q.where({ tenant_id: f.tenantId });
  const page = await fetchPage<AuditRow>(q, params, (field) => columns[field] ?? field);
  return { ...page, rows: page.rows.map(toEntry) };
}
