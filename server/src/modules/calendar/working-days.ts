import { isWorkingEpochDay, nextWorkingEpochDay, type Calendar } from './calendar';
import {
  epochDayOf,
  epochDayOfInstant,
  instantAt,
  localMsOfDay,
  type EpochDay,
  type LocalDate,
} from './local-time';

/**
 * Working-day arithmetic of the one-stop desk. Pure: every instant comes from the caller (the
 * clock is injected upstream), the calendar from loadCalendar. The rules are written down in
 * CONTEXT.md; in short: a time limit runs from the working day after reception and ends when the
 * office closes (17:00) on its last working day; after-hours receptions count from the next working
 * day; supplement requests stop the clock.
 */

/** Office hours end at 17:00 local time: the due instant, and the reception cut-off. */
export const OFFICE_CLOSES_AT = { hour: 17, minute: 0 } as const;
const CLOSE_MS = (OFFICE_CLOSES_AT.hour * 60 + OFFICE_CLOSES_AT.minute) * 60_000;

/** 17:00:00.000 itself is still office hours. */
const afterClosing = (instant: Date) => localMsOfDay(instant) > CLOSE_MS;

/**
 * The working day an instant counts on: its own day when that is a working day and the office
 * has not closed yet, else the next working day.
 */
export function countingDay(instant: Date, cal: Calendar): EpochDay {
  const day = epochDayOfInstant(instant);
  return isWorkingEpochDay(day, cal) && !afterClosing(instant) ? day : nextWorkingEpochDay(day, cal);
}

function addToDay(day: EpochDay, days: number, cal: Calendar): EpochDay {
  let d = day;
  for (let i = 0; i < days; i++) d = nextWorkingEpochDay(d, cal);
  return d;
}

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days must be a whole number ≥ 0: ${days}`);
}

export function isWorkingDay(date: Date | LocalDate, cal: Calendar): boolean {
  return isWorkingEpochDay(typeof date === 'string' ? epochDayOf(date) : epochDayOfInstant(date), cal);
}

/**
 * The due instant of a time limit of `days` working days started at `start`: 17:00 local on the
 * days-th working day after the day `start` counts on. 0 days = the close of that same day.
 */
export function addWorkingDays(start: Date, days: number, cal: Calendar): Date {
  assertDays(days);
  const due = addToDay(countingDay(start, cal), days, cal);
  return instantAt(due, OFFICE_CLOSES_AT.hour, OFFICE_CLOSES_AT.minute);
}

/**
 * Working days from a to b as the clock counts them: working days after a's counting day up to
 * and including b's (negative when b comes first). workingDaysBetween(t, addWorkingDays(t, n)) = n.
 */
export function workingDaysBetween(a: Date, b: Date, cal: Calendar): number {
  const from = countingDay(a, cal);
  const to = countingDay(b, cal);
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let n = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingEpochDay(d, cal)) n++;
  return sign * n;
}

/** A stop of the clock: from the supplement request to the citizen's supplement (null: still open). */
export interface Pause {
  from: Date;
  to: Date | null;
}

function assertPauses(receivedAt: Date, pauses: readonly Pause[]): void {
  let last = receivedAt.getTime();
  pauses.forEach((p, i) => {
    if (p.from.getTime() < last)
      throw new RangeError(`pause ${i} starts before the reception or the previous pause's end`);
    if (p.to === null) {
      if (i !== pauses.length - 1) throw new RangeError(`only the last pause may be open (pause ${i} is)`);
      return;
    }
    if (p.to.getTime() < p.from.getTime()) throw new RangeError(`pause ${i} ends before it starts`);
    last = p.to.getTime();
  });
}

/** Working days the clock stood still over closed pauses: the due date moves by this many. */
export function pausedWorkingDays(pauses: readonly Pause[], cal: Calendar): number {
  let n = 0;
  for (const p of pauses) if (p.to) n += workingDaysBetween(p.from, p.to, cal);
  return n;
}

/**
 * The due instant with supplement pauses: the working days spent paused are added to the limit.
 * Null while a pause is open: the clock is stopped and no due date can be named until the citizen
 * supplements. Pauses must be in order, within the dossier's life, and not overlap.
 */
export function dueDateWithPauses(
  receivedAt: Date,
  days: number,
  pauses: readonly Pause[],
  cal: Calendar,
): Date | null {
  assertDays(days);
  assertPauses(receivedAt, pauses);
  if (pauses.some((p) => p.to === null)) return null;
  return addWorkingDays(receivedAt, days + pausedWorkingDays(pauses, cal), cal);
}

export type Timeliness = 'early' | 'on_time' | 'late';

/**
 * Early = finished on a day before the due day, on time = on the due day (at any hour), late =
 * on a later day. Days are local dates; no calendar is needed.
 */
export function timeliness(dueAt: Date, finishedAt: Date): Timeliness {
  const due = epochDayOfInstant(dueAt);
  const done = epochDayOfInstant(finishedAt);
  return done < due ? 'early' : done === due ? 'on_time' : 'late';
}
