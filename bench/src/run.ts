import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeResult } from './lib/results';
import type { BenchContext, Benchmark } from './lib/types';

/**
 * `npm run bench [-- <name>] [--seconds N] [--rounds N]`: runs one benchmark or all of them, one
 * after another (never in parallel: they would measure each other), and writes bench/results/<name>.json.
 */
const BENCHMARKS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'benchmarks');

async function discover(): Promise<Benchmark[]> {
  const files = (await readdir(BENCHMARKS_DIR)).filter((f) => f.endsWith('.ts')).sort();
  const found: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(BENCHMARKS_DIR, f)).href)) as { benchmark?: Benchmark };
    if (!mod.benchmark) throw new Error(`${f} does not export a benchmark`);
    found.push(mod.benchmark);
  }
  return found;
}

function parseArgs(argv: string[]): { names: string[]; options: BenchContext['options'] } {
  const names: string[] = [];
  const options: BenchContext['options'] = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seconds' || a === '--rounds') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number`);
      options[a === '--seconds' ? 'seconds' : 'rounds'] = n;
    } else names.push(a);
  }
  return { names, options };
}

async function main(): Promise<void> {
  const { names, options } = parseArgs(process.argv.slice(2));
  const all = await discover();
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  }
  const chosen = names.length > 0 ? all.filter((b) => names.includes(b.name)) : all;
  for (const b of chosen) {
    const startedAt = new Date();
    const ctx: BenchContext = { options, log: (m) => process.stderr.write(`[${b.name}] ${m}\n`) };
    ctx.log(b.description);
    const outcome = await b.run(ctx);
    const { file, line } = await writeResult(b.name, outcome, startedAt);
    ctx.log(
      `wrote ${path.relative(process.cwd(), file)} in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s`,
    );
    process.stdout.write(`${line}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
