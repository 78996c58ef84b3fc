import {
  epochDayOf,
  isoWeekday,
  localDateOfEpochDay,
  yearOf,
  type EpochDay,
  type LocalDate,
} from './local-time';

/**
 * 'holiday': a day off (public holiday, its compensatory day off, a swapped day off).
 * 'compensatory_workday' (ngày làm bù): a Saturday or Sunday declared a working day.
 */
export const HOLIDAY_KINDS = ['holiday', 'compensatory_workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export interface CalendarEntry {
  day: LocalDate;
  kind: HolidayKind;
}

/**
 * The operator's working-day calendar for whole years [fromYear, toYear]. Arithmetic that needs a
 * day outside those years throws instead of guessing, so a caller that loaded too few years finds
 * out in tests rather than on a citizen's receipt.
 */
export interface Calendar {
  readonly fromYear: number;
  readonly toYear: number;
  readonly exceptions: ReadonlyMap<EpochDay, HolidayKind>;
}

export class CalendarRangeError extends RangeError {
  constructor(day: EpochDay, cal: Calendar) {
    super(
      `${localDateOfEpochDay(day)} is outside the calendar loaded for ${cal.fromYear}–${cal.toYear}; load more years`,
    );
  }
}

export function buildCalendar(fromYear: number, toYear: number, entries: readonly CalendarEntry[]): Calendar {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear)
    throw new RangeError(`bad calendar years ${fromYear}–${toYear}`);
  const exceptions = new Map<EpochDay, HolidayKind>();
  for (const e of entries) {
    const day = epochDayOf(e.day);
    const year = yearOf(day);
    if (year >= fromYear && year <= toYear) exceptions.set(day, e.kind);
  }
  return { fromYear, toYear, exceptions };
}

/** Mon–Fri, minus holidays, plus compensatory workdays. */
export function isWorkingEpochDay(day: EpochDay, cal: Calendar): boolean {
  const year = yearOf(day);
  if (year < cal.fromYear || year > cal.toYear) throw new CalendarRangeError(day, cal);
  const kind = cal.exceptions.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'compensatory_workday') return true;
  return isoWeekday(day) <= 5;
}

/** The first working day strictly after `day`. */
export function nextWorkingEpochDay(day: EpochDay, cal: Calendar): EpochDay {
  let d = day + 1;
  while (!isWorkingEpochDay(d, cal)) d++;
  return d;
}
