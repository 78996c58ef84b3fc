import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build:server`: the server, the worker and the CLI compiled to JavaScript once, so production
 * runs `node server/dist/api.mjs` instead of compiling TypeScript through tsx in every process (tsx's
 * loader and its caches cost resident memory and start-up time). One ESM bundle per entry point,
 * node_modules left external (knex, pg, pdf-lib… load from node_modules as before), source maps
 * beside the bundles; `node --enable-source-maps` maps stack traces back to the sources.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Inside server/, so the bundles' bare imports resolve as the sources' do: server/node_modules first
 * (its own ajv 8, say), then the workspace root's.
 */
export const serverOutdir = path.join(root, 'server', 'dist');

/** The production entry points: server/dist/<name>.mjs. */
export const serverEntries: Record<string, string> = {
  main: 'server/src/main.ts',
  api: 'server/src/api.ts',
  worker: 'server/src/worker.ts',
  cli: 'server/src/cli/index.ts',
};

/**
 * Sources that find files next to themselves (the migrations' SQL folder, the front ends' dist, fonts
 * through createRequire) read `import.meta.url`. In a bundle that would be the bundle's URL, so each
 * source's `import.meta.url` becomes its own file's URL, reached relatively from the bundle's: the
 * same files resolve as when the sources run, wherever the checkout or the image puts them.
 */
function sourceUrls(outdir: string): Plugin {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        return {
          contents: text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
          ),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/** Bundles `entries` (name → source, relative to the repository) into `outdir` as <name>.mjs. */
export async function buildServer(
  entries: Record<string, string> = serverEntries,
  outdir: string = serverOutdir,
): Promise<{ outdir: string; ms: number }> {
  const started = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, src]) => [name, path.join(root, src)]),
    ),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [sourceUrls(outdir)],
    write: false,
  });
  // Each file written aside and renamed over the old one: a process starting meanwhile (another test
  // file, a second `npm start`) reads the old bundle or the new one, never half of one.
  await mkdir(outdir, { recursive: true });
  for (const f of result.outputFiles) {
    const aside = `${f.path}.${process.pid}.tmp`;
    await writeFile(aside, f.contents);
    await rename(aside, f.path);
  }
  return { outdir, ms: performance.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outdir, ms } = await buildServer();
  console.log(`server built into ${path.relative(root, outdir)} in ${Math.round(ms)} ms`);
}
