/**
 * Builds the admin console and the citizens' portal with Vite when their sources changed since the
 * last build (a SHA-256 over the sources is kept in dist/.source-hash). `npm start` runs it first,
 * and so does the test setup, so both always serve what the sources say. Production images build
 * once in the Dockerfile and never need Vite at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface FrontEnd {
  folder: string;
  /** Source folders and files, relative to the repository root, whose change needs a rebuild. */
  inputs: string[];
}

export const frontEnds: FrontEnd[] = [
  {
    folder: 'admin-console',
    inputs: [
      'admin-console/src',
      'admin-console/index.html',
      'admin-console/vite.config.ts',
      'admin-console/package.json',
      'tenant-portal/src/form-renderer',
    ],
  },
  {
    folder: 'tenant-portal',
    inputs: [
      'tenant-portal/src',
      'tenant-portal/index.html',
      'tenant-portal/vite.config.ts',
      'tenant-portal/package.json',
    ],
  },
];

function filesUnder(p: string): string[] {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((name) => filesUnder(path.join(p, name)));
}

/** This file is part of every front end's inputs: a change in how they are built rebuilds them. */
const recipe = path.relative(root, fileURLToPath(import.meta.url));

export function sourceHash(fe: FrontEnd): string {
  const h = createHash('sha256');
  for (const input of [...fe.inputs, recipe])
    for (const file of filesUnder(path.join(root, input))) {
      h.update(path.relative(root, file));
      h.update(readFileSync(file));
    }
  return h.digest('hex');
}

const stampOf = (fe: FrontEnd) => path.join(root, fe.folder, 'dist', '.source-hash');

export function isFresh(fe: FrontEnd): boolean {
  const stamp = stampOf(fe);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash(fe);
}

/**
 * Vite takes the bundle's process.env.NODE_ENV from the caller's environment before its mode: built
 * from the test setup (NODE_ENV=test) the portal got React's development build (506 KB instead of
 * 288 KB, 153 KB gzip instead of 91 KB, and much slower to run), and that build was then served by
 * `npm start`, the stamp saying it was fresh. Whoever calls, the build is production.
 */
async function productionBuild<T>(run: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Builds whichever front end is stale; returns the folders it built. */
export async function ensureFrontEndsBuilt(log: (msg: string) => void = console.log): Promise<string[]> {
  const built: string[] = [];
  for (const fe of frontEnds) {
    if (isFresh(fe)) continue;
    const { build } = await import('vite');
    log(`Building ${fe.folder}…`);
    const hash = sourceHash(fe);
    await productionBuild(() =>
      build({
        root: path.join(root, fe.folder),
        mode: 'production',
        logLevel: 'warn',
        configFile: path.join(root, fe.folder, 'vite.config.ts'),
      }),
    );
    writeFileSync(stampOf(fe), hash);
    built.push(fe.folder);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureFrontEndsBuilt().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
