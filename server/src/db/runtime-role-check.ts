import type { Transactor } from './transactor';

export class UnsafeRuntimeRoleError extends Error {}

/**
 * The server refuses to start when its runtime role could see past row-level security: a
 * superuser, a BYPASSRLS role, or the owner of any table (owners may disable RLS on their tables).
 */
export async function assertSafeRuntimeRole(transactor: Transactor): Promise<void> {
  const problems = await transactor.withSystem(async (tx) => {
    const found: string[] = [];
    const role = await tx.raw<{ rows: { rolname: string; rolsuper: boolean; rolbypassrls: boolean }[] }>(
      'select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
    );
    const r = role.rows[0];
    if (!r) return ['the runtime role was not found in pg_roles'];
    if (r.rolsuper) found.push(`role ${r.rolname} is a superuser`);
    if (r.rolbypassrls) found.push(`role ${r.rolname} has BYPASSRLS`);
    const owned = await tx.raw<{ rows: { name: string }[] }>(
      `select c.relname as name from pg_class c
        where pg_has_role(current_user, c.relowner, 'USAGE')
          and c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
       union all
       select nspname from pg_namespace where nspname = 'public' and pg_has_role(current_user, nspowner, 'USAGE')
       union all
       select datname from pg_database where datname = current_database() and pg_has_role(current_user, datdba, 'USAGE')
       limit 5`,
    );
    for (const o of owned.rows) found.push(`role ${r.rolname} owns (or inherits ownership of) ${o.name}`);
    return found;
  });
  if (problems.length > 0) {
    throw new UnsafeRuntimeRoleError(
      `Vai trò CSDL khi chạy không an toàn / Unsafe runtime database role: ${problems.join('; ')}. ` +
        'Use a role that owns nothing, is not superuser and has no BYPASSRLS (DATABASE_APP_URL).',
    );
  }
}
