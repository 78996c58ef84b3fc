import { describe, expect, it } from 'vitest';
import type { Contract } from '../../billing/src/index';
import { summarize, thresholdsReached } from '../src/index';

describe('thresholdsReached(used, quota)', () => {
  it.each([
    [0, 10, []],
    [7, 10, []],
    [8, 10, [80]], // exactly 80%
    [9, 10, [80]],
    [10, 10, [80, 100]], // quota exactly met
    [11, 10, [80, 100]],
    [799, 1_000, []],
    [800, 1_000, [80]],
    [0, 0, []],
    [1, 0, [80, 100]], // a zero quota is passed by the first dossier
  ])('%i of %i → %j', (used, quota, expected) => {
    expect(thresholdsReached(used, quota)).toEqual(expected);
  });
});

const contract = (over: Partial<Contract> = {}): Contract =>
  ({
    id: 'c',
    tenantId: 't',
    startDate: '2027-07-01',
    endDate: '2028-06-30',
    lastDay: '2028-06-30',
    status: 'active',
    contractDays: 366,
    activeDays: 366,
    quota: 10_000,
    ...over,
  }) as Contract;

describe('summarize: used, remaining, percent and a linear forecast', () => {
  it.each([
    // now (UTC), used, elapsed days, forecast
    ['2027-06-30T10:00:00Z', 0, 0, 0], // before the start
    ['2027-07-01T10:00:00Z', 30, 1, 10_980], // day 1: 30 × 366
    ['2027-07-10T10:00:00Z', 100, 10, 3_660],
    ['2027-12-31T10:00:00Z', 5_000, 184, 9_946], // 5,000 × 366 / 184 = 9,945.65
    ['2028-06-30T10:00:00Z', 12_000, 366, 12_000], // last day: the forecast is what was used
    ['2029-01-01T00:00:00Z', 12_000, 366, 12_000], // after the end
  ])('at %s with %i used: %i days elapsed, forecast %i', (now, used, elapsed, forecast) => {
    const s = summarize(contract(), used, 0, new Date(now));
    expect(s.elapsedDays).toBe(elapsed);
    expect(s.forecast).toBe(forecast);
    expect(s.remaining).toBe(Math.max(0, 10_000 - used));
    expect(s.overQuota).toBe(Math.max(0, used - 10_000));
  });

  it('percent has one decimal and is null for a zero quota', () => {
    expect(summarize(contract(), 1_234, 0, new Date('2028-01-01')).percent).toBe(12.3);
    expect(summarize(contract({ quota: 0 }), 5, 0, new Date('2028-01-01')).percent).toBeNull();
  });

  it('a contract ended early forecasts to its last day', () => {
    const ended = contract({ lastDay: '2027-12-31', activeDays: 184, quota: 5_027 });
    expect(summarize(ended, 1_000, 0, new Date('2027-09-30T10:00:00Z'))).toMatchObject({
      elapsedDays: 92,
      totalDays: 184,
      forecast: 2_000,
    });
  });
});
