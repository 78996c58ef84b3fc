/** What every benchmark in bench/src/benchmarks/ exports. */
export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Outcome>;
}

export interface BenchContext {
  /** Progress goes to stderr, so stdout carries only the one-line summary. */
  log(message: string): void;
  /** Optional overrides from the command line (`--seconds 5 --rounds 2`), for quick trial runs. */
  options: { seconds?: number; rounds?: number };
}

export interface Goal {
  /** Human-readable target, e.g. "≥ 0.95". */
  target: string;
  actual: number | boolean | string;
  met: boolean;
}

/** A benchmark's findings; run.ts adds the name, date, machine and `met` before writing them. */
export interface Outcome {
  metrics: Record<string, unknown>;
  ratios: Record<string, number>;
  goals: Record<string, Goal>;
  /** The one-line summary without the benchmark's name and verdict, e.g. "read 0.98× req/s". */
  summary: string;
}
