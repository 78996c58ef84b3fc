/** Vietnam keeps UTC+7 all year (no daylight saving): a local day is a fixed UTC interval. */
const OFFSET_MS = 7 * 3600_000;

/** The local day (Asia/Ho_Chi_Minh) of an instant, YYYY-MM-DD. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** [start, end) of a local day, as instants. */
export function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** Days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
