import { z } from 'zod';

const dong = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const flatOverage = z.object({ model: z.literal('flat'), unitPrice: dong }).strict();

/** upTo counts dossiers over the quota, cumulative; the last tier is open (null). */
export const graduatedOverage = z
  .object({
    model: z.literal('graduated'),
    tiers: z
      .array(z.object({ upTo: z.number().int().positive().nullable(), unitPrice: dong }).strict())
      .min(1)
      .max(20),
  })
  .strict()
  .superRefine((p, ctx) => {
    let previous = 0;
    p.tiers.forEach((t, i) => {
      const last = i === p.tiers.length - 1;
      if (last && t.upTo !== null)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: 'Bậc cuối phải để trống upTo (không giới hạn) / the last tier must be open (upTo null)',
        });
      if (!last && t.upTo === null)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: 'Chỉ bậc cuối được để trống upTo / only the last tier may be open',
        });
      if (t.upTo !== null) {
        if (t.upTo <= previous)
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i, 'upTo'],
            message: 'Các bậc phải tăng dần / tiers must increase',
          });
        previous = t.upTo;
      }
    });
  });

export const overagePricing = z.discriminatedUnion('model', [flatOverage, graduatedOverage]);
export type OveragePricing = z.infer<typeof overagePricing>;
export type FlatOverage = z.infer<typeof flatOverage>;
export type GraduatedOverage = z.infer<typeof graduatedOverage>;
