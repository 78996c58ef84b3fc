import { createHash, randomBytes } from 'node:crypto';
import { withClient } from '../../lib/database';

export interface SeededUnit {
  tenantId: string;
  key: string;
}

/**
 * N units, each with one contract year that ended `endedDaysAgo` days ago (so the year-end run may
 * bill it, and events dated inside it are not in the future) and one desk-officer API key.
 * Bulk-loaded as the owner: the benchmark measures ingestion and the invoice run, not onboarding.
 */
export async function seedUnits(
  ownerUrl: string,
  n: number,
  plan: { annualFee: number; includedDossiers: number; unitPrice: number },
  startDate: string,
  endDate: string,
): Promise<SeededUnit[]> {
  const keys = Array.from({ length: n }, () => {
    const keyId = randomBytes(12).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    return { keyId, hash: createHash('sha256').update(secret).digest('hex'), key: `mct_${keyId}.${secret}` };
  });
  return withClient(ownerUrl, async (c) => {
    const v = await c.query<{ id: string }>(
      `with p as (insert into plans (code, name) values ('BENCH', 'Gói benchmark') returning id)
       insert into plan_versions (plan_id, version, name, annual_fee, included_dossiers, overage, effective_from)
       select id, 1, 'Gói benchmark', $1, $2, $3::jsonb, '2000-01-01' from p returning id`,
      [plan.annualFee, plan.includedDossiers, JSON.stringify({ model: 'flat', unitPrice: plan.unitPrice })],
    );
    const versionId = v.rows[0]!.id;
    const t = await c.query<{ id: string; i: number }>(
      `insert into tenants (code, name, kind)
       select 'B' || lpad(g::text, 6, '0') || '.H99', 'Đơn vị benchmark ' || g, 'commune' from generate_series(1, $1) g
       returning id, substring(code from 2 for 6)::int as i`,
      [n],
    );
    const ids = t.rows.sort((a, b) => a.i - b.i).map((r) => r.id);
    await c.query(
      `insert into contracts (tenant_id, plan_version_id, start_date, end_date, created_by)
       select unnest($1::uuid[]), $2, $3, $4, 'bench'`,
      [ids, versionId, startDate, endDate],
    );
    await c.query(
      `insert into tenant_api_keys (tenant_id, key_id, secret_hash, role, name)
       select unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), 'desk_officer', 'bench'`,
      [ids, keys.map((k) => k.keyId), keys.map((k) => k.hash)],
    );
    await c.query('analyze');
    return ids.map((tenantId, i) => ({ tenantId, key: keys[i]!.key }));
  });
}
