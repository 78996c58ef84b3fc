/**
 * Pure arithmetic over rollup counts: sums up the unit hierarchy, shares and the proxies of the
 * service-quality index of Decision 766/QĐ-TTg. No database here.
 */
export const COUNT_KEYS = [
  'received',
  'received_online',
  'received_digitized',
  'resolved',
  'early',
  'on_time',
  'late',
  'late_apologized',
  'approved',
  'rated',
  'very_satisfied',
  'satisfied',
  'unsatisfied',
] as const;
export type Counts = Record<(typeof COUNT_KEYS)[number], number>;

export const zeroCounts = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;

export function addCounts(a: Counts, b: Counts): Counts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, a[k] + b[k]])) as Counts;
}

/** A share in [0, 1], 4 decimals; null when nothing was counted (no denominator is not 0 %). */
const share = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/** Seed 003's satisfaction targets and desk productivity norms (dossiers per desk officer per year). */
export const TARGETS = {
  satisfaction: { provincial: 0.96, districtOrCommune: 0.95 },
  deskProductivityPerYear: { urban: 1600, rural: 1200, remote: 800 },
} as const;

/**
 * The five component groups of the service-quality index (Decision 766/QĐ-TTg), each as a share in
 * [0, 1]. All are PROXIES computed from what this system records, not the official scoring (which
 * weighs many sub-indicators, some from other systems):
 * - transparency: late dossiers that got an apology slip / late dossiers (766 counts public apology
 *   for late dossiers under transparency; publication on the national portal is not ours to see);
 * - progress: resolved early or on time / resolved;
 * - digitization: received with electronic papers / received;
 * - online: received online / received;
 * - satisfaction: very satisfied + satisfied / ratings.
 */
export function qualityIndex(c: Counts) {
  return {
    transparency: c.late > 0 ? share(c.late_apologized, c.late) : c.resolved > 0 ? 1 : null,
    progress: share(c.early + c.on_time, c.resolved),
    digitization: share(c.received_digitized, c.received),
    online: share(c.received_online, c.received),
    satisfaction: share(c.very_satisfied + c.satisfied, c.rated),
  };
}

/**
 * The figures of one scope over a period: counts, shares, the 766 proxies, and desk productivity
 * scaled to a year — received / desk officers who received in the period × 365 / days.
 */
export function figuresOf(c: Counts, days: number, deskOfficers: number) {
  return {
    ...c,
    onTimeShare: share(c.early + c.on_time, c.resolved),
    onlineShare: share(c.received_online, c.received),
    digitizedShare: share(c.received_digitized, c.received),
    satisfactionShare: share(c.very_satisfied + c.satisfied, c.rated),
    deskOfficers,
    deskProductivityPerYear: deskOfficers > 0 ? Math.round((c.received / deskOfficers) * (365 / days)) : null,
    qualityIndex: qualityIndex(c),
  };
}
export type Figures = ReturnType<typeof figuresOf>;
