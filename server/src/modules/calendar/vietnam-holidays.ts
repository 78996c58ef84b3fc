import type { Tx } from '../../db/transactor';
import type { HolidayKind } from './calendar';
import { invalidateCalendarAfterCommit } from './calendar-cache';

export interface HolidaySeed {
  day: string;
  name: string;
  nameEn: string;
  kind: HolidayKind;
}

/**
 * Viet Nam's public holidays for the civil service (Labour Code 2019 Art. 112: Tết Dương lịch 1 day,
 * Tết Âm lịch 5 days, Giỗ Tổ Hùng Vương 1, 30/4 1, 1/5 1, Quốc khánh 2 — 2/9 and one adjacent day;
 * a holiday on a weekend gives a day off on the next working day), with the day swaps the
 * government approved for public offices (a weekday off against a Saturday worked, "làm bù").
 * Only days that change the working calendar matter to the arithmetic; weekend holidays are listed
 * where they explain a compensatory day off.
 *
 * Sources and certainty (the operator corrects any of this through /api/v1/holidays):
 * - 2025: as announced — Tết Ất Tỵ 25/1–2/2 with Monday 27/1 swapped against Saturday 15/2;
 *   30/4–4/5 with Friday 2/5 swapped against Saturday 26/4; Quốc khánh 1–2/9 (with the weekend).
 * - 2026: Tết Dương lịch 1–4/1 with Friday 2/1 swapped against Saturday 10/1 (government consent of
 *   25/12/2025); Tết Bính Ngọ 14/2–22/2 as announced (weekdays 16–20/2, Lunar New Year 17/2);
 *   Giỗ Tổ on Sunday 26/4, compensatory day off Monday 27/4. UNCERTAIN: the day adjacent to
 *   Quốc khánh 2026 — 1/9 is assumed; the government names it each year.
 * - 2027: PROVISIONAL, not yet announced. Lunar New Year falls on Saturday 6/2/2027; Tết is taken as
 *   5/2–9/2 with the two weekend days compensated on 10–11/2. 1/5 is a Saturday (compensated Monday
 *   3/5); Quốc khánh 2–3/9 assumed.
 * - Not included: Ngày Văn hóa Việt Nam (24/11), chosen as a paid day off by Resolution 80-NQ/TW
 *   (2026) but awaiting the Labour Code amendment; add it once the law is in force.
 */
const tet = (year: string) => `Tết Nguyên đán ${year}`;
const tetEn = 'Lunar New Year (Tết)';

