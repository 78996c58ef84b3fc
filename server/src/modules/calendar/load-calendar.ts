import type { Tx } from '../../db/transactor';
import { buildCalendar, type Calendar, type CalendarEntry, type HolidayKind } from './calendar';
import { calendarCache, type CalendarCache } from './calendar-cache';
import { epochDayOfInstant, yearOf } from './local-time';
import type { Pause } from './working-days';

/**
 * The operator's calendar for the years fromYear..toYear, read from `holidays` in the caller's
 * transaction (every context may read it). A year with no rows is plain Mon–Fri.
 */
export async function loadCalendar(
  tx: Tx,
  fromYear: number,
  toYear: number,
  cache: CalendarCache = calendarCache,
): Promise<Calendar> {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear || toYear - fromYear > 50)
    throw new RangeError(`bad calendar years ${fromYear}–${toYear}`);
  const entries: CalendarEntry[] = [];
  const missing: number[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const held = cache.get(y);
    if (held) entries.push(...held);
    else missing.push(y);
  }
  if (missing.length > 0) {
    const generation = cache.generation;
    const first = missing[0]!;
    const last = missing[missing.length - 1]!;
    const rows = (await tx('holidays')
      .select(tx.raw(`to_char(day, 'YYYY-MM-DD') as day`), 'kind')
      .whereBetween('day', [`${first}-01-01`, `${last}-12-31`])) as { day: string; kind: HolidayKind }[];
    const byYear = new Map<number, CalendarEntry[]>(missing.map((y) => [y, []]));
    for (const r of rows) byYear.get(Number(r.day.slice(0, 4)))?.push({ day: r.day, kind: r.kind });
    for (const [year, list] of byYear) {
      cache.put(year, list, generation);
      entries.push(...list);
    }
  }
  return buildCalendar(fromYear, toYear, entries);
}

const DAY_MS = 86_400_000;

/**
 * The years a due date can touch: from the reception to the last pause's end plus 2·days + 41
 * calendar days. After the clock last resumes at most `days` working days remain, and any 2n + 40
 * consecutive days hold at least n working days even with Tết in them (5n/7 weekdays minus at most
 * ~12 holidays per 40 days of that span).
 */
export function calendarYearsFor(
  receivedAt: Date,
  days: number,
  pauses: readonly Pause[] = [],
): [number, number] {
  let latest = receivedAt.getTime();
  for (const p of pauses) latest = Math.max(latest, p.from.getTime(), p.to?.getTime() ?? 0);
  const horizon = new Date(latest + (2 * days + 41) * DAY_MS);
  return [yearOf(epochDayOfInstant(receivedAt)), yearOf(epochDayOfInstant(horizon))];
}

/** loadCalendar for exactly what dueDateWithPauses(receivedAt, days, pauses, …) will need. */
export function loadCalendarFor(
  tx: Tx,
  receivedAt: Date,
  days: number,
  pauses: readonly Pause[] = [],
  cache: CalendarCache = calendarCache,
): Promise<Calendar> {
  const [from, to] = calendarYearsFor(receivedAt, days, pauses);
  return loadCalendar(tx, from, to, cache);
}
