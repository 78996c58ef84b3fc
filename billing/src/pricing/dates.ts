/**
 * Calendar dates ('YYYY-MM-DD') of the contract, in Asia/Ho_Chi_Minh. Arithmetic is done on the
 * date alone (as if at UTC midnight), so no time zone or DST can move a day.
 */
export type IsoDate = string;

export const CONTRACT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const localFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: CONTRACT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date an instant falls on in Viet Nam. */
export function localDate(instant: Date): IsoDate {
  return localFormat.format(instant);
}

// A run reads the same few contract dates thousands of times: each is parsed and checked once.
const epochDays = new Map<string, number>();

function epochDay(d: IsoDate): number {
  const known = epochDays.get(d);
  if (known !== undefined) return known;
  const day = parseEpochDay(d);
  if (epochDays.size >= 4096) epochDays.clear();
  epochDays.set(d, day);
  return day;
}

function parseEpochDay(d: IsoDate): number {
  const m = ISO_DATE.exec(d);
  if (!m) throw new RangeError(`not a date: ${d}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== d) throw new RangeError(`not a calendar date: ${d}`);
  return ms / DAY_MS;
}

export function isIsoDate(d: string): boolean {
  try {
    epochDay(d);
    return true;
  } catch {
    return false;
  }
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return new Date((epochDay(d) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Days from a to b (b − a); equal dates give 0. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return epochDay(b) - epochDay(a);
}

/** Days from first to last, both included. */
export function inclusiveDays(first: IsoDate, last: IsoDate): number {
  return Math.max(0, daysBetween(first, last) + 1);
}

/** The same day one year later; 29 February goes to 1 March, so its contract year has 365 days. */
export function addOneYear(d: IsoDate): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y + 1, m - 1, day);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Days in the contract year that starts on `start`: 366 when it contains a 29 February
 * (2027-07-01 … 2028-06-30), else 365.
 */
export function contractYearDays(start: IsoDate): number {
  return daysBetween(start, addOneYear(start));
}

/** The last day of a full contract year starting on `start`. */
export function contractYearEnd(start: IsoDate): IsoDate {
  return addDays(addOneYear(start), -1);
}
