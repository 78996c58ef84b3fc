import { z } from 'zod';
import { localDay } from './days';

const isDay = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isDay, 'YYYY-MM-DD');

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD (local days, inclusive; default: this year so far) &unitId= &format= */
export const monitoringQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    unitId: z.uuid().optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .strict()
  .transform((q, ctx) => {
    const today = localDay(new Date());
    const to = q.to ?? today;
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'from phải trước to / from must not be after to',
      });
    if (Date.parse(to) - Date.parse(from) > 5 * 366 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Tối đa 5 năm / At most 5 years' });
    return { from, to, unitId: q.unitId ?? null, format: q.format };
  });
export type MonitoringQuery = z.output<typeof monitoringQuery>;
