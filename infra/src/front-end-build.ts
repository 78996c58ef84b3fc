/**
 * Builds the admin console and the citizens' portal with Vite when their sources changed since the
 * last build (a SHA-256 over the sources is kept in dist/.source-hash). `npm start` runs it first,
 * and so does the test setup, so both always serve what the sources say. Production images build
 * once in the Dockerfile and never need Vite at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface FrontEnd {
  folder: string;
  /** Source folders and files, relative to the repository root, whose change needs a rebuild. */
  inputs: string[];
  /**
   * A module (relative to the folder) rendering pages at build time: its home goes into
   * dist/index.html, its frame into dist/frame.html, which the server sends for client routes.
   */
  prerender?: string;
}

interface Prerendered {
  path: string;
  html: string;
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
    prerender: 'src/prerender.tsx',
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

/** Builds the prerender module for Node, renders its pages into the built index.html. */
async function prerender(fe: FrontEnd, entry: string): Promise<void> {
  const { build } = await import('vite');
  const dist = path.join(root, fe.folder, 'dist');
  // Inside dist so that its imports (react, react-router) resolve from the workspace; removed after.
  const out = path.join(dist, '.prerender');
  await build({
    root: path.join(root, fe.folder),
    mode: 'production',
    logLevel: 'warn',
    configFile: path.join(root, fe.folder, 'vite.config.ts'),
    build: { ssr: entry, outDir: out, emptyOutDir: true, copyPublicDir: false },
  });
  try {
    const file = path.join(out, `${path.basename(entry, path.extname(entry))}.js`);
    const mod = (await import(`${pathToFileURL(file).href}?at=${Date.now()}`)) as {
      prerenderHome: () => Prerendered;
      prerenderFrame: () => Prerendered;
    };
    const page = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const fill = (p: Prerendered) => {
      const attr = p.path ? ` data-prerendered="${p.path}"` : '';
      const filled = page.replace('<div id="root"></div>', `<div id="root"${attr}>${p.html}</div>`);
      if (filled === page) throw new Error(`${fe.folder}/index.html has no empty <div id="root"></div>`);
      return filled;
    };
    writeFileSync(path.join(dist, 'frame.html'), fill(mod.prerenderFrame()));
    writeFileSync(path.join(dist, 'index.html'), fill(mod.prerenderHome()));
  } finally {
    rmSync(out, { recursive: true, force: true });
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
    if (fe.prerender) await productionBuild(() => prerender(fe, fe.prerender!));
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
