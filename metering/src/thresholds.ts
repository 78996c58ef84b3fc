import type { Knex } from 'knex';

type Tx = Knex.Transaction;

/** Percentages of the quota at which the unit's admin and the operator are told, once each per contract year. */
export const QUOTA_THRESHOLDS = [80, 100] as const;
export type QuotaThreshold = (typeof QUOTA_THRESHOLDS)[number];

export interface QuotaAlert {
  tenantId: string;
  contractId: string;
  threshold: QuotaThreshold;
  used: number;
  quota: number;
}

/** Thresholds reached at `used` of `quota`. A zero quota is passed by the first dossier. */
export function thresholdsReached(used: number, quota: number): QuotaThreshold[] {
  if (used <= 0) return [];
  return QUOTA_THRESHOLDS.filter((t) => used * 100 >= t * quota);
}

/**
 * Records the thresholds newly reached and returns them. The key (unit, contract, threshold) makes
 * each alert happen once, also when two transactions cross the line together: the second waits on
 * the first's row and inserts nothing.
 */
export async function detectQuotaAlerts(
  tx: Tx,
  a: { tenantId: string; contractId: string; used: number; quota: number },
  now: Date,
): Promise<QuotaAlert[]> {
  const reached = thresholdsReached(a.used, a.quota);
  if (reached.length === 0) return [];
  const rows = (await tx('quota_alerts')
    .insert(
      reached.map((threshold) => ({
        tenant_id: a.tenantId,
        contract_id: a.contractId,
        threshold,
        used: a.used,
        quota: a.quota,
        sent_at: now,
      })),
    )
    .onConflict(['tenant_id', 'contract_id', 'threshold'])
    .ignore()
    .returning('threshold')) as { threshold: QuotaThreshold }[];
  return rows
    .map((r) => ({
      tenantId: a.tenantId,
      contractId: a.contractId,
      threshold: r.threshold,
      used: a.used,
      quota: a.quota,
    }))
    .sort((x, y) => x.threshold - y.threshold);
}
