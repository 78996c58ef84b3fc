// Due dates are judged by calendar days in Asia/Ho_Chi_Minh, whatever the browser's zone.
import { describe, expect, it } from 'vitest';
import { localToday } from '../../src/core/format';
import { monthsOf } from '../../src/dossier-work/monitoring/figures';
import { QUEUES, queueFilter, queuesFor } from '../../src/dossier-work/queues';
import { urgencyOf } from '../../src/dossier-work/urgency';

// 2026-12-04 09:00 in Vietnam = 02:00 UTC.
const now = new Date('2026-12-04T02:00:00Z');

describe('urgencyOf', () => {
  it.each([
    ['2026-12-04T01:59:59Z', 'late'], // a second ago
    ['2026-12-04T10:00:00Z', 'today'], // 17:00 today in Vietnam
    ['2026-12-04T16:59:59Z', 'today'], // 23:59:59 today in Vietnam
    ['2026-12-04T17:00:00Z', 'soon'], // midnight: tomorrow in Vietnam, still 4 Dec in UTC
    ['2026-12-06T16:59:59Z', 'soon'], // end of the day after tomorrow
    ['2026-12-06T17:00:00Z', 'later'], // three days ahead
  ])('%s is %s', (due, expected) => {
    expect(urgencyOf(due, now)).toBe(expected);
  });

  it('counts the Vietnamese day even when UTC is still on the previous one', () => {
    // 23:30 UTC on 3 Dec = 06:30 on 4 Dec in Vietnam; due 16:00 Vietnam the same day.
    expect(urgencyOf('2026-12-04T09:00:00Z', new Date('2026-12-03T23:30:00Z'))).toBe('today');
  });

  it('has nothing to say without a due date', () => {
    expect(urgencyOf(null, now)).toBeNull();
    expect(urgencyOf('not a date', now)).toBeNull();
  });
});

describe('queues', () => {
  it('gives each role its queues', () => {
    expect(queuesFor(['desk_officer']).map((q) => q.key)).toEqual([
      'reception',
      'to_assign',
      'to_return',
      'all',
    ]);
    expect(queuesFor(['leader']).map((q) => q.key)).toEqual([
      'mine',
      'to_assign',
      'processing',
      'to_issue',
      'all',
    ]);
    expect(queuesFor(['tenant_admin'])).toEqual([]);
  });

  it('asks the API for the queue’s statuses and the caller’s own dossiers', () => {
    const mine = QUEUES.find((q) => q.key === 'mine')!;
    expect(queueFilter(mine)).toEqual({ status: ['in_progress', 'awaiting_supplement'], assigneeId: 'me' });
    expect(queueFilter(QUEUES.find((q) => q.key === 'all')!)).toEqual({});
  });
});

describe('monitoring months', () => {
  it('runs from January to today, the current month cut at today', () => {
    const m = monthsOf(2026, '2026-03-15');
    expect(m).toEqual([
      { label: '01/2026', from: '2026-01-01', to: '2026-01-31' },
      { label: '02/2026', from: '2026-02-01', to: '2026-02-28' },
      { label: '03/2026', from: '2026-03-01', to: '2026-03-15' },
    ]);
    expect(monthsOf(2024, '2026-01-01')[1]).toEqual({
      label: '02/2024',
      from: '2024-02-01',
      to: '2024-02-29',
    });
  });

  it('takes today in Vietnam', () => {
    expect(localToday(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
  });
});
