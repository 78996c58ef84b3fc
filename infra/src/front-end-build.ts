/**
 * Builds the admin console and the citizens' portal with Vite when their sources changed since the
 * last build (a SHA-256 over the sources is kept in dist/.source-hash). `npm start` runs it first,
 * and so does the test setup, so both always serve what the sources say. Production images build
 * once in the Dockerfile and never need Vite at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * Where the prerender module is built for Node, with everything it imports bundled in (the image
 * drops the portal's sources), beside the browser build's own index.html as its template. A dot
 * folder: the static handler never serves it. The server renders procedure pages with it.
 */
export const ssrFolder = (fe: { folder: string }) => path.join(root, fe.folder, 'dist', '.ssr');

interface PrerenderModule {
  renderDocument: (template: string, page: { kind: 'home' } | { kind: 'frame' }) => string;
}

/** Builds the prerender module, renders the home into dist/index.html and the frame into dist/frame.html. */
async function prerender(fe: FrontEnd, entry: string): Promise<void> {
  const { build } = await import('vite');
  const dist = path.join(root, fe.folder, 'dist');
  const out = ssrFolder(fe);
  await build({
    root: path.join(root, fe.folder),
    mode: 'production',
    logLevel: 'warn',
    configFile: path.join(root, fe.folder, 'vite.config.ts'),
    ssr: { noExternal: true },
    // React's production build only, whatever NODE_ENV the server runs with (tests: 'test').
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      ssr: entry,
      outDir: out,
      emptyOutDir: true,
      copyPublicDir: false,
      // Smaller to load under tsx (npm start), which transforms what the server imports.
      minify: true,
      rollupOptions: { output: { entryFileNames: 'prerender.js' } },
    },
  });
  const template = readFileSync(path.join(dist, 'index.html'), 'utf8');
  writeFileSync(path.join(out, 'template.html'), template);
  const mod = (await import(
    `${pathToFileURL(path.join(out, 'prerender.js')).href}?at=${Date.now()}`
  )) as PrerenderModule;
  writeFileSync(path.join(dist, 'frame.html'), mod.renderDocument(template, { kind: 'frame' }));
  writeFileSync(path.join(dist, 'index.html'), mod.renderDocument(template, { kind: 'home' }));
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
