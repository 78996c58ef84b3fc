/**
 * Sign-in is the OIDC flow of the server (/auth/staff/login → provider → callback): no password
 * form here. The session is the server's cookie; /api/v1/me says who is signed in, their units
 * and roles, and hands over the CSRF token.
 */
import type { AuthProvider } from 'react-admin';
import { apiFetch, chooseTenant, chosenTenant, rememberCsrf, type Me } from './api';

let cached: Me | null = null;

export async function loadMe(force = false): Promise<Me | null> {
  if (cached && !force) return cached;
  try {
    const { json } = await apiFetch<Me>('/me');
    cached = json;
    rememberCsrf(json.csrfToken);
    const chosen = chosenTenant();
    if (!chosen || !json.memberships.some((m) => m.tenantId === chosen))
      chooseTenant(json.memberships[0]?.tenantId ?? null);
    return json;
  } catch {
    cached = null;
    return null;
  }
}

/** What the menu and screens follow: platform roles, plus the roles in the chosen unit. */
export interface Permissions {
  platformRoles: string[];
  tenantId: string | null;
  roles: string[];
}

export function permissionsOf(me: Me): Permissions {
  const tenantId = chosenTenant();
  const m = me.memberships.find((x) => x.tenantId === tenantId);
  return { platformRoles: me.platformRoles, tenantId: m?.tenantId ?? null, roles: m?.roles ?? [] };
}

export const authProvider: AuthProvider = {
  async login() {
    window.location.assign(`/auth/staff/login?returnTo=${encodeURIComponent('/admin/')}`);
  },
  async logout() {
    const me = cached;
    cached = null;
    if (!me) return '/admin/login';
    const { json } = await apiFetch<{ redirectTo: string }>('/auth/logout', { method: 'POST' });
    window.location.assign(json.redirectTo);
    return false;
  },
  async checkAuth() {
    const me = await loadMe();
    if (!me || me.kind !== 'staff') throw new Error('not signed in');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      cached = null;
      throw new Error('signed out');
    }
  },
  async getIdentity() {
    const me = await loadMe();
    if (!me) throw new Error('not signed in');
    return { id: me.id, fullName: me.name };
  },
  async getPermissions() {
    const me = await loadMe();
    return me ? permissionsOf(me) : null;
  },
};
