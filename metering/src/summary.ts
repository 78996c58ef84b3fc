import type { Knex } from 'knex';
import { inclusiveDays, localDate, mulDivRoundHalfUp, type Contract } from '../../billing/src/index';

type Tx = Knex.Transaction;

export interface UsageSummary {
  tenantId: string;
  contractId: string;
  startDate: string;
  lastDay: string;
  status: Contract['status'];
  used: number;
  /** The contract's quota, prorated to its days, after an approved override. */
  quota: number;
  remaining: number;
  overQuota: number;
  /** used ÷ quota in percent, one decimal; null for a zero quota. */
  percent: number | null;
  /** Dossiers expected by the last day at the pace so far (linear). */
  forecast: number;
  elapsedDays: number;
  totalDays: number;
  /** Recorded after the period was invoiced, pending the next adjustment. */
  closedPeriodQuantity: number;
}

/**
 * Pure: the figures from a used count. Forecast is linear — used ÷ elapsed days × total days —
 * rounded half up; before the first day nothing has elapsed and the forecast is what is used.
 */
export function summarize(
  contract: Contract,
  used: number,
  closedPeriodQuantity: number,
  now: Date,
): UsageSummary {
  const today = localDate(now);
  const totalDays = contract.activeDays;
  const until = today < contract.lastDay ? today : contract.lastDay;
  const elapsedDays = Math.min(totalDays, inclusiveDays(contract.startDate, until));
  const quota = contract.quota;
  return {
    tenantId: contract.tenantId,
    contractId: contract.id,
    startDate: contract.startDate,
    lastDay: contract.lastDay,
    status: contract.status,
    used,
    quota,
    remaining: Math.max(0, quota - used),
    overQuota: Math.max(0, used - quota),
    percent: quota > 0 ? Math.round((used * 1000) / quota) / 10 : null,
    forecast: elapsedDays > 0 ? mulDivRoundHalfUp(used, totalDays, elapsedDays) : used,
    elapsedDays,
    totalDays,
    closedPeriodQuantity,
  };
}

/** One read of the contract's counter: O(1) whatever the number of events. */
export async function usageSummary(
  tx: Tx,
  tenantId: string,
  contract: Contract,
  now: Date,
): Promise<UsageSummary> {
  const row = (await tx('usage_counters')
    .select('quantity', 'closed_period_quantity')
    .where({ tenant_id: tenantId, contract_id: contract.id, metric: 'dossier.received' })
    .first()) as { quantity: number; closed_period_quantity: number } | undefined;
  return summarize(contract, row?.quantity ?? 0, row?.closed_period_quantity ?? 0, now);
}

/** Counters of many contracts at once, for lists (finance sees every unit). */
export async function countersFor(
  tx: Tx,
  contractIds: string[],
): Promise<Map<string, { quantity: number; closed: number }>> {
  if (contractIds.length === 0) return new Map();
  const rows = (await tx('usage_counters')
    .select('contract_id', 'quantity', 'closed_period_quantity')
    .whereIn('contract_id', contractIds)
    .where({ metric: 'dossier.received' })) as {
    contract_id: string;
    quantity: number;
    closed_period_quantity: number;
  }[];
  return new Map(
    rows.map((r) => [r.contract_id, { quantity: r.quantity, closed: r.closed_period_quantity }]),
  );
}
