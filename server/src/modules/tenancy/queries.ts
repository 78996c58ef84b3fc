import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { Tenant } from './schema';
import type { z } from 'zod';
import type { tenantFilter } from './schema';

interface TenantRow {
  id: string;
  code: string;
  name: string;
  kind: Tenant['kind'];
  parent_id: string | null;
  status: Tenant['status'];
  status_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns: Record<string, string> = { createdAt: 'created_at', parentId: 'parent_id' };
const columnOf = (field: string) => columns[field] ?? field;

export function toTenant(r: TenantRow): Tenant {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    status: r.status,
    statusReason: r.status_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findTenant(tx: Tx, id: string): Promise<Tenant | null> {
  const row = (await tx('tenants').where({ id }).first()) as TenantRow | undefined;
  return row ? toTenant(row) : null;
}

export async function findTenantByCode(tx: Tx, code: string): Promise<Tenant | null> {
  const row = (await tx('tenants').where({ code }).first()) as TenantRow | undefined;
  return row ? toTenant(row) : null;
}

export async function listTenants(tx: Tx, params: ListParams<z.infer<typeof tenantFilter>>) {
  const f = params.filter;
  const base = tx('tenants').select('*');
  if (f.kind) base.where({ kind: f.kind });
  if (f.status) base.where({ status: f.status });
  if (f.parentId) base.where({ parent_id: f.parentId });
  if (f.id) base.whereIn('id', f.id);
  if (f.q) {
    // Diacritic-insensitive search arrives with the catalog issue; until then a plain ILIKE on code/name.
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base.where((w) => w.whereILike('name', like).orWhereILike('code', like));
  }
  const page = await fetchPage<TenantRow>(base, params, columnOf);
  return { ...page, rows: page.rows.map(toTenant) };
}

export async function insertTenant(
  tx: Tx,
  t: { code: string; name: string; kind: Tenant['kind']; parentId: string | null },
): Promise<Tenant> {
  const [row] = (await tx('tenants')
    .insert({ code: t.code, name: t.name, kind: t.kind, parent_id: t.parentId })
    .returning('*')) as TenantRow[];
  return toTenant(row!);
}

export async function updateTenantRow(
  tx: Tx,
  id: string,
  patch: { name?: string; status?: Tenant['status']; statusReason?: string | null },
  now: Date,
): Promise<Tenant | null> {
  const values: Record<string, unknown> = { updated_at: now };
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.statusReason !== undefined) values.status_reason = patch.statusReason;
  const [row] = (await tx('tenants').where({ id }).update(values).returning('*')) as TenantRow[];
  return row ? toTenant(row) : null;
}
