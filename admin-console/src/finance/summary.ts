import { useEffect, useState } from 'react';
import { apiFetch } from '../core/api';

export interface FinanceRow {
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  contractId: string;
  planName: string;
  quota: number;
  used: number;
  overage: number;
  leaseBilled: number;
  overageBilled: number;
  /** Adjustment invoices (series BS): late usage of a closed contract year. */
  adjustmentBilled: number;
  credited: number;
  paid: number;
  outstanding: number;
  overdue: number;
}
export type FinanceTotals = Omit<
  FinanceRow,
  'tenantId' | 'tenantCode' | 'tenantName' | 'contractId' | 'planName'
>;

/** GET /finance/summary?year=: one row per unit's contract year, and the totals. */
export function useFinanceSummary(year: number) {
  const [data, setData] = useState<{ rows: FinanceRow[]; totals: FinanceTotals } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    apiFetch<{ rows: FinanceRow[]; totals: FinanceTotals }>(`/finance/summary?year=${year}`)
      .then(({ json }) => setData(json))
      .catch((e: Error) => setError(e.message));
  }, [year]);
  return { data, error };
}

const TOTALLED = [
  'quota',
  'used',
  'overage',
  'leaseBilled',
  'overageBilled',
  'adjustmentBilled',
  'credited',
  'paid',
  'outstanding',
  'overdue',
] as const satisfies readonly (keyof FinanceTotals)[];

/**
 * The sums of the rows shown (after the page's search and filters). The summary answers every row
 * of the year at once, so the listed rows are all the rows and their sum is the filtered total.
 */
export function totalsOf(rows: readonly FinanceRow[]): FinanceTotals {
  const out = Object.fromEntries(TOTALLED.map((k) => [k, 0])) as FinanceTotals;
  for (const r of rows) for (const k of TOTALLED) out[k] += r[k];
  return out;
}
