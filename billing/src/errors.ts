/**
 * Billing's own errors: a code and Vietnamese/English words. billing/ cannot import server/, so
 * server/src/http/problem.ts maps these codes to AppError codes (and HTTP statuses) in one place.
 */
export type BillingErrorCode = 'not_found' | 'invalid' | 'conflict';

export interface ItemProblem {
  path: string;
  message: string;
  message_en: string;
}

export class BillingError extends Error {
  constructor(
    public readonly code: BillingErrorCode,
    public readonly detail: { vi: string; en: string },
    public readonly errors: ItemProblem[] = [],
  ) {
    super(detail.en);
  }
}

export const invalid = (path: string, vi: string, en: string) =>
  new BillingError(
    'invalid',
    { vi: 'Vui lòng sửa các trường được nêu', en: 'Please correct the fields listed' },
    [{ path, message: vi, message_en: en }],
  );
