/**
 * Metering's errors: a code and Vietnamese/English words. metering/ cannot import server/, so
 * server/src/http/problem.ts maps these codes to AppError codes (and HTTP statuses) in one place.
 */
export type MeteringErrorCode =
  /** No contract covers today: the unit cannot receive dossiers. */
  | 'no_active_contract'
  /** The contract (or the unit) is suspended: read access stays, reception does not. */
  | 'contract_suspended'
  /** A usage batch with at least one bad item: refused whole, reasons per item. */
  | 'invalid_usage_batch';

export interface ItemProblem {
  path: string;
  message: string;
  message_en: string;
}

export class MeteringError extends Error {
  constructor(
    public readonly code: MeteringErrorCode,
    public readonly detail: { vi: string; en: string },
    public readonly errors: ItemProblem[] = [],
  ) {
    super(detail.en);
  }
}
