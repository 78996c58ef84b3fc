import type { Knex } from 'knex';
import { ALL_RUNTIME_ROLES, CONTEXT_ROLES } from '../../src/db/urls';

/**
 * The schema's tenancy invariants, read from pg_catalog. Each finding is one sentence naming the
 * table, so a failing test says what to fix. Run as the owner (it reads every table's catalog rows).
 */

/** Tables outside row-level security, each with the reason it was allowed. Reviewed; keep short. */
export const RLS_EXEMPT: Record<string, string> = {
  knex_migrations: 'migration bookkeeping; the runtime role has no privilege on it',
  knex_migrations_lock: 'migration bookkeeping; the runtime role has no privilege on it',
  http_sessions:
    'connect-pg-simple sessions: rows hold only ids and are found by an unguessable session id; no unit data',
};

/** Tables with a tenant_id that may belong to no unit, each with the reason. */
export const TENANT_KEY_EXEMPT: Record<string, string> = {
  outbox: 'a job may be platform-wide (an invoice run): tenant_id is nullable and the key is the job id',
  job_runs: 'records runs of platform-wide jobs too: tenant_id is nullable and only platform roles read it',
  merchant_accounts:
    "the platform's own gateway terminal (units pay invoices into it) belongs to no unit: tenant_id is nullable",
};

/** Tables the runtime role may only read and append to. */
export const APPEND_ONLY = ['audit_log', 'platform_audit_log', 'dossier_events', 'payment_events'];

interface TableRow {
  name: string;
  rls: boolean;
  forced: boolean;
  policies: number;
  tenant_attnum: number | null;
  tenant_not_null: boolean | null;
  pk_first: string | null;
}

interface ForeignKeyRow {
  name: string;
  table: string;
  target: string;
  pairs: string[];
}

interface PolicyRow {
  table: string;
  policy: string;
  cmd: string;
  roles: string[];
  qual: string | null;
  check: string | null;
  qual_tree: string | null;
  check_tree: string | null;
}

async function rows<T>(db: Knex, sql: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
  const r = await db.raw<{ rows: T[] }>(sql, bindings);
  return r.rows;
}

function tables(db: Knex): Promise<TableRow[]> {
  return rows<TableRow>(
    db,
    `select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            (select count(*) from pg_policy p where p.polrelid = c.oid)::int as policies,
            a.attnum as tenant_attnum, a.attnotnull as tenant_not_null,
            (select pa.attname from pg_constraint k join pg_attribute pa on pa.attrelid = k.conrelid and pa.attnum = k.conkey[1]
              where k.conrelid = c.oid and k.contype = 'p') as pk_first
       from pg_class c
       left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      order by c.relname`,
  );
}

function foreignKeys(db: Knex): Promise<ForeignKeyRow[]> {
  return rows<ForeignKeyRow>(
    db,
    `select k.conname as name, k.conrelid::regclass::text as table, k.confrelid::regclass::text as target,
            array(select src.attname || '=' || dst.attname
                    from unnest(k.conkey, k.confkey) as u(s, d)
                    join pg_attribute src on src.attrelid = k.conrelid and src.attnum = u.s
                    join pg_attribute dst on dst.attrelid = k.confrelid and dst.attnum = u.d) as pairs
       from pg_constraint k
      where k.contype = 'f' and k.connamespace = 'public'::regnamespace`,
  );
}

function policies(db: Knex): Promise<PolicyRow[]> {
  return rows<PolicyRow>(
    db,
    `select c.relname as table, p.polname as policy, p.polcmd as cmd,
            array(select case when r = 0 then 'public' else r::regrole::text end from unnest(p.polroles) r) as roles,
            pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as check,
            p.polqual::text as qual_tree, p.polwithcheck::text as check_tree
       from pg_policy p join pg_class c on c.oid = p.polrelid
      where c.relnamespace = 'public'::regnamespace`,
  );
}

