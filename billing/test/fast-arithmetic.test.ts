import { describe, expect, it } from 'vitest';
import { formatViInteger, mulDivRoundHalfUp } from '../src/pricing/money';

/** The invoice run's fast paths must agree with the slow, obviously right ones. */
describe('fast paths', () => {
  it.each([0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 1_234_567_890, -4_321, Number.MAX_SAFE_INTEGER])(
    'formatViInteger(%d) equals Intl vi-VN',
    (n) => {
      expect(formatViInteger(n)).toBe(new Intl.NumberFormat('vi-VN').format(n));
    },
  );

  const exact = (a: number, b: number, c: number) =>
    Number((BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (BigInt(c) * 2n));
  it.each([
    [1_188_000_000, 184, 366],
    [1_188_000_000, 181, 365],
    [5, 1, 2],
    [3, 1, 2],
    [1, 1, 3],
    [999_999_999_999, 10_000, 10_000],
    [123_456_789_012, 1_000, 10_000],
    [2 ** 40, 2 ** 12, 7],
  ])('mulDivRoundHalfUp(%d, %d, %d) equals the BigInt result', (a, b, c) => {
    expect(mulDivRoundHalfUp(a, b, c)).toBe(exact(a, b, c));
  });

  it('agrees on 20,000 random prorations', () => {
    for (let i = 0; i < 20_000; i++) {
      const a = Math.floor(Math.random() * 10 ** (1 + Math.floor(Math.random() * 12)));
      const c = 1 + Math.floor(Math.random() * 400);
      const b = Math.floor(Math.random() * (c + 1));
      expect(mulDivRoundHalfUp(a, b, c)).toBe(exact(a, b, c));
    }
  });
});
