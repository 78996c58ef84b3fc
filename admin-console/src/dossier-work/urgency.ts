/**
 * How pressing a due date is, judged by calendar days in Asia/Ho_Chi_Minh (the desk's day, not the
 * browser's): late once the instant has passed, due today, due within two days, or not yet pressing.
 */
export type Urgency = 'late' | 'today' | 'soon' | 'later';

const localDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Days since 1970-01-01 of the local calendar day containing `d`. */
function dayNumber(d: Date): number {
  return Date.parse(`${localDay.format(d)}T00:00:00Z`) / 86_400_000;
}

export function urgencyOf(dueAt: string | Date | null | undefined, now: Date): Urgency | null {
  if (!dueAt) return null;
  const due = dueAt instanceof Date ? dueAt : new Date(dueAt);
  if (Number.isNaN(due.getTime())) return null;
  if (due.getTime() < now.getTime()) return 'late';
  const days = dayNumber(due) - dayNumber(now);
  if (days === 0) return 'today';
  if (days <= 2) return 'soon';
  return 'later';
}

/** Open dossiers only: a returned or refused dossier is judged by its timeliness, not its due date. */
export const OPEN_STATUSES = new Set([
  'received',
  'in_progress',
  'awaiting_supplement',
  'transferred',
  'approved',
  'result_issued',
]);
