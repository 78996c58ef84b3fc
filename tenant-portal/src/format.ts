/**
 * Dates in Asia/Ho_Chi_Minh as dd/MM/yyyy; money as integer đồng, 1.188.000 ₫. A unit sign is joined
 * to its number by a no-break space, so a narrow line never leaves "8.000" and "₫" (or "%") apart.
 */
const TZ = 'Asia/Ho_Chi_Minh';
const day = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export const fmtDate = (iso: string | null | undefined) => (iso ? day.format(new Date(iso)) : '—');
export const fmtDateTime = (iso: string | null | undefined) =>
  iso ? `${time.format(new Date(iso))} ${day.format(new Date(iso))}` : '—';
const NBSP = '\u00a0';
export const fmtMoney = (dong: number) => `${new Intl.NumberFormat('vi-VN').format(dong)}${NBSP}₫`;
export const fmtCount = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
export const fmtShare = (s: number | null) =>
  s === null
    ? null
    : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(s * 100)}${NBSP}%`;
