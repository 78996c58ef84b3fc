import { z } from 'zod';

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/**
 * Why a citizen was unsatisfied. Codes, so monitoring can count them; the words are for the portal.
 * The list follows the usual complaints of one-stop surveys: the wait, the attitude, papers asked
 * beyond the list, unclear guidance, fees, and anything else (described in the comment).
 */
export const UNSATISFIED_REASONS = {
  late: { vi: 'Trả kết quả trễ hẹn', en: 'Result returned late' },
  attitude: { vi: 'Thái độ cán bộ chưa tốt', en: 'Officer attitude' },
  extra_papers: { vi: 'Yêu cầu giấy tờ ngoài quy định', en: 'Papers asked beyond the list' },
  unclear_guidance: { vi: 'Hướng dẫn không rõ ràng', en: 'Unclear guidance' },
  fees: { vi: 'Phí, lệ phí chưa hợp lý', en: 'Fees' },
  other: { vi: 'Lý do khác', en: 'Other' },
} as const;
export type UnsatisfiedReason = keyof typeof UNSATISFIED_REASONS;
const reasonCodes = Object.keys(UNSATISFIED_REASONS) as [UnsatisfiedReason, ...UnsatisfiedReason[]];

export const ratingInput = z
  .object({
    level: z.enum(RATING_LEVELS),
    reasons: z.array(z.enum(reasonCodes)).max(reasonCodes.length).default([]),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.level === 'unsatisfied' && v.reasons.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'Cần ít nhất một lý do khi chưa hài lòng / At least one reason when unsatisfied',
      });
    if (v.level !== 'unsatisfied' && v.reasons.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'Chỉ nêu lý do khi chưa hài lòng / Reasons only when unsatisfied',
      });
    if (v.reasons.includes('other') && !v.comment)
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: 'Mô tả lý do khác / Describe the other reason',
      });
  });
export type RatingInput = z.infer<typeof ratingInput>;

export interface RatingRow {
  tenant_id: string;
  dossier_id: string;
  citizen_id: string;
  level: RatingLevel;
  reasons: UnsatisfiedReason[];
  comment: string | null;
  rated_at: Date;
}

export const toRating = (r: RatingRow) => ({
  dossierId: r.dossier_id,
  level: r.level,
  reasons: r.reasons,
  comment: r.comment,
  ratedAt: r.rated_at.toISOString(),
});
export type Rating = ReturnType<typeof toRating>;

export const ratingFilter = z
  .object({
    level: z.enum(RATING_LEVELS).optional(),
    dossierId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type RatingFilter = z.infer<typeof ratingFilter>;
export const ratingSortable = ['ratedAt', 'level'] as const;
