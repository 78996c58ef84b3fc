/**
 * Days and hours as the office sees them, in Asia/Ho_Chi_Minh. Viet Nam has kept UTC+07:00 without
 * daylight saving since 13 June 1975 (tz database), so a fixed offset is exact for every dossier and
 * keeps the arithmetic free of Intl calls; a test checks it against Intl.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** A calendar date in Viet Nam, 'YYYY-MM-DD'. */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a local date: the integer the arithmetic runs on. */
export type EpochDay = number;

export function epochDayOf(d: LocalDate): EpochDay {
  const m = ISO_DATE.exec(d);
  if (!m) throw new RangeError(`not a date: ${d}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== d) throw new RangeError(`not a calendar date: ${d}`);
  return ms / DAY_MS;
}

export function isLocalDate(d: string): boolean {
  try {
    epochDayOf(d);
    return true;
  } catch {
    return false;
  }
}

export function localDateOfEpochDay(day: EpochDay): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day an instant falls on. */
export function epochDayOfInstant(instant: Date): EpochDay {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

export function localDateOf(instant: Date): LocalDate {
  return localDateOfEpochDay(epochDayOfInstant(instant));
}

/** Milliseconds since local midnight. */
export function localMsOfDay(instant: Date): number {
  return (((instant.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant of a local wall-clock time on a local day. */
export function instantAt(day: EpochDay, hour: number, minute = 0): Date {
  return new Date(day * DAY_MS + (hour * 60 + minute) * 60_000 - OFFSET_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: EpochDay): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(day: EpochDay): number {
  return Number(localDateOfEpochDay(day).slice(0, 4));
}
