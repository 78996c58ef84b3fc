import { contractYearDays, inclusiveDays, type IsoDate } from './dates';
import { assertDong, mulDivRoundHalfUp, type Dong } from './money';

/**
 * The part of an annual amount (lease fee in đồng, or a quota in dossiers) for activeDays of a
 * contract year of contractDays: amount × activeDays ÷ contractDays, rounded half up.
 * activeDays is clamped to [0, contractDays], so a full year is always exactly the amount.
 */
export function prorate(amount: number, contractDays: number, activeDays: number): Dong {
  assertDong(amount);
  if (!Number.isInteger(contractDays) || contractDays <= 0)
    throw new RangeError('contractDays must be a positive integer');
  if (!Number.isInteger(activeDays)) throw new RangeError('activeDays must be an integer');
  const days = Math.min(Math.max(activeDays, 0), contractDays);
  return mulDivRoundHalfUp(amount, days, contractDays);
}

export interface ContractPeriod {
  /** First day of the contract year. */
  start: IsoDate;
  /** Last day covered (the contract's end, or the day it was ended early). */
  last: IsoDate;
}

/**
 * Prorates an annual amount over a contract period: the contract year is counted from its start
 * (365 or 366 days), the active days are start … last inclusive.
 */
export function prorateForPeriod(amount: number, period: ContractPeriod): Dong {
  return prorate(amount, contractYearDays(period.start), inclusiveDays(period.start, period.last));
}

/**
 * Splits a total into n instalments that sum exactly to it: each gets ⌊total ÷ n⌋ and the first
 * (total mod n) get one đồng more, so earlier instalments are never smaller than later ones.
 */
export function splitInstalments(total: number, n: number): Dong[] {
  assertDong(total, 'total');
  if (!Number.isInteger(n) || n < 1) throw new RangeError('instalments must be a positive integer');
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}
