import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, type MachineInfo } from './machine';
import type { Outcome } from './types';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../results');

export interface ResultFile extends Omit<Outcome, 'summary'> {
  benchmark: string;
  date: string;
  machine: MachineInfo;
  met: boolean;
  summary: string;
}

/** Writes bench/results/<name>.json (CONTRACT.md's shape) and returns the one-line summary. */
export async function writeResult(
  name: string,
  outcome: Outcome,
  startedAt: Date,
): Promise<{ file: string; line: string }> {
  const met = Object.values(outcome.goals).every((g) => g.met);
  const line = `${name}: ${outcome.summary} — ${met ? 'met' : 'NOT met'}`;
  const result: ResultFile = {
    benchmark: name,
    date: startedAt.toISOString(),
    machine: machineInfo(),
    metrics: outcome.metrics,
    ratios: outcome.ratios,
    goals: outcome.goals,
    met,
    summary: line,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return { file, line };
}
