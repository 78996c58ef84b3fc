import type { LoadGenerator, LoadResult, LoadSpec } from '../../lib/load';
import { median, round } from '../../lib/stats';

export const VARIANTS = ['rls', 'bypass'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface RoundStats {
  reqPerSec: number;
  p50: number;
  p99: number;
}

/** Medians over the rounds, and the rounds themselves so the spread stays visible. */
export interface VariantStats extends RoundStats {
  requests: number;
  rounds: RoundStats[];
}

function checked(variant: Variant, r: LoadResult): LoadResult {
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0 || r.requests === 0) {
    throw new Error(
      `${variant}: ${r.requests} responses, ${r.non2xx} not 2xx, ${r.errors} errors, ${r.timeouts} timeouts — the run is not valid`,
    );
  }
  return r;
}

/**
 * Warms both variants up, then runs them in alternating rounds, flipping which goes first each
 * round (A B, B A, A B …), so drift — caches filling, tables growing, the machine's other load —
 * falls on both alike. Each variant's figure is its median over the rounds.
 */
export async function alternate(
  load: LoadGenerator,
  specs: Record<Variant, LoadSpec>,
  opts: { rounds: number; warmupSeconds: number },
  log: (m: string) => void,
): Promise<Record<Variant, VariantStats>> {
  for (const v of VARIANTS) checked(v, await load.run({ ...specs[v], seconds: opts.warmupSeconds }));
  const runs: Record<Variant, LoadResult[]> = { rls: [], bypass: [] };
  for (let i = 0; i < opts.rounds; i++) {
    const order = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
    for (const v of order) {
      const r = checked(v, await load.run(specs[v]));
      runs[v].push(r);
      log(
        `  round ${i + 1} ${v.padEnd(6)} ${r.reqPerSec.toFixed(0).padStart(5)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`,
      );
    }
  }
  const stats = (rs: LoadResult[]): VariantStats => ({
    reqPerSec: round(median(rs.map((r) => r.reqPerSec)), 1),
    p50: round(median(rs.map((r) => r.p50)), 2),
    p99: round(median(rs.map((r) => r.p99)), 2),
    requests: rs.reduce((n, r) => n + r.requests, 0),
    rounds: rs.map((r) => ({ reqPerSec: round(r.reqPerSec, 1), p50: r.p50, p99: r.p99 })),
  });
  return { rls: stats(runs.rls), bypass: stats(runs.bypass) };
}
