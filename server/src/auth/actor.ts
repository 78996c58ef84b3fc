import type { PlatformRole, TenantRole } from '../db/transactor';

export type Role = TenantRole | PlatformRole;

export interface Membership {
  tenantId: string;
  /** The unit's code and name, for the console's unit picker (staff sign-ins carry them). */
  tenantCode?: string;
  tenantName?: string;
  roles: TenantRole[];
}

/** Who is calling, however they signed in. Resolved once per request by auth/. */
export interface Actor {
  kind: 'staff' | 'api_key' | 'citizen' | 'system';
  /** Staff user id, API key id, citizen id, or a fixed name for system actors ('cli'). */
  id: string;
  displayName: string;
  platformRoles: PlatformRole[];
  memberships: Membership[];
  citizen?: { pid: string };
}

/** The actor plus the unit the request acts for (a staff member may belong to several). */
export interface RequestScope {
  actor: Actor;
  tenantId: string | null;
  roles: TenantRole[];
}

export function auditActorOf(actor: Actor): { kind: string; id: string } {
  return { kind: actor.kind, id: actor.id };
}

export const cliActor: Actor = {
  kind: 'system',
  id: 'cli',
  displayName: 'motcua CLI',
  platformRoles: ['platform_admin'],
  memberships: [],
};
