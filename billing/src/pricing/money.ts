/**
 * Money is an integer number of đồng (VND has no minor unit). Amounts are JS numbers, always safe
 * integers; products are computed in BigInt so no intermediate loses precision.
 */
export type Dong = number;

export function assertDong(amount: number, what = 'amount'): Dong {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`${what} must be a non-negative whole number of đồng, got ${amount}`);
  return amount;
}

/**
 * a × b ÷ c rounded half up (a, b, c ≥ 0, c > 0): ties go away from zero, so 0.5 đồng becomes 1.
 * The rule every division in pricing uses, so the same inputs always give the same đồng.
 */
export function mulDivRoundHalfUp(a: number, b: number, c: number): Dong {
  if (c <= 0) throw new RangeError('divisor must be positive');
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const q = (num * 2n + den) / (den * 2n);
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError('result exceeds the safe integer range');
  return out;
}
