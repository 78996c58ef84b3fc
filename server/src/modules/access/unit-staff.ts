/**
 * A unit's admin (tenant_admin) keeps the unit's staff and their roles: who works here and what
 * each may do. Roles are rows of `memberships`, read and written in the unit's own transaction
 * (its policy confines them to the unit). A unit always keeps at least one admin.
 */
import { z } from 'zod';
import { TENANT_ROLES, type TenantRole, type Tx } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import { appendTenantAudit, type AuditActorRef } from '../audit/audit-log';

export const unitRoles = z
  .array(z.enum(TENANT_ROLES))
  .max(TENANT_ROLES.length)
  .refine((r) => new Set(r).size === r.length, { error: 'Vai trò lặp lại / a role is repeated' });

export const setRolesInput = z.object({ roles: unitRoles }).strict();

export const addStaffInput = z
  .object({
    /** The person's account (subject) at the province's identity provider. */
    login: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(300),
    email: z.email().nullish(),
    roles: unitRoles.refine((r) => r.length > 0, { error: 'Chọn ít nhất một vai trò / choose a role' }),
  })
  .strict();
export type AddStaffInput = z.infer<typeof addStaffInput>;

export interface UnitStaffMember {
  id: string;
  name: string;
  email: string | null;
  login: string;
  status: string;
  roles: TenantRole[];
}

export const unitStaffOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  login: z.string(),
  status: z.string(),
  roles: z.array(z.enum(TENANT_ROLES)),
});

interface Row {
  id: string;
  full_name: string;
  email: string | null;
  oidc_subject: string;
  status: string;
  role: TenantRole;
}

async function rowsOf(tx: Tx, tenantId: string, userId?: string): Promise<UnitStaffMember[]> {
  const q = tx('memberships as m')
    .join('staff_users as s', 's.id', 'm.user_id')
    .where('m.tenant_id', tenantId)
    .orderBy([{ column: 's.full_name' }, { column: 's.id' }, { column: 'm.role' }])
    .select('s.id', 's.full_name', 's.email', 's.oidc_subject', 's.status', 'm.role');
  if (userId) q.where('m.user_id', userId);
  const byId = new Map<string, UnitStaffMember>();
  for (const r of (await q) as Row[]) {
    const held = byId.get(r.id);
    if (held) held.roles.push(r.role);
    else
      byId.set(r.id, {
        id: r.id,
        name: r.full_name,
        email: r.email,
        login: r.oidc_subject,
        status: r.status,
        roles: [r.role],
      });
  }
  return [...byId.values()];
}

/** The unit's staff with their roles, by name. */
export function listUnitStaff(tx: Tx, tenantId: string): Promise<UnitStaffMember[]> {
  return rowsOf(tx, tenantId);
}

/**
 * Makes `roles` exactly the member's roles in the unit (none = the person leaves the unit).
 * Serialized per unit, so two admins cannot remove each other at once and leave it without one.
 */
export async function setUnitRoles(
  tx: Tx,
  tenantId: string,
  userId: string,
  roles: TenantRole[],
  actor: AuditActorRef,
  opts: { mustBeMember: boolean } = { mustBeMember: true },
): Promise<UnitStaffMember | null> {
  await tx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`unit-staff:${tenantId}`]);
  const held = (
    (await tx('memberships').where({ tenant_id: tenantId, user_id: userId }).select('role')) as {
      role: TenantRole;
    }[]
  ).map((r) => r.role);
  if (opts.mustBeMember && held.length === 0)
    throw notFound({ vi: 'Cán bộ không thuộc đơn vị', en: 'Not a member of this unit' });
  const granted = roles.filter((r) => !held.includes(r));
  const revoked = held.filter((r) => !roles.includes(r));
  if (revoked.length > 0)
    await tx('memberships').where({ tenant_id: tenantId, user_id: userId }).whereIn('role', revoked).delete();
  if (granted.length > 0)
    await tx('memberships').insert(granted.map((role) => ({ tenant_id: tenantId, user_id: userId, role })));
  if (revoked.includes('tenant_admin')) {
    const [{ n }] = (await tx('memberships')
      .where({ tenant_id: tenantId, role: 'tenant_admin' })
      .count('* as n')) as [{ n: string | number }];
    if (Number(n) === 0)
      throw new AppError(
        'conflict',
        { vi: 'Đơn vị phải còn ít nhất một quản trị', en: 'The unit must keep at least one admin' },
        [
          {
            path: 'roles',
            message: 'Không thể bỏ vai trò quản trị của người quản trị cuối cùng',
            message_en: 'The last admin cannot lose the admin role',
          },
        ],
      );
  }
  for (const role of granted)
    await appendTenantAudit(tx, tenantId, actor, {
      action: 'membership.granted',
      entityType: 'staff_user',
      entityId: userId,
      data: { role },
    });
  for (const role of revoked)
    await appendTenantAudit(tx, tenantId, actor, {
      action: 'membership.revoked',
      entityType: 'staff_user',
      entityId: userId,
      data: { role },
    });
  return (await rowsOf(tx, tenantId, userId))[0] ?? null;
}

/**
 * The staff identity for an account at the identity provider, created when new. Runs in a system
 * transaction (identities are province-wide); an existing person's name and e-mail are left as
 * they are — they come from the provider at sign-in, not from a unit.
 */
export async function staffIdForLogin(tx: Tx, input: AddStaffInput): Promise<string> {
  const found = (await tx('staff_users').where({ oidc_subject: input.login }).first('id')) as
    { id: string } | undefined;
  if (found) return found.id;
  const [row] = (await tx('staff_users')
    .insert({ oidc_subject: input.login, full_name: input.name, email: input.email ?? null })
    .onConflict('oidc_subject')
    .merge(['oidc_subject'])
    .returning('id')) as { id: string }[];
  return row!.id;
}
