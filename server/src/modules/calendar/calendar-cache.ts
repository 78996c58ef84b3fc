import type { Tx } from '../../db/transactor';
import type { CalendarEntry } from './calendar';

/**
 * Each year's holiday rows, kept in memory: every reception computes a due date, the list changes
 * a few times a year.
 *
 * Correct within one process: writes through the calendar module invalidate after their transaction
 * settles (committed or not), and a load that read the table before an invalidation does not store
 * what it read (the generation check), so a reader never keeps a list older than the last write it
 * could have missed. Other processes (a second API replica, the worker) hold a year at most MAX_AGE.
 */
const MAX_AGE_MS = 5 * 60_000;

interface Held {
  loadedAt: number;
  entries: CalendarEntry[];
}

export class CalendarCache {
  private years = new Map<number, Held>();
  private gen = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get generation(): number {
    return this.gen;
  }

  get(year: number): CalendarEntry[] | undefined {
    const held = this.years.get(year);
    if (!held) return undefined;
    if (this.now() - held.loadedAt > MAX_AGE_MS) {
      this.years.delete(year);
      return undefined;
    }
    return held.entries;
  }

  /** Stores what a load read, unless an invalidation happened since the load began. */
  put(year: number, entries: CalendarEntry[], generationAtStart: number): void {
    if (generationAtStart !== this.gen) return;
    this.years.set(year, { loadedAt: this.now(), entries });
  }

  invalidate(): void {
    this.gen++;
    this.years.clear();
  }
}

/** The process's cache, used by loadCalendar unless a test passes its own. */
export const calendarCache = new CalendarCache();

/**
 * Invalidates the cache once the writing transaction has committed or rolled back: invalidating
 * before the commit would let a concurrent reader reload the old rows and keep them.
 */
export function invalidateCalendarAfterCommit(tx: Tx, cache: CalendarCache = calendarCache): void {
  const done = () => cache.invalidate();
  void tx.executionPromise.then(done, done);
}
