import { describe, expect, it } from 'vitest';
import {
  graduatedLines,
  overageCharge,
  overagePricing,
  vat,
  type OveragePricing,
} from '../src/pricing/index';

const flat: OveragePricing = { model: 'flat', unitPrice: 12_000 };
// 0–1,000 dossiers over quota at 10,000 đ, 1,001–5,000 at 8,000 đ, beyond at 6,000 đ
const graduated: OveragePricing = {
  model: 'graduated',
  tiers: [
    { upTo: 1_000, unitPrice: 10_000 },
    { upTo: 5_000, unitPrice: 8_000 },
    { upTo: null, unitPrice: 6_000 },
  ],
};

describe('overageCharge(usedOverQuota, pricing)', () => {
  it.each([
    // over quota, pricing, expected
    [-10, flat, 0], // under quota
    [0, flat, 0], // quota exactly met
    [1, flat, 12_000], // one over
    [20_000, flat, 240_000_000], // far over: seed 002's 240 million a year
    [0, graduated, 0],
    [1, graduated, 10_000],
    [999, graduated, 9_990_000],
    [1_000, graduated, 10_000_000], // last dossier of tier 1
    [1_001, graduated, 10_008_000], // first of tier 2
    [5_000, graduated, 42_000_000],
    [5_001, graduated, 42_006_000], // first of the open tier
    [100_000, graduated, 612_000_000], // far over
  ])('%i over quota → %i đồng', (over, pricing, expected) => {
    expect(overageCharge(over, pricing)).toBe(expected);
  });

  it('a single open tier is the flat price', () => {
    const single: OveragePricing = { model: 'graduated', tiers: [{ upTo: null, unitPrice: 12_000 }] };
    for (const n of [0, 1, 7, 20_000]) expect(overageCharge(n, single)).toBe(overageCharge(n, flat));
  });

  it('graduated lines show each tier used and sum to the charge', () => {
    if (graduated.model !== 'graduated') throw new Error('fixture');
    const lines = graduatedLines(5_001, graduated);
    expect(lines).toEqual([
      { from: 1, to: 1_000, quantity: 1_000, unitPrice: 10_000, amount: 10_000_000 },
      { from: 1_001, to: 5_000, quantity: 4_000, unitPrice: 8_000, amount: 32_000_000 },
      { from: 5_001, to: 5_001, quantity: 1, unitPrice: 6_000, amount: 6_000 },
    ]);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(overageCharge(5_001, graduated));
  });
});

describe('overage pricing schema', () => {
  it.each([
    [{ model: 'flat', unitPrice: 1 }, true],
    [{ model: 'flat', unitPrice: -1 }, false],
    [{ model: 'flat', unitPrice: 1.5 }, false],
    [{ model: 'graduated', tiers: [{ upTo: null, unitPrice: 1 }] }, true],
    [{ model: 'graduated', tiers: [] }, false],
    [{ model: 'graduated', tiers: [{ upTo: 10, unitPrice: 1 }] }, false], // last tier must be open
    [
      {
        model: 'graduated',
        tiers: [
          { upTo: null, unitPrice: 1 },
          { upTo: null, unitPrice: 1 },
        ],
      },
      false,
    ],
    [
      {
        model: 'graduated',
        tiers: [
          { upTo: 10, unitPrice: 1 },
          { upTo: 10, unitPrice: 1 },
          { upTo: null, unitPrice: 1 },
        ],
      },
      false,
    ],
    [{ model: 'volume', unitPrice: 1 }, false],
  ])('%j valid: %s', (input, ok) => {
    expect(overagePricing.safeParse(input).success).toBe(ok);
  });
});

describe('vat(amount, rateBp), rounded half up to the đồng', () => {
  it.each([
    [1_188_000_000, 0, 0], // default 0%: the province decides IT-service VAT
    [1_188_000_000, 1_000, 118_800_000], // 10%
    [1_188_000_000, 800, 95_040_000], // 8%
    [5, 1_000, 1], // 0.5 → 1
    [4, 1_000, 0], // 0.4 → 0
    [15, 1_000, 2], // 1.5 → 2
    [14, 1_000, 1],
    [12_345, 500, 617], // 617.25
    [12_347, 500, 617], // 617.35
    [12_350, 500, 618], // 617.5 → 618
    [0, 1_000, 0],
  ])('vat(%i, %i bp) = %i', (amount, bp, expected) => {
    expect(vat(amount, bp)).toBe(expected);
  });

  it.each([
    [-1, 1000],
    [100, -1],
    [100, 10_001],
    [100, 2.5],
  ])('refuses vat(%d, %d)', (amount, bp) => {
    expect(() => vat(amount, bp)).toThrow(RangeError);
  });
});
