/** The monitoring report (GET /monitoring, server/src/modules/monitoring/report.ts) and its months. */
export interface Figures {
  received: number;
  received_online: number;
  received_digitized: number;
  resolved: number;
  early: number;
  on_time: number;
  late: number;
  late_apologized: number;
  approved: number;
  rated: number;
  very_satisfied: number;
  satisfied: number;
  unsatisfied: number;
  onTimeShare: number | null;
  onlineShare: number | null;
  digitizedShare: number | null;
  satisfactionShare: number | null;
  deskOfficers: number;
  deskProductivityPerYear: number | null;
  qualityIndex: Record<
    'transparency' | 'progress' | 'digitization' | 'online' | 'satisfaction',
    number | null
  >;
}

export interface MonitoringReport {
  from: string;
  to: string;
  units: { unitId: string; code: string; name: string; own: Figures; withChildren: Figures }[];
  officers: {
    officer: string;
    name: string | null;
    received: number;
    approved: number;
    resolved: number;
    early: number;
    on_time: number;
    late: number;
    onTimeShare: number | null;
  }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The months of `year` up to `today` (YYYY-MM-DD, local), each as an inclusive from/to. */
export function monthsOf(year: number, today: string): { label: string; from: string; to: string }[] {
  const out = [];
  for (let m = 1; m <= 12; m++) {
    const from = `${year}-${pad(m)}-01`;
    if (from > today) break;
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    const end = `${year}-${pad(m)}-${pad(last)}`;
    out.push({ label: `${pad(m)}/${year}`, from, to: end < today ? end : today });
  }
  return out;
}
