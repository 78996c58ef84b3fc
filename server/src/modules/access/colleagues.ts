import type { TenantRole, Tx } from '../../db/transactor';

export interface Colleague {
  id: string;
  name: string;
  roles: TenantRole[];
}

/**
 * The unit's active staff with their roles, for assigning a dossier and naming the actors of its
 * timeline. Read in the unit's transaction: the colleagues policy shows only this unit's people.
 */
export async function listColleagues(tx: Tx, tenantId: string): Promise<Colleague[]> {
  const rows = (await tx('memberships as m')
    .join('staff_users as s', 's.id', 'm.user_id')
    .where({ 'm.tenant_id': tenantId, 's.status': 'active' })
    .orderBy('s.full_name')
    .select('s.id', 's.full_name', 'm.role')) as { id: string; full_name: string; role: TenantRole }[];
  const byId = new Map<string, Colleague>();
  for (const r of rows) {
    const held = byId.get(r.id);
    if (held) held.roles.push(r.role);
    else byId.set(r.id, { id: r.id, name: r.full_name, roles: [r.role] });
  }
  return [...byId.values()];
}
