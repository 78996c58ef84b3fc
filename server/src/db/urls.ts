/** The login role requests run as; it owns nothing and never bypasses RLS (CONTRACT.md). */
export const RUNTIME_ROLE = 'motcua_app';

/**
 * Each transaction takes one context role (SET LOCAL ROLE), and every policy names the roles it
 * applies to. So a unit's transaction is checked by the tenant policies alone — the planner sees a
 * single `tenant_id = $n` equality and keeps the plan it would have without RLS — instead of an OR
 * of every context's policies.
 */
export const CONTEXT_ROLES = {
  tenant: 'motcua_tenant',
  platform: 'motcua_platform',
  citizen: 'motcua_citizen',
  public: 'motcua_public',
} as const;
export type ContextRole = (typeof CONTEXT_ROLES)[keyof typeof CONTEXT_ROLES];

/** Holds the table privileges; the context roles inherit them. Nobody logs in as it. */
export const PRIVILEGE_ROLE = 'motcua_ctx';

/** Every role the runtime can act as: each must own nothing, be no superuser, have no BYPASSRLS. */
export const ALL_RUNTIME_ROLES: readonly string[] = [
  RUNTIME_ROLE,
  PRIVILEGE_ROLE,
  ...Object.values(CONTEXT_ROLES),
];

/**
 * CONTRACT.md: when DATABASE_APP_URL is unset, the server derives it from DATABASE_URL with the
 * runtime role, so setting DATABASE_URL alone works on a local trust-auth server.
 */
export function deriveAppUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = RUNTIME_ROLE;
  url.password = password;
  return url.toString();
}

/** A URL safe to print: the password is replaced. */
export function redactUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}
