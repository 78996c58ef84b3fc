/** One contract year of the unit as GET /usage answers it (metering summarize). */
export interface UsageRow {
  id: string;
  planName: string;
  startDate: string;
  lastDay: string;
  status: string;
  used: number;
  quota: number;
  remaining: number;
  overQuota: number;
  percent: number | null;
  forecast: number;
  elapsedDays: number;
  totalDays: number;
}

/** The sums of the contract years listed; the percent is of the summed quota, as the server rounds it. */
export function usageTotals(rows: readonly UsageRow[]) {
  const sum = (k: 'used' | 'quota' | 'forecast' | 'overQuota') => rows.reduce((s, r) => s + r[k], 0);
  const used = sum('used');
  const quota = sum('quota');
  return {
    used,
    quota,
    forecast: sum('forecast'),
    overQuota: sum('overQuota'),
    percent: quota > 0 ? Math.round((used * 1000) / quota) / 10 : null,
  };
}
