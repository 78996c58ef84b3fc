/** Display rules for the whole console: Asia/Ho_Chi_Minh, dd/MM/yyyy, đồng as 1.188.000.000 ₫. */
const TZ = 'Asia/Ho_Chi_Minh';

const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function asDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  // A bare calendar date (2026-12-04) is a date in Vietnam, not midnight UTC.
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00+07:00`);
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 04/12/2026 */
export function formatDate(v: string | number | Date | null | undefined): string {
  const d = asDate(v);
  return d ? dateFmt.format(d) : '';
}

/** 04/12/2026 14:05 */
export function formatDateTime(v: string | number | Date | null | undefined): string {
  const d = asDate(v);
  return d ? `${dateFmt.format(d)} ${timeFmt.format(d)}` : '';
}

/** 1.188.000.000 ₫ — money is an integer number of đồng everywhere. */
export function formatMoney(dong: number | string | null | undefined): string {
  if (dong === null || dong === undefined || dong === '') return '';
  const n = typeof dong === 'string' ? Number(dong) : dong;
  if (!Number.isFinite(n)) return '';
  const sign = n < 0 ? '-' : '';
  const digits = Math.abs(Math.trunc(n))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits} ₫`;
}

/** 12,5 % */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '';
  return `${(ratio * 100).toFixed(digits).replace('.', ',')} %`;
}

const isoDayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ });

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (the API's calendar dates). */
export function localToday(now: Date = new Date()): string {
  return isoDayFmt.format(now);
}
