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
  // Fast path in doubles while every intermediate is an exact integer (a run prorates 10,000s of
  // contracts); the quotient is then corrected by one either way, so it is the exact floor.
  const twice = 2 * a * b + c;
  if (Number.isSafeInteger(twice) && twice + 2 * c <= Number.MAX_SAFE_INTEGER) {
    const y = 2 * c;
    let q = Math.floor(twice / y);
    if (q * y > twice) q--;
    else if ((q + 1) * y <= twice) q++;
    return q;
  }
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const q = (num * 2n + den) / (den * 2n);
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError('result exceeds the safe integer range');
  return out;
}

/**
 * A whole number with its digits grouped by '.', as vi-VN writes them (1.234.567) — what
 * Intl.NumberFormat('vi-VN') prints for integers, without its cost per call (an invoice run
 * formats tens of thousands of them).
 */
export function formatViInteger(n: number): string {
  if (!Number.isSafeInteger(n)) return new Intl.NumberFormat('vi-VN').format(n);
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3)
    out = (end > 3 ? '.' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return n < 0 ? `-${out}` : out;
}
