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
