import { describe, expect, it } from 'vitest';
import { buildCalendar, CalendarRangeError } from '../../src/modules/calendar/calendar';
import { calendarYearsFor } from '../../src/modules/calendar/load-calendar';
import { localDateOf } from '../../src/modules/calendar/local-time';
import { vietnamHolidays } from '../../src/modules/calendar/vietnam-holidays';
import {
  addWorkingDays,
  dueDateWithPauses,
  isWorkingDay,
  pausedWorkingDays,
  timeliness,
  workingDaysBetween,
  type Pause,
} from '../../src/modules/calendar/working-days';

/** Every instant here is written as Vietnamese wall-clock time. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}+07:00`);
const due = (localDate: string) => vn(`${localDate} 17:00`);
const cal = buildCalendar(
  2025,
  2027,
  vietnamHolidays.map((h) => ({ day: h.day, kind: h.kind })),
);

describe('addWorkingDays: due at 17:00 of the N-th working day after the reception day', () => {
  const cases: [string, string, number, string][] = [
    ['weekday, 1 day', '2026-11-23 10:00', 1, '2026-11-24'],
    ['Friday over the weekend', '2026-11-27 10:00', 1, '2026-11-30'],
    ['0 days: the close of the same day', '2026-11-27 10:00', 0, '2026-11-27'],
    ['17:00:00 sharp is still office hours', '2026-11-27 17:00', 1, '2026-11-30'],
    ['after 17:00 counts from the next working day', '2026-11-27 17:00:01', 1, '2026-12-01'],
    ['after 17:00 with 0 days: the next working day', '2026-11-27 18:30', 0, '2026-11-30'],
    ['early morning counts on its own day', '2026-11-24 06:00', 1, '2026-11-25'],
    ['received on Saturday', '2026-11-28 09:00', 1, '2026-12-01'],
    ['received on Sunday', '2026-11-29 09:00', 3, '2026-12-03'],
    ['three weeks', '2026-11-23 08:00', 15, '2026-12-14'],
    ['Friday before Tết 2026', '2026-02-13 10:00', 1, '2026-02-23'],
    ['Thursday before Tết 2026, 3 days', '2026-02-12 10:00', 3, '2026-02-24'],
    ['Thursday before Tết 2026 after 17:00', '2026-02-12 17:30', 1, '2026-02-23'],
    ['received during Tết (online)', '2026-02-18 09:00', 1, '2026-02-24'],
    ['Friday after 17:00 before Tết', '2026-02-13 18:00', 1, '2026-02-24'],
    ['the compensatory Saturday is a working day', '2026-01-09 10:00', 1, '2026-01-10'],
    ['received on the compensatory Saturday', '2026-01-10 10:00', 0, '2026-01-10'],
    ['over New Year 2026 (1/1 and the swapped 2/1)', '2025-12-31 10:00', 1, '2026-01-05'],
    ['Giỗ Tổ 2026 on Sunday: Monday 27/4 off', '2026-04-24 10:00', 1, '2026-04-28'],
    ['over 30/4 and 1/5 2026', '2026-04-24 10:00', 3, '2026-05-04'],
    ['Quốc khánh 2026', '2026-08-28 09:00', 2, '2026-09-03'],
    ['Tết 2027 (provisional)', '2027-02-04 10:00', 1, '2027-02-12'],
  ];
  it.each(cases)('%s: %s + %i → %s', (_what, received, days, dueDay) => {
    expect(addWorkingDays(vn(received), days, cal)).toEqual(due(dueDay));
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(vn('2026-11-23 10:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(vn('2026-11-23 10:00'), 1.5, cal)).toThrow(RangeError);
  });

  it('refuses to count past the years loaded instead of guessing', () => {
    const only2026 = buildCalendar(2026, 2026, []);
    expect(() => addWorkingDays(vn('2026-12-30 10:00'), 5, only2026)).toThrow(CalendarRangeError);
    expect(calendarYearsFor(vn('2026-12-30 10:00'), 5)).toEqual([2026, 2027]);
  });

  it('calendarYearsFor covers every due date (2025–2026 starts, real holidays, up to 120 days)', () => {
    for (let t = vn('2025-01-01 08:00').getTime(); t < vn('2026-12-31 08:00').getTime(); t += 86_400_000) {
      for (const n of [0, 1, 5, 10, 20, 30, 60, 120]) {
        const start = new Date(t);
        const [, lastYear] = calendarYearsFor(start, n);
        if (lastYear > 2027) continue;
        const dueAt = addWorkingDays(start, n, cal);
        expect(Number(localDateOf(dueAt).slice(0, 4))).toBeLessThanOrEqual(lastYear);
      }
    }
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-23', true],
    ['2026-11-28', false],
    ['2026-01-10', true],
    ['2026-01-11', false],
    ['2026-02-17', false],
    ['2026-02-23', true],
    ['2026-04-27', false],
  ] as const)('%s → %s', (day, working) => {
    expect(isWorkingDay(day, cal)).toBe(working);
  });

  it('takes an instant on its Vietnamese date, not its UTC date', () => {
    // Friday 9 January 17:30 UTC is Saturday 10 January 00:30 in Viet Nam: the working Saturday.
    expect(isWorkingDay(new Date('2026-01-09T17:30:00Z'), cal)).toBe(true);
    // Monday 16 February 20:00 UTC is 17 February 03:00: Lunar New Year.
    expect(isWorkingDay(new Date('2026-02-16T20:00:00Z'), cal)).toBe(false);
  });

  it('the fixed UTC+7 offset agrees with Intl for Asia/Ho_Chi_Minh', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000 * 7 + 60_000 * 13)
      expect(localDateOf(new Date(t))).toBe(intl.format(new Date(t)));
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days of the clock between two instants', () => {
    expect(workingDaysBetween(vn('2026-02-13 10:00'), vn('2026-02-23 10:00'), cal)).toBe(1);
    expect(workingDaysBetween(vn('2026-02-23 10:00'), vn('2026-02-13 10:00'), cal)).toBe(-1);
    expect(workingDaysBetween(vn('2026-11-23 09:00'), vn('2026-11-23 16:00'), cal)).toBe(0);
    expect(workingDaysBetween(vn('2026-01-09 10:00'), vn('2026-01-12 10:00'), cal)).toBe(2);
  });

  it('undoes addWorkingDays from any instant', () => {
    for (let t = vn('2025-12-20 00:00').getTime(); t < vn('2026-03-01 00:00').getTime(); t += 3_600_000 * 5) {
      for (const n of [0, 1, 2, 5, 12, 30]) {
        const start = new Date(t);
        expect(workingDaysBetween(start, addWorkingDays(start, n, cal), cal)).toBe(n);
      }
    }
  });
});

describe('dueDateWithPauses: supplement requests stop the clock', () => {
  const p = (from: string, to: string | null): Pause => ({ from: vn(from), to: to ? vn(to) : null });
  const cases: [string, string, number, Pause[], string][] = [
    ['no pause = addWorkingDays', '2026-11-23 09:00', 3, [], '2026-11-26'],
    [
      'a pause within one day moves nothing',
      '2026-11-23 09:00',
      3,
      [p('2026-11-23 10:00', '2026-11-23 15:00')],
      '2026-11-26',
    ],
    [
      'supplemented after 17:00 resumes the next day',
      '2026-11-23 09:00',
      3,
      [p('2026-11-24 10:00', '2026-11-24 18:00')],
      '2026-11-27',
    ],
    [
      'a pause spanning Tết 2026 counts only working days',
      '2026-02-09 09:00',
      5,
      [p('2026-02-12 10:00', '2026-02-24 09:00')],
      '2026-02-26',
    ],
    [
      'a pause spanning Quốc khánh 2026',
      '2026-08-28 09:00',
      2,
      [p('2026-08-31 10:00', '2026-09-04 10:00')],
      '2026-09-07',
    ],
    [
      'a pause spanning the compensatory Saturday',
      '2026-01-08 09:00',
      2,
      [p('2026-01-09 10:00', '2026-01-12 10:00')],
      '2026-01-13',
    ],
    [
      'two pauses add up',
      '2026-11-23 09:00',
      3,
      [p('2026-11-24 10:00', '2026-11-25 10:00'), p('2026-11-26 10:00', '2026-11-30 10:00')],
      '2026-12-01',
    ],
  ];
  it.each(cases)('%s', (_what, received, days, pauses, dueDay) => {
    expect(dueDateWithPauses(vn(received), days, pauses, cal)).toEqual(due(dueDay));
  });

  it('the shift is the paused working days: remaining days resume from the supplement', () => {
    const pauses = [p('2026-02-12 10:00', '2026-02-24 09:00')];
    expect(pausedWorkingDays(pauses, cal)).toBe(3);
    // 3 of 5 days ran before the pause (10, 11, 12/2); 2 remain from the resumption on 24/2.
    expect(addWorkingDays(vn('2026-02-24 09:00'), 2, cal)).toEqual(due('2026-02-26'));
  });

  it('names no due date while a pause is open', () => {
    expect(dueDateWithPauses(vn('2026-11-23 09:00'), 3, [p('2026-11-24 10:00', null)], cal)).toBeNull();
  });

  it('refuses pauses out of order, overlapping, before reception, or open in the middle', () => {
    const r = vn('2026-11-23 09:00');
    expect(() => dueDateWithPauses(r, 3, [p('2026-11-22 10:00', '2026-11-24 10:00')], cal)).toThrow(
      RangeError,
    );
    expect(() => dueDateWithPauses(r, 3, [p('2026-11-24 10:00', '2026-11-23 10:00')], cal)).toThrow(
      RangeError,
    );
    expect(() =>
      dueDateWithPauses(
        r,
        3,
        [p('2026-11-24 10:00', '2026-11-26 10:00'), p('2026-11-25 10:00', '2026-11-27 10:00')],
        cal,
      ),
    ).toThrow(RangeError);
    expect(() =>
      dueDateWithPauses(r, 3, [p('2026-11-24 10:00', null), p('2026-11-25 10:00', '2026-11-27 10:00')], cal),
    ).toThrow(RangeError);
  });
});

describe('timeliness: the due day decides, not the hour', () => {
  const dueAt = due('2026-11-24');
  it.each([
    ['2026-11-23 23:59:59.999', 'early'],
    ['2026-11-24 00:00', 'on_time'],
    ['2026-11-24 17:00', 'on_time'],
    ['2026-11-24 23:59:59.999', 'on_time'],
    ['2026-11-25 00:00', 'late'],
    ['2026-12-24 10:00', 'late'],
  ] as const)('finished %s → %s', (finished, expected) => {
    expect(timeliness(dueAt, vn(finished))).toBe(expected);
  });

  it('uses the Vietnamese date at the UTC day boundary', () => {
    expect(timeliness(dueAt, new Date('2026-11-23T16:59:59.999Z'))).toBe('early');
    expect(timeliness(dueAt, new Date('2026-11-23T17:00:00.000Z'))).toBe('on_time');
  });
});
