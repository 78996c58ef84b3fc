/** The runtime role the migrations create; it owns nothing and never bypasses RLS. */
export const RUNTIME_ROLE = 'motcua_app';

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
