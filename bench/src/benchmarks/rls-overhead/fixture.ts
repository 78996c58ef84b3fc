import { randomBytes } from 'node:crypto';
import type { Transactor } from '../../../../server/src/db/transactor';
import { PRIVILEGE_ROLE } from '../../../../server/src/db/urls';
import { createTenant } from '../../../../server/src/modules/tenancy/service';
import { createTenantApiKey } from '../../../../server/src/modules/access/api-keys';
import { urlAs, withClient } from '../../lib/database';

/** The baseline's role: the runtime role's privileges, plus BYPASSRLS. Exists only while the bench runs. */
export const BYPASS_ROLE = 'motcua_bench_bypass';

const actor = { kind: 'system', id: 'bench' };
export const AUDIT_ACTIONS = [
  'dossier.received',
  'dossier.assigned',
  'dossier.approved',
  'dossier.result_issued',
  'dossier.returned',
];

export interface BenchUnit {
  tenantId: string;
  code: string;
  /** A tenant_admin API key: it may read the audit log and create keys. */
  key: string;
}

/**
 * Creates the baseline role and returns its URL on the bench database. Membership in the runtime
 * role gives it exactly the runtime role's table privileges, so the two variants differ only in RLS.
 */
export async function createBypassRole(ownerUrl: string): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  await withClient(ownerUrl, async (c) => {
    await c.query(`do $$ begin
      if not exists (select from pg_roles where rolname = '${BYPASS_ROLE}') then
        create role ${BYPASS_ROLE} login bypassrls nosuperuser nocreatedb nocreaterole inherit;
      end if;
    end $$`);
    await c.query(
      `alter role ${BYPASS_ROLE} with login bypassrls nosuperuser inherit password '${password}'`,
    );
    await c.query(`grant ${PRIVILEGE_ROLE} to ${BYPASS_ROLE}`);
  });
  return urlAs(ownerUrl, BYPASS_ROLE, password);
}

/** Roles are cluster-wide, so the baseline role is dropped once its database is gone. */
export async function dropBypassRole(adminUrl: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`drop role if exists ${BYPASS_ROLE}`));
}

/** Onboards the units through the tenancy service, each with a tenant_admin key. */
export async function createUnits(transactor: Transactor, count: number): Promise<BenchUnit[]> {
  const units: BenchUnit[] = [];
  for (let i = 1; i <= count; i++) {
    const code = `BENCH.${String(i).padStart(4, '0')}`;
    const tenant = await transactor.withSystem((tx) =>
      createTenant(tx, { code, name: `Đơn vị thử tải ${i} / Benchmark unit ${i}`, kind: 'commune' }, actor),
    );
    const issued = await transactor.withTenant({ tenantId: tenant.id, actorId: null }, (tx) =>
      createTenantApiKey(tx, { tenantId: tenant.id, role: 'tenant_admin', name: 'Khóa thử tải' }, actor),
    );
    units.push({ tenantId: tenant.id, code, key: issued.key });
  }
  return units;
}

/**
 * Fills every bench unit's audit log up to `perUnit` entries with one INSERT … SELECT as the owner.
 * Rows are interleaved by seq across units, as a log that all units append to over time is on disk.
 * The hashes are well-formed but not a verifiable chain: the bench never verifies it.
 */
export async function fillAuditLogs(
  ownerUrl: string,
  perUnit: number,
): Promise<{ rows: number; tableMiB: number }> {
  return withClient(ownerUrl, async (c) => {
    await c.query('begin');
    // A non-superuser owner is under the forced policies too; `system` may append.
    await c.query(`select set_config('app.platform_role', 'system', true)`);
    await c.query(
      `insert into audit_log (tenant_id, seq, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
       select t.id, s.seq, now() - make_interval(secs => ($1::int - s.seq) * 60), 'staff', 'bench',
              ($2::text[])[1 + s.seq % cardinality($2::text[])], 'dossier', t.code || '-' || s.seq,
              jsonb_build_object('step', s.seq % 7, 'note', 'thử tải'),
              encode(sha256(convert_to(t.id::text || ':' || (s.seq - 1), 'UTF8')), 'hex'),
              encode(sha256(convert_to(t.id::text || ':' || s.seq, 'UTF8')), 'hex')
         from generate_series(1, $1::int) as s(seq)
         cross join (select u.id, u.code, (select coalesce(max(a.seq), 0) from audit_log a where a.tenant_id = u.id) as last
                       from tenants u where u.code like 'BENCH.%') t
        where s.seq > t.last
        order by s.seq, t.code`,
      [perUnit, AUDIT_ACTIONS],
    );
    await c.query('commit');
    await c.query('vacuum analyze audit_log');
    await c.query('analyze');
    const { rows } = await c.query<{ n: string; bytes: string }>(
      `select count(*) as n, pg_total_relation_size('audit_log') as bytes from audit_log`,
    );
    return { rows: Number(rows[0]!.n), tableMiB: Math.round(Number(rows[0]!.bytes) / 2 ** 20) };
  });
}
