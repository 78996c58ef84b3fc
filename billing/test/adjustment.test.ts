import { describe, expect, it } from 'vitest';
import { overageCharge, overageLinesBetween, type OveragePricing } from '../src/pricing/index';

const flat: OveragePricing = { model: 'flat', unitPrice: 12_000 };
const graduated: OveragePricing = {
  model: 'graduated',
  tiers: [
    { upTo: 1_000, unitPrice: 10_000 },
    { upTo: 5_000, unitPrice: 8_000 },
    { upTo: null, unitPrice: 6_000 },
  ],
};

describe('overageLinesBetween(billedOver, over, pricing): what an adjustment adds', () => {
  it.each([
    // billed, over, pricing, [tier, from, to] of each line
    [0, 0, graduated, []],
    [10, 10, graduated, []], // nothing added
    [10, 5, graduated, []], // fewer than billed: not an adjustment (a credit note's business)
    [0, 1, flat, [[1, 1, 1]]],
    [3, 7, flat, [[1, 4, 7]]],
    [999, 1_000, graduated, [[1, 1_000, 1_000]]], // last of tier 1
    [1_000, 1_001, graduated, [[2, 1_001, 1_001]]], // first of tier 2
    [
      999,
      1_001,
      graduated,
      [
        [1, 1_000, 1_000],
        [2, 1_001, 1_001],
      ],
    ],
    [
      500,
      5_001,
      graduated,
      [
        [1, 501, 1_000],
        [2, 1_001, 5_000],
        [3, 5_001, 5_001],
      ],
    ],
    [5_000, 9_000, graduated, [[3, 5_001, 9_000]]],
  ] as const)('billed %i, now %i over', (billed, over, pricing, expected) => {
    const lines = overageLinesBetween(billed, over, pricing);
    expect(lines.map((l) => [l.tier, l.from, l.to])).toEqual(expected);
    const added = lines.reduce((s, l) => s + l.amount, 0);
    expect(added).toBe(Math.max(0, overageCharge(over, pricing) - overageCharge(billed, pricing)));
    for (const l of lines) expect(l.quantity).toBe(l.to - l.from + 1);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => overageLinesBetween(-1, 3, flat)).toThrow(RangeError);
    expect(() => overageLinesBetween(0, 1.5, flat)).toThrow(RangeError);
  });
});