export const vietnamHolidays: readonly HolidaySeed[] = [
  // 2025
  { day: '2025-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'holiday' },
  {
    day: '2025-01-27',
    name: 'Nghỉ Tết Nguyên đán (hoán đổi, làm bù thứ Bảy 15/02/2025)',
    nameEn: 'Tết, swapped day off (worked on Saturday 15 Feb 2025)',
    kind: 'holiday',
  },
  { day: '2025-01-28', name: tet('Ất Tỵ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2025-01-29', name: tet('Ất Tỵ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2025-01-30', name: tet('Ất Tỵ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2025-01-31', name: tet('Ất Tỵ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2025-02-01', name: tet('Ất Tỵ'), nameEn: tetEn, kind: 'holiday' },
  {
    day: '2025-02-15',
    name: 'Làm bù cho ngày nghỉ 27/01/2025',
    nameEn: 'Make-up working day for 27 Jan 2025',
    kind: 'compensatory_workday',
  },
  {
    day: '2025-04-07',
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    nameEn: "Hung Kings' Commemoration Day",
    kind: 'holiday',
  },
  {
    day: '2025-04-26',
    name: 'Làm bù cho ngày nghỉ 02/05/2025',
    nameEn: 'Make-up working day for 2 May 2025',
    kind: 'compensatory_workday',
  },
  { day: '2025-04-30', name: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day', kind: 'holiday' },
  {
    day: '2025-05-01',
    name: 'Ngày Quốc tế Lao động (1/5)',
    nameEn: 'International Labour Day',
    kind: 'holiday',
  },
  {
    day: '2025-05-02',
    name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)',
    nameEn: 'Swapped day off (worked on Saturday 26 Apr 2025)',
    kind: 'holiday',
  },
  {
    day: '2025-09-01',
    name: 'Quốc khánh (ngày liền kề)',
    nameEn: 'National Day (adjacent day)',
    kind: 'holiday',
  },
  { day: '2025-09-02', name: 'Quốc khánh (2/9)', nameEn: 'National Day', kind: 'holiday' },

  // 2026
  { day: '2026-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'holiday' },
  {
    day: '2026-01-02',
    name: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)',
    nameEn: "New Year's swapped day off (worked on Saturday 10 Jan 2026)",
    kind: 'holiday',
  },
  {
    day: '2026-01-10',
    name: 'Làm bù cho ngày nghỉ 02/01/2026',
    nameEn: 'Make-up working day for 2 Jan 2026',
    kind: 'compensatory_workday',
  },
  { day: '2026-02-16', name: tet('Bính Ngọ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2026-02-17', name: tet('Bính Ngọ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2026-02-18', name: tet('Bính Ngọ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2026-02-19', name: tet('Bính Ngọ'), nameEn: tetEn, kind: 'holiday' },
  { day: '2026-02-20', name: tet('Bính Ngọ'), nameEn: tetEn, kind: 'holiday' },
  {
    day: '2026-04-26',
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    nameEn: "Hung Kings' Commemoration Day",
    kind: 'holiday',
  },
  {
    day: '2026-04-27',
    name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
    nameEn: "Compensatory day off for Hung Kings' Day",
    kind: 'holiday',
  },
  { day: '2026-04-30', name: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day', kind: 'holiday' },
  {
    day: '2026-05-01',
    name: 'Ngày Quốc tế Lao động (1/5)',
    nameEn: 'International Labour Day',
    kind: 'holiday',
  },
  {
    day: '2026-09-01',
    name: 'Quốc khánh (ngày liền kề)',
    nameEn: 'National Day (adjacent day)',
    kind: 'holiday',
  },
  { day: '2026-09-02', name: 'Quốc khánh (2/9)', nameEn: 'National Day', kind: 'holiday' },

  // 2027 (provisional, see above)
  { day: '2027-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'holiday' },
  { day: '2027-02-05', name: tet('Đinh Mùi'), nameEn: tetEn, kind: 'holiday' },
  { day: '2027-02-06', name: tet('Đinh Mùi'), nameEn: tetEn, kind: 'holiday' },
  { day: '2027-02-07', name: tet('Đinh Mùi'), nameEn: tetEn, kind: 'holiday' },
  { day: '2027-02-08', name: tet('Đinh Mùi'), nameEn: tetEn, kind: 'holiday' },
  { day: '2027-02-09', name: tet('Đinh Mùi'), nameEn: tetEn, kind: 'holiday' },
  {
    day: '2027-02-10',
    name: 'Nghỉ bù Tết Nguyên đán',
    nameEn: 'Compensatory day off for Tết',
    kind: 'holiday',
  },
  {
    day: '2027-02-11',
    name: 'Nghỉ bù Tết Nguyên đán',
    nameEn: 'Compensatory day off for Tết',
    kind: 'holiday',
  },
  {
    day: '2027-04-16',
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    nameEn: "Hung Kings' Commemoration Day",
    kind: 'holiday',
  },
  { day: '2027-04-30', name: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day', kind: 'holiday' },
  {
    day: '2027-05-01',
    name: 'Ngày Quốc tế Lao động (1/5)',
    nameEn: 'International Labour Day',
    kind: 'holiday',
  },
  {
    day: '2027-05-03',
    name: 'Nghỉ bù Ngày Quốc tế Lao động',
    nameEn: 'Compensatory day off for Labour Day',
    kind: 'holiday',
  },
  { day: '2027-09-02', name: 'Quốc khánh (2/9)', nameEn: 'National Day', kind: 'holiday' },
  {
    day: '2027-09-03',
    name: 'Quốc khánh (ngày liền kề)',
    nameEn: 'National Day (adjacent day)',
    kind: 'holiday',
  },
];

/**
 * Inserts the listed holidays of the given years that are missing; days the operator has already
 * entered or edited are left alone. Runs in a system or platform_admin transaction.
 */
export async function ensureHolidays(tx: Tx, years: readonly number[]): Promise<number> {
  const wanted = new Set(years.map(String));
  const rows = vietnamHolidays
    .filter((h) => wanted.has(h.day.slice(0, 4)))
    .map((h) => ({ day: h.day, name: h.name, name_en: h.nameEn, kind: h.kind }));
  if (rows.length === 0) return 0;
  const inserted = (await tx('holidays')
    .insert(rows)
    .onConflict('day')
    .ignore()
    .returning('day')) as unknown[];
  if (inserted.length > 0) invalidateCalendarAfterCommit(tx);
  return inserted.length;
}
