import { readFileSync } from 'node:fs';
import { withClient } from '../../lib/database';

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

export interface Sizes {
  /** Heap + TOAST of every table with a tenant_id column. */
  tenantTablesBytes: number;
  tenantIndexesBytes: number;
  /** The indexes the dossier workload writes on every step. */
  indexes: Record<string, number>;
  dossiers: number;
  dossierEvents: number;
}

const WATCHED = [
  'dossiers_pkey',
  'dossiers_id_key',
  'dossiers_code_key',
  'dossiers_tenant_status_idx',
  'dossier_events_pkey',
  'usage_events_pkey',
  'tenant_api_keys_key_id_key',
];

export async function sizes(ownerUrl: string): Promise<Sizes> {
  return withClient(ownerUrl, async (c) => {
    const t = await c.query<{ tables: string; indexes: string }>(
      `select sum(pg_table_size(c.oid))::bigint as tables, sum(pg_indexes_size(c.oid))::bigint as indexes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`,
    );
    const i = await c.query<{ name: string; bytes: string }>(
      `select relname as name, pg_relation_size(oid)::bigint as bytes from pg_class where relname = any($1::text[])`,
      [WATCHED],
    );
    const n = await c.query<{ dossiers: string; events: string }>(
      `select (select count(*) from dossiers) as dossiers, (select count(*) from dossier_events) as events`,
    );
    return {
      tenantTablesBytes: Number(t.rows[0]!.tables),
      tenantIndexesBytes: Number(t.rows[0]!.indexes),
      indexes: Object.fromEntries(i.rows.map((r) => [r.name, Number(r.bytes)])),
      dossiers: Number(n.rows[0]!.dossiers),
      dossierEvents: Number(n.rows[0]!.events),
    };
  });
}

/** Shared-buffer hits and reads of one database so far (pg_stat_database). */
export async function blockCounters(ownerUrl: string): Promise<{ hit: number; read: number }> {
  return withClient(ownerUrl, async (c) => {
    const r = await c.query<{ hit: string; read: string }>(
      'select blks_hit as hit, blks_read as read from pg_stat_database where datname = current_database()',
    );
    return { hit: Number(r.rows[0]!.hit), read: Number(r.rows[0]!.read) };
  });
}

/** CPU seconds of each PostgreSQL backend now connected to the database (the server's pool). */
export async function backendCpu(ownerUrl: string): Promise<Map<number, number>> {
  const pids = await withClient(ownerUrl, async (c) => {
    const r = await c.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return r.rows.map((x) => x.pid);
  });
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      out.set(pid, cpuSeconds(pid));
    } catch {
      // gone between the query and the read
    }
  }
  return out;
}

/**
 * CPU the database spent between two samples: backends present at the end, minus what they had
 * used at the start (0 for backends opened in between). Backends that closed in between are missed,
 * so this is a floor; the pool keeps its connections while busy.
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
