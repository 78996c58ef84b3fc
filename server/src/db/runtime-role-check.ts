import type { Database } from './database';
import { CONTEXT_ROLES, PRIVILEGE_ROLE } from './urls';

export class UnsafeRuntimeRoleError extends Error {}

/**
 * The server refuses to start when a role it runs as could see past row-level security: a
 * superuser, a BYPASSRLS role, or a role that owns (or may become the owner of) a table, the schema
 * or the database — owners may switch RLS off. Checked for every context role, and for the login
 * role itself unless it is PGlite's single built-in user (embedded mode), which only ever acts
 * through the context roles.
 */
export async function assertSafeRuntimeRole(db: Pick<Database, 'app' | 'embedded'>): Promise<void> {
  const roles = [...Object.values(CONTEXT_ROLES), PRIVILEGE_ROLE];
  // Only pg_catalog is read, so no context role is taken: a login role that may not take them
  // (a wrongly configured DATABASE_APP_URL) is still reported as what it is.
  const problems = await db.app.transaction(async (tx) => {
    const found: string[] = [];
    const login = db.embedded
      ? []
      : [(await tx.raw<{ rows: { u: string }[] }>('select session_user as u')).rows[0]!.u];
    for (const name of [...login, ...roles]) {
      const role = await tx.raw<{ rows: { rolsuper: boolean; rolbypassrls: boolean }[] }>(
        'select rolsuper, rolbypassrls from pg_roles where rolname = ?',
        [name],
      );
      const r = role.rows[0];
      if (!r) {
        found.push(`role ${name} does not exist (run the migrations)`);
        continue;
      }
      if (r.rolsuper) found.push(`role ${name} is a superuser`);
      if (r.rolbypassrls) found.push(`role ${name} has BYPASSRLS`);
      const owned = await tx.raw<{ rows: { name: string }[] }>(
        `select c.relname as name from pg_class c
          where pg_has_role(?, c.relowner, 'MEMBER')
            and c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
         union all
         select nspname from pg_namespace where nspname = 'public' and pg_has_role(?, nspowner, 'MEMBER')
         union all
         select datname from pg_database where datname = current_database() and pg_has_role(?, datdba, 'MEMBER')
         limit 5`,
        [name, name, name],
      );
      for (const o of owned.rows) found.push(`role ${name} owns (or may become the owner of) ${o.name}`);
    }
    return found;
  });
  if (problems.length > 0) {
    throw new UnsafeRuntimeRoleError(
      `Vai trò CSDL khi chạy không an toàn / Unsafe runtime database role: ${problems.join('; ')}. ` +
        'Use a role that owns nothing, is not superuser and has no BYPASSRLS (DATABASE_APP_URL).',
    );
  }
}