const SETTING = "current_setting('app.tenant_id'";
const SETTING_IN_SUBSELECT = /\(\s*SELECT\s+\(?(?:NULLIF\()?current_setting\('app\.tenant_id'/g;

/**
 * Operator functions comparing the row's own tenant_id (a top-level Var of the policy's table).
 * Read from the stored node tree, not the SQL text, so the check sees what the planner sees.
 */
function tenantComparisonFunctions(tree: string, attnum: number): number[] {
  const re = new RegExp(
    String.raw`\{(?:OPEXPR|SCALARARRAYOPEXPR) :opno \d+ :opfuncid (\d+)[^{}]*:args \(\{VAR :varno 1 :varattno ${attnum} [^}]*:varlevelsup 0 `,
    'g',
  );
  return [...tree.matchAll(re)].map((m) => Number(m[1]));
}

async function policyFindings(db: Knex, tenantOwned: Map<string, number>): Promise<string[]> {
  const found: string[] = [];
  const leakproof = new Map(
    (
      await rows<{ oid: string; leakproof: boolean; name: string }>(
        db,
        'select oid::int8 as oid, proleakproof as leakproof, proname as name from pg_proc where oid in (select oprcode from pg_operator)',
      )
    ).map((r) => [Number(r.oid), r] as const),
  );
  const byTable = new Map<string, PolicyRow[]>();
  for (const p of await policies(db)) {
    byTable.set(p.table, [...(byTable.get(p.table) ?? []), p]);
    // A policy without TO applies to every context and is ORed into each one's queries; only a
    // plain "readable by all" rule on reference data may do that.
    if (p.roles.includes('public') && !(p.cmd === 'r' && p.qual === 'true'))
      found.push(`${p.table}: policy ${p.policy} names no role (TO …), so it is ORed into every context`);
  }
  for (const [table, attnum] of tenantOwned) {
    if (table in TENANT_KEY_EXEMPT) continue;
    let scoped = false;
    for (const p of byTable.get(table) ?? []) {
      for (const [text, tree] of [
        [p.qual, p.qual_tree],
        [p.check, p.check_tree],
      ] as const) {
        if (!text || !tree) continue;
        const uses = text.split(SETTING).length - 1;
        const inSubselect = [...text.matchAll(SETTING_IN_SUBSELECT)].length;
        if (uses > inSubselect)
          found.push(
            `${table}: policy ${p.policy} reads app.tenant_id outside a scalar sub-select (evaluated per row): ${text}`,
          );
        if (/\(tenant_id\)::/.test(text))
          found.push(
            `${table}: policy ${p.policy} casts tenant_id, so its index and leakproof uuid equality are lost: ${text}`,
          );
        const fns = tenantComparisonFunctions(tree, attnum);
        for (const fn of fns) {
          const proc = leakproof.get(fn);
          if (!proc?.leakproof)
            found.push(
              `${table}: policy ${p.policy} compares tenant_id with non-leakproof ${proc?.name ?? `function ${fn}`}`,
            );
        }
        if (uses > 0 && fns.length > 0) scoped = true;
      }
      // A unit's transaction must be checked by the tenant equality alone, or the planner sees an
      // OR and loses the plan it would have without RLS (measured by bench rls-overhead).
      const comparesTenant = [p.qual_tree, p.check_tree].some(
        (tree, i) =>
          tree &&
          tenantComparisonFunctions(tree, attnum).length > 0 &&
          [p.qual, p.check][i]?.includes(SETTING),
      );
      if (p.roles.includes(CONTEXT_ROLES.tenant) && !comparesTenant)
        found.push(
          `${table}: policy ${p.policy} applies to ${CONTEXT_ROLES.tenant} without the tenant_id equality`,
        );
    }
    if (!scoped) found.push(`${table}: no policy compares tenant_id with app.tenant_id`);
  }
  return found;
}

async function runtimeRoleFindings(db: Knex): Promise<string[]> {
  const found: string[] = [];
  for (const name of ALL_RUNTIME_ROLES) {
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      db,
      'select rolsuper, rolbypassrls from pg_roles where rolname = ?',
      [name],
    );
    if (!role) {
      found.push(`role ${name} does not exist`);
      continue;
    }
    if (role.rolsuper) found.push(`role ${name} is a superuser`);
    if (role.rolbypassrls) found.push(`role ${name} has BYPASSRLS`);
    // pg_shdepend records every owned object: of this database, and shared ones (databases, tablespaces).
    const owned = await rows<{ object: string }>(
      db,
      `select pg_describe_object(classid, objid, objsubid) as object from pg_shdepend
        where refclassid = 'pg_authid'::regclass and refobjid = ?::regrole and deptype = 'o'
          and dbid in (0, (select oid from pg_database where datname = current_database()))`,
      [name],
    );
    for (const o of owned) found.push(`role ${name} owns ${o.object}`);
    for (const table of APPEND_ONLY)
      for (const privilege of ['UPDATE', 'DELETE', 'TRUNCATE']) {
        const [p] = await rows<{ has: boolean }>(db, 'select has_table_privilege(?, ?, ?) as has', [
          name,
          table,
          privilege,
        ]);
        if (p?.has) found.push(`role ${name} has ${privilege} on append-only ${table}`);
      }
  }
  return found;
}

/** Every broken rule in the current schema; empty when the schema is sound. */
export async function findSchemaRuleViolations(db: Knex): Promise<string[]> {
  const found: string[] = [];
  const all = await tables(db);
  const tenantOwned = new Map(
    all.filter((t) => t.tenant_attnum !== null).map((t) => [t.name, t.tenant_attnum!] as const),
  );
  for (const t of all) {
    if (!(t.name in RLS_EXEMPT)) {
      if (!t.rls) found.push(`${t.name}: row-level security is not enabled`);
      if (!t.forced) found.push(`${t.name}: row-level security is not forced (the owner would bypass it)`);
      if (t.policies === 0) found.push(`${t.name}: has no policy`);
    }
    if (t.tenant_attnum === null || t.name in TENANT_KEY_EXEMPT) continue;
    if (!t.tenant_not_null) found.push(`${t.name}: tenant_id is nullable`);
    if (t.pk_first !== 'tenant_id')
      found.push(
        `${t.name}: the primary key does not lead with tenant_id (leads with ${t.pk_first ?? 'nothing'})`,
      );
  }
  for (const fk of await foreignKeys(db)) {
    if (!tenantOwned.has(fk.table) || !tenantOwned.has(fk.target) || fk.table in TENANT_KEY_EXEMPT) continue;
    if (!fk.pairs.includes('tenant_id=tenant_id'))
      found.push(
        `${fk.table}: foreign key ${fk.name} to ${fk.target} does not include tenant_id (${fk.pairs.join(', ')})`,
      );
  }
  found.push(...(await policyFindings(db, tenantOwned)));
  found.push(...(await runtimeRoleFindings(db)));
  return found;
}
