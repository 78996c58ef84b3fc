import type { PlatformRole, TenantRole, Tx } from '../../db/transactor';
import type { Actor, Membership } from '../../auth/actor';
import { appendTenantAudit, type AuditActorRef } from '../audit/audit-log';

interface StaffRow {
  id: string;
  oidc_subject: string;
  email: string | null;
  full_name: string;
  status: string;
}

/** Loads a staff member's actor: memberships and platform roles. Needs a system transaction. */
export async function staffActor(tx: Tx, userId: string): Promise<Actor | null> {
  const user = (await tx('staff_users').where({ id: userId }).first()) as StaffRow | undefined;
  if (!user || user.status !== 'active') return null;
  const memberships = (await tx('memberships as m')
    .join('tenants as t', 't.id', 'm.tenant_id')
    .where('m.user_id', userId)
    .whereNot('t.status', 'terminated')
    .orderBy('t.code')
    .select('m.tenant_id', 'm.role', 't.code', 't.name')) as {
    tenant_id: string;
    role: TenantRole;
    code: string;
    name: string;
  }[];
  const byTenant = new Map<string, Membership>();
  for (const m of memberships) {
    const held = byTenant.get(m.tenant_id);
    if (held) held.roles.push(m.role);
    else
      byTenant.set(m.tenant_id, {
        tenantId: m.tenant_id,
        tenantCode: m.code,
        tenantName: m.name,
        roles: [m.role],
      });
  }
  const platform = (await tx('platform_role_grants').where({ user_id: userId }).select('role')) as {
    role: PlatformRole;
  }[];
  return {
    kind: 'staff',
    id: user.id,
    displayName: user.full_name,
    platformRoles: platform.map((p) => p.role),
    memberships: [...byTenant.values()],
  };
}

/**
 * Signs a staff member in by their OIDC subject. Staff are provisioned by the operator or a unit
 * admin first; an unknown subject is refused (null), never created on the fly.
 */
export async function staffSignIn(
  tx: Tx,
  claims: { sub: string; name?: string; email?: string },
): Promise<string | null> {
  const user = (await tx('staff_users').where({ oidc_subject: claims.sub }).first()) as StaffRow | undefined;
  if (!user || user.status !== 'active') return null;
  const patch: Record<string, unknown> = {};
  if (claims.name && claims.name !== user.full_name) patch.full_name = claims.name;
  if (claims.email && claims.email !== user.email) patch.email = claims.email;
  if (Object.keys(patch).length > 0)
    await tx('staff_users')
      .where({ id: user.id })
      .update({ ...patch, updated_at: tx.fn.now() });
  return user.id;
}

/** Citizens are created at first sign-in from the identity provider's claims. System transaction. */
export async function citizenSignIn(
  tx: Tx,
  claims: { sub: string; pid: string; name: string; email?: string | null; phone?: string | null },
): Promise<string> {
  const [row] = (await tx('citizens')
    .insert({
      oidc_subject: claims.sub,
      pid: claims.pid,
      full_name: claims.name,
      email: claims.email ?? null,
      phone: claims.phone ?? null,
    })
    .onConflict('oidc_subject')
    .merge({ full_name: claims.name, email: claims.email ?? null, updated_at: tx.fn.now() })
    .returning('id')) as { id: string }[];
  return row!.id;
}

export async function citizenActor(tx: Tx, citizenId: string): Promise<Actor | null> {
  const c = (await tx('citizens').where({ id: citizenId }).first()) as
    { id: string; pid: string; full_name: string } | undefined;
  if (!c) return null;
  return {
    kind: 'citizen',
    id: c.id,
    displayName: c.full_name,
    platformRoles: [],
    memberships: [],
    citizen: { pid: c.pid },
  };
}

/** Provisions a staff member (seed, onboarding). Idempotent by OIDC subject. */
export async function ensureStaffUser(
  tx: Tx,
  input: { sub: string; name: string; email?: string | null },
): Promise<string> {
  const [row] = (await tx('staff_users')
    .insert({ oidc_subject: input.sub, full_name: input.name, email: input.email ?? null })
    .onConflict('oidc_subject')
    .merge({ full_name: input.name, email: input.email ?? null })
    .returning('id')) as { id: string }[];
  return row!.id;
}

export async function grantMembership(
  tx: Tx,
  input: { tenantId: string; userId: string; role: TenantRole },
  actor: AuditActorRef,
): Promise<void> {
  const inserted = (await tx('memberships')
    .insert({ tenant_id: input.tenantId, user_id: input.userId, role: input.role })
    .onConflict(['tenant_id', 'user_id', 'role'])
    .ignore()
    .returning('user_id')) as unknown[];
  if (inserted.length > 0) {
    await appendTenantAudit(tx, input.tenantId, actor, {
      action: 'membership.granted',
      entityType: 'staff_user',
      entityId: input.userId,
      data: { role: input.role },
    });
  }
}

export async function grantPlatformRole(tx: Tx, userId: string, role: PlatformRole): Promise<void> {
  await tx('platform_role_grants').insert({ user_id: userId, role }).onConflict(['user_id', 'role']).ignore();
}
