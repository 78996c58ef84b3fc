import { z } from 'zod';
import { HOLIDAY_KINDS } from './calendar';
import { epochDayOf, isLocalDate, isoWeekday } from './local-time';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** A calendar date 'YYYY-MM-DD' between MIN_YEAR and MAX_YEAR. */
export const holidayDay = z
  .string()
  .refine((s) => isLocalDate(s), { error: 'Ngày phải có dạng YYYY-MM-DD / day must look like YYYY-MM-DD' })
  .refine(
    (s) => !isLocalDate(s) || (Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR),
    {
      error: `Năm phải trong khoảng ${MIN_YEAR}–${MAX_YEAR} / year must be within ${MIN_YEAR}–${MAX_YEAR}`,
    },
  );

const onWeekend = (day: string) => isLocalDate(day) && isoWeekday(epochDayOf(day)) >= 6;

const kindFitsDay = (h: { day: string; kind?: string }) =>
  h.kind !== 'compensatory_workday' || !isLocalDate(h.day) || onWeekend(h.day);
const kindFitsDayMessage =
  'Ngày làm bù chỉ có thể là thứ Bảy hoặc Chủ nhật / a compensatory workday must be a Saturday or Sunday';

const holidayBody = {
  name: z.string().trim().min(1).max(200),
  name_en: z.string().trim().max(200).default(''),
  kind: z.enum(HOLIDAY_KINDS).default('holiday'),
};

export const createHolidayInput = z
  .object({ day: holidayDay, ...holidayBody })
  .strict()
  .refine(kindFitsDay, { path: ['kind'], error: kindFitsDayMessage });
export type CreateHolidayInput = z.infer<typeof createHolidayInput>;

export const updateHolidayInput = z
  .object({
    name: holidayBody.name.optional(),
    name_en: z.string().trim().max(200).optional(),
    kind: z.enum(HOLIDAY_KINDS).optional(),
  })
  .strict();
export type UpdateHolidayInput = z.infer<typeof updateHolidayInput>;

/**
 * One year's whole list: it replaces that year's days. Every item is checked and every problem
 * reported at its index; nothing is written unless all are good.
 */
export const importHolidaysInput = z
  .array(createHolidayInput)
  .min(1)
  .max(366)
  .superRefine((items, ctx) => {
    const years = new Set<string>();
    const seen = new Map<string, number>();
    items.forEach((h, i) => {
      if (!isLocalDate(h.day)) return;
      years.add(h.day.slice(0, 4));
      const first = seen.get(h.day);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'day'],
          message: `Ngày ${h.day} trùng với mục ${first} / day ${h.day} repeats item ${first}`,
        });
      else seen.set(h.day, i);
    });
    if (years.size > 1) {
      const year = items[0]!.day.slice(0, 4);
      items.forEach((h, i) => {
        if (h.day.slice(0, 4) !== year)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'day'],
            message: `Danh sách nhập là của một năm (${year}) / the list is for one year (${year})`,
          });
      });
    }
  });
export type ImportHolidaysInput = z.infer<typeof importHolidaysInput>;

export const holidayFilter = z
  .object({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
    kind: z.enum(HOLIDAY_KINDS).optional(),
    from: holidayDay.optional(),
    to: holidayDay.optional(),
    q: z.string().max(200).optional(),
  })
  .strict();
export type HolidayFilter = z.infer<typeof holidayFilter>;

export const holidaySortable = ['day', 'name', 'kind', 'updatedAt'] as const;

export const holidayOutput = z.object({
  /** The day is the record's id (react-admin needs one). */
  id: z.string(),
  day: z.string(),
  name: z.string(),
  name_en: z.string(),
  kind: z.enum(HOLIDAY_KINDS),
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Holiday = z.infer<typeof holidayOutput>;

export const importHolidaysOutput = z.object({
  year: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  holidays: z.array(holidayOutput),
});
export type ImportHolidaysResult = z.infer<typeof importHolidaysOutput>;
