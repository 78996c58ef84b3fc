import { describe, expect, it } from 'vitest';
import {
  contractYearDays,
  contractYearEnd,
  inclusiveDays,
  localDate,
  prorate,
  prorateForPeriod,
  splitInstalments,
} from '../src/pricing/index';

const LEASE = 1_188_000_000; // seed 002: 1,188 million đồng a year for the province

describe('contract year length', () => {
  it.each([
    ['2027-07-01', 366, '2028-06-30'], // contains 29 Feb 2028
    ['2027-01-01', 365, '2027-12-31'],
    ['2028-01-01', 366, '2028-12-31'],
    ['2028-03-01', 365, '2029-02-28'], // starts after the leap day
    ['2028-02-29', 366, '2029-02-28'], // starts on it, so contains it
    ['2027-03-01', 366, '2028-02-29'],
    ['2026-11-23', 365, '2027-11-22'],
  ])('a year from %s has %i days and ends on %s', (start, days, end) => {
    expect(contractYearDays(start)).toBe(days);
    expect(contractYearEnd(start)).toBe(end);
    expect(inclusiveDays(start, end)).toBe(days);
  });
});

describe('prorate(amount, contractDays, activeDays)', () => {
  it.each([
    // amount, contractDays, activeDays, expected
    [LEASE, 365, 365, LEASE],
    [LEASE, 366, 366, LEASE],
    [LEASE, 365, 0, 0],
    [LEASE, 365, -5, 0], // clamped
    [LEASE, 365, 400, LEASE], // clamped
    [LEASE, 366, 183, 594_000_000], // exactly half
    [LEASE, 365, 184, 598_882_192], // 598,882,191.78 → up
    [1, 2, 1, 1], // 0.5 rounds half up
    [1, 3, 1, 0], // 0.333 rounds down
    [2, 3, 1, 1], // 0.667 rounds up
    [5, 2, 1, 3], // 2.5 → 3
    [10_000, 365, 1, 27], // 27.397
    [Number.MAX_SAFE_INTEGER, 366, 366, Number.MAX_SAFE_INTEGER], // BigInt: no precision lost
  ])('prorate(%i, %i, %i) = %i', (amount, contractDays, activeDays, expected) => {
    expect(prorate(amount, contractDays, activeDays)).toBe(expected);
  });

  it.each([
    [-1, 365, 1],
    [1.5, 365, 1],
    [100, 0, 1],
    [100, 365, 1.5],
  ])('refuses prorate(%d, %d, %d)', (amount, contractDays, activeDays) => {
    expect(() => prorate(amount, contractDays, activeDays)).toThrow(RangeError);
  });
});

describe('proration of lease and quota for mid-year start or end, across leap years', () => {
  it.each([
    // start, last day covered, amount, expected — 2028 is a leap year
    ['2027-07-01', '2028-06-30', LEASE, LEASE], // full year of 366 days
    ['2027-07-01', '2027-12-31', LEASE, 597_245_902], // 184/366 = 597,245,901.64
    ['2027-01-01', '2027-06-30', LEASE, 589_117_808], // 181/365 = 589,117,808.22
    ['2028-01-01', '2028-06-30', LEASE, 590_754_098], // 182/366 (29 Feb counts) = 590,754,098.36
    ['2028-03-01', '2028-03-01', LEASE, 3_254_795], // one day of a 365-day year = 3,254,794.52
    ['2028-02-29', '2028-02-29', LEASE, 3_245_902], // one day of a 366-day year = 3,245,901.64
    ['2027-07-01', '2028-06-30', 10_000, 10_000], // quota in dossiers, full year
    ['2027-07-01', '2027-12-31', 10_000, 5_027], // 5,027.32
    ['2027-07-01', '2027-06-30', 10_000, 0], // terminated before it started
  ])('%s … %s of %i prorates to %i', (start, last, amount, expected) => {
    expect(prorateForPeriod(amount, { start, last })).toBe(expected);
  });
});

describe('splitInstalments: the instalments always sum to the total', () => {
  it.each([
    [LEASE, 1, [LEASE]],
    [LEASE, 4, [297_000_000, 297_000_000, 297_000_000, 297_000_000]],
    [100, 3, [34, 33, 33]],
    [2, 3, [1, 1, 0]],
    [0, 2, [0, 0]],
    [597_245_902, 12, [...Array<number>(10).fill(49_770_492), 49_770_491, 49_770_491]], // remainder 10
  ])('split(%i, %i)', (total, n, expected) => {
    const parts = splitInstalments(total, n);
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('sums exactly for many totals and counts', () => {
    for (let total = 0; total < 2_000; total += 37)
      for (let n = 1; n <= 12; n++) expect(splitInstalments(total, n).reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('localDate: the contract calendar is Asia/Ho_Chi_Minh', () => {
  it.each([
    ['2027-06-30T16:59:59Z', '2027-06-30'],
    ['2027-06-30T17:00:00Z', '2027-07-01'], // midnight in Hà Nội is 17:00 UTC
    ['2028-02-28T17:30:00Z', '2028-02-29'],
  ])('%s is %s', (instant, date) => {
    expect(localDate(new Date(instant))).toBe(date);
  });
});
