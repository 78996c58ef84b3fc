import type { Transactor, Tx } from '../../src/db/transactor';

/** Tables of schema public with a tenant_id column, read from the catalog so new tables are covered. */
export async function tenantOwnedTables(tx: Tx): Promise<string[]> {
  const { rows } = await tx.raw<{ rows: { name: string }[] }>(
    `select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and a.attname = 'tenant_id' and not a.attisdropped
        and has_table_privilege(c.oid, 'SELECT')
      order by 1`,
  );
  return rows.map((r) => r.name);
}

export type Snapshot = Record<string, string[]>;

/**
 * Every row one unit owns — its tenants row, the rows of every tenant-owned table and its staff —
 * as sorted JSON lines, read in a system transaction. Two equal snapshots mean nothing changed.
 */
export function snapshotUnit(transactor: Transactor, tenantId: string): Promise<Snapshot> {
  return transactor.withSystem(async (tx) => {
    const out: Snapshot = {};
    const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    out.tenants = lines(await tx('tenants').where({ id: tenantId }));
    for (const table of await tenantOwnedTables(tx))
      out[table] = lines(await tx(table).where({ tenant_id: tenantId }));
    out.staff_users = lines(
      await tx('staff_users').whereIn(
        'id',
        tx('memberships').where({ tenant_id: tenantId }).select('user_id'),
      ),
    );
    return out;
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every id that appears in a unit's snapshot: what must never show up in another unit's answers. */
export function idsIn(snapshot: Snapshot): string[] {
  const ids = new Set<string>();
  for (const lines of Object.values(snapshot))
    for (const line of lines) for (const m of line.matchAll(UUID)) ids.add(m[0].toLowerCase());
  return [...ids];
}
