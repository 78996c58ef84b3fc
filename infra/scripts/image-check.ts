/**
 * `npm run image:check`: builds the Dockerfile's stages without Docker — the same COPY and RUN steps
 * (npm ci, the front-end build, npm prune --omit=dev), in directories under the temp folder, the
 * build context filtered by .dockerignore — then checks the runtime stage the way the image would run:
 * as the unprivileged user (uid 1000, the node images' `node`) when this runs as root, with the
 * image's ENV, migrate, the API from CMD (readiness, HEALTHCHECK, portal, console, catalog, SIGTERM →
 * exit 0) and the worker (SIGTERM → exit 0). It also lints what hadolint would and reads the import
 * graph of the entry points for packages missing from the production install.
 * Needs PostgreSQL and Redis (TEST_DATABASE_URL / REDIS_URL, else the local defaults) and the npm
 * registry (or a warm npm cache). Several minutes; not part of the test suite.
 *   npm run image:check [-- --keep]    (--keep leaves the stage directories for inspection)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { dockerignore, parseDockerfile, type Stage } from './dockerfile';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const keep = process.argv.includes('--keep');
/** The node images' `node` user. */
const IMAGE_UID = 1000;
const results: { ok: boolean; what: string }[] = [];
/** PATH without this checkout's node_modules/.bin (npm run puts it first): the stages use their own. */
const PATH = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((d) => !d.endsWith(`node_modules${path.sep}.bin`))
  .join(path.delimiter);

function check(ok: boolean, what: string): boolean {
  results.push({ ok, what });
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
  return ok;
}

function sh(command: string, cwd: string, env: Record<string, string> = {}): void {
  const started = Date.now();
  console.log(`\n$ ${command}   (in ${cwd})`);
  const r = spawnSync('sh', ['-c', command], {
    cwd,
    stdio: 'inherit',
    env: { PATH, HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  if (r.status !== 0) throw new Error(`step failed (exit ${r.status}): ${command}`);
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The build context: every file `docker build .` would send. */
function copyContext(into: string): number {
  const ignored = dockerignore(repo);
  let n = 0;
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(repo, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (ignored(r)) continue;
      const src = path.join(repo, r);
      if (statSync(src).isDirectory()) walk(r);
      else {
        mkdirSync(path.join(into, rel), { recursive: true });
        spawnSync('cp', ['-a', src, path.join(into, r)]);
        n++;
      }
    }
  };
  walk('');
  return n;
}

/** Runs a stage's steps in its directory; absolute paths in the image live under `dir`. */
interface StageState {
  env: Record<string, string>;
  workdir: string;
}

function buildStage(
  stage: Stage,
  dir: string,
  stageDirs: Map<string, string>,
  context: string,
  inherited: StageState | undefined,
): StageState & { user: string } {
  // FROM an earlier stage keeps its WORKDIR, ENV and USER.
  let workdir = inherited?.workdir ?? '/';
  const env: Record<string, string> = { ...inherited?.env };
  const inImage = (p: string) => path.join(dir, path.posix.resolve(workdir, p));
  for (const step of stage.steps) {
    if (step.kind === 'WORKDIR') {
      workdir = path.posix.resolve(workdir, step.dir);
      mkdirSync(inImage('.'), { recursive: true });
    } else if (step.kind === 'ENV') Object.assign(env, step.vars);
    else if (step.kind === 'USER') env.__USER = step.user;
    else if (step.kind === 'COPY') {
      const dest = inImage(step.dest);
      const intoDir = step.dest.endsWith('/') || step.sources.length > 1;
      for (const s of step.sources) {
        const src = step.from ? path.join(stageDirs.get(step.from)!, s) : path.join(context, s);
        if (!existsSync(src)) throw new Error(`COPY: ${step.from ?? 'context'}:${s} does not exist`);
        if (statSync(src).isDirectory()) {
          mkdirSync(dest, { recursive: true });
          sh(`cp -a "${src}/." "${dest}/"`, dir);
        } else {
          mkdirSync(intoDir ? dest : path.dirname(dest), { recursive: true });
          spawnSync('cp', ['-a', src, intoDir ? path.join(dest, path.basename(s)) : dest]);
        }
      }
    } else {
      // The image's paths and its `node` user, mapped onto this directory and uid 1000.
      const command = step.command
        .replaceAll(/(^|[\s=])\/app(?=[/\s]|$)/g, `$1${path.join(dir, 'app')}`)
        .replaceAll('node:node', `${IMAGE_UID}:${IMAGE_UID}`);
      sh(command, inImage('.'), env);
    }
  }
  return { env, workdir, user: env.__USER ?? 'root' };
}

/** Bare imports reachable from the entry points (type-only imports are erased and skipped). */
function importedPackages(appDir: string, entries: string[]): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const resolveFile = (p: string) =>
    [p, `${p}.ts`, `${p}.tsx`, path.join(p, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...text.matchAll(/^\s*(?:import|export)\s+(?!type[\s{])(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!);
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = resolveFile(path.resolve(path.dirname(file), spec.replace(/\.js$/, '')));
        if (target && !target.endsWith('.json')) visit(target);
        else if (!target) packages.set(spec, path.relative(appDir, file));
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec.split('/')[0]!)) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, path.relative(appDir, file));
      }
    }
  };
  for (const e of entries) visit(path.join(appDir, e));
  return packages;
}

function packageInstalled(appDir: string, fromFile: string, name: string): boolean {
  for (let d = path.dirname(path.join(appDir, fromFile)); d.startsWith(appDir); d = path.dirname(d))
    if (existsSync(path.join(d, 'node_modules', name, 'package.json'))) return true;
  return false;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function run(argv: string[], cwd: string, env: Record<string, string>, asImageUser: boolean): Proc {
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asImageUser ? { uid: IMAGE_UID, gid: IMAGE_UID } : {}),
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  return { child, out: () => out, exited: new Promise((ok) => child.once('exit', (c) => ok(c))) };
}

async function until(what: string, cond: () => Promise<boolean> | boolean, p: Proc, ms: number) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (p.child.exitCode !== null || Date.now() > end)
      throw new Error(`${what}: not within ${ms} ms; output:\n${p.out().slice(-3000)}`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

async function stop(p: Proc, what: string) {
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 40_000);
  const code = await p.exited;
  clearTimeout(timer);
  check(code === 0, `${what} exits 0 on SIGTERM (exit ${code})`);
}

function lint(stages: Stage[]) {
  console.log('\nLint (hadolint-style):');
  const runtime = stages.at(-1)!;
  const names = new Set(stages.map((s) => s.name));
  for (const s of stages.filter((s) => !names.has(s.base))) {
    const tag = /:([^@]+)$/.exec(s.base)?.[1];
    check(!!tag && tag !== 'latest' && /\d+\.\d+/.test(tag), `base image ${s.base} is pinned to a version`);
  }
  const users = runtime.steps.filter((s) => s.kind === 'USER');
  const user = users.at(-1)?.kind === 'USER' ? users.at(-1)!.user : 'root';
  check(!['root', '0'].includes(user.split(':')[0]!), `runtime stage runs as a non-root user (${user})`);
  check(
    runtime.cmd !== null && runtime.cmd[0] === 'node',
    'CMD in exec form with node as PID 1 (gets SIGTERM)',
  );
  check(runtime.healthcheck !== null, 'HEALTHCHECK defined');
  const runs = stages.flatMap((s) => s.steps.filter((x) => x.kind === 'RUN').map((x) => x.command));
  check(
    !runs.some((c) => /\bnpm (i|install)\b/.test(c)),
    'npm ci, never npm install (the lock file decides)',
  );
  check(
    !runs.some((c) => /\bapt-get install\b/.test(c)),
    'no apt-get install (nothing unpinned from Debian)',
  );
  const ignored = dockerignore(repo);
  for (const p of ['.git', 'node_modules', 'server/node_modules', '.env', '.env.production', 'data'])
    check(ignored(p), `.dockerignore leaves out ${p}`);
  check(!ignored('.env.example'), '.dockerignore keeps .env.example');
}

async function main() {
  const { stages } = parseDockerfile(path.join(repo, 'Dockerfile'));
  lint(stages);

  const work = mkdtempSync(path.join(tmpdir(), 'motcua-image-'));
  chmodSync(work, 0o755); // the image user must reach the runtime stage
  const asImageUser = process.getuid?.() === 0;
  try {
    const context = path.join(work, 'context');
    console.log(`\nContext: ${copyContext(context)} files (after .dockerignore) in ${context}`);
    const stageDirs = new Map<string, string>();
    const names = new Set(stages.map((s) => s.name));
    const states = new Map<string, StageState>();
    let runtime: ReturnType<typeof buildStage> | null = null;
    for (const [i, stage] of stages.entries()) {
      const dir = path.join(work, `stage-${stage.name}`);
      console.log(`\n== stage ${stage.name} (FROM ${stage.base})`);
      if (names.has(stage.base)) {
        const usedLater = stages
          .slice(i + 1)
          .some((s) => s.steps.some((x) => x.kind === 'COPY' && x.from === stage.base));
        sh(
          usedLater
            ? `cp -a "${stageDirs.get(stage.base)}" "${dir}"`
            : `mv "${stageDirs.get(stage.base)}" "${dir}"`,
          work,
        );
      } else mkdirSync(dir);
      stageDirs.set(stage.name, dir);
      runtime = buildStage(stage, dir, stageDirs, context, states.get(stage.base));
      states.set(stage.name, runtime);
    }
    const last = stages.at(-1)!;
    const app = path.join(stageDirs.get(last.name)!, runtime!.workdir);

    console.log('\nRuntime stage contents:');
    const mb = (p: string) => Number(spawnSync('du', ['-sm', p]).stdout.toString().split('\t')[0]);
    console.log(`  size ${mb(app)} MB, of which node_modules ${mb(path.join(app, 'node_modules'))} MB`);
    const tsxHome = path.join(app, 'node_modules', 'tsx', 'package.json');
    check(existsSync(tsxHome), 'tsx installed (production dependency of server)');
    for (const dev of ['vite', 'typescript', 'vitest', 'eslint', 'playwright-core'])
      check(!existsSync(path.join(app, 'node_modules', dev)), `dev dependency ${dev} pruned`);
    for (const f of [
      'server/dist/api.mjs',
      'server/dist/worker.mjs',
      'server/dist/cli.mjs',
      'migrations/sql',
      'admin-console/dist/index.html',
      'tenant-portal/dist/index.html',
    ])
      check(existsSync(path.join(app, f)), `${f} present`);
    for (const f of ['server/test', 'bench', 'admin-console/src', 'tenant-portal/src', '.git'])
      check(!existsSync(path.join(app, f)), `${f} absent`);
    // The bundles' imports are what the image runs; the sources' too, for commands that name them.
    const entries = [
      'server/dist/api.mjs',
      'server/dist/worker.mjs',
      'server/dist/cli.mjs',
      'server/src/api.ts',
      'server/src/worker.ts',
      'server/src/cli/index.ts',
    ];
    for (const [name, from] of importedPackages(app, entries))
      check(packageInstalled(app, from, name), `${name} (imported by ${from}) is installed`);

    await runtimeChecks(app, runtime!.env, last, asImageUser);
  } catch (err) {
    check(false, err instanceof Error ? err.message : String(err));
  } finally {
    if (keep) console.log(`\nKept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} checks passed, ${failed.length} failed`);
  process.exit(failed.length === 0 ? 0 : 1);
}

async function runtimeChecks(
  app: string,
  imageEnv: Record<string, string>,
  runtime: Stage,
  asImageUser: boolean,
) {
  console.log(
    `\nRunning the runtime stage${asImageUser ? ` as uid ${IMAGE_UID}` : ' (not root: as this user)'}:`,
  );
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const dbName = `motcua_image_${Date.now()}`;
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const prefix = `image-check-${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const port = await freePort();
  const { __USER: _user, ...imageVars } = imageEnv;
  const env: Record<string, string> = {
    PATH,
    HOME: tmpdir(),
    ...imageVars,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
    SHUTDOWN_DRAIN_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
  const marker = path.join(path.dirname(app), '.image-check-started');
  writeFileSync(marker, '');
  try {
    const migrate = run(['node', 'server/dist/cli.mjs', 'migrate'], app, env, asImageUser);
    const migrated = await migrate.exited;
    if (!check(migrated === 0, `migrate exits 0 (${migrated})`)) console.log(migrate.out().slice(-3000));

    const api = run(runtime.cmd!, app, env, asImageUser);
    const url = `http://127.0.0.1:${port}`;
    await until(
      'API ready',
      async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200,
      api,
      120_000,
    );
    check(true, `API (CMD ${runtime.cmd!.join(' ')}) answers /readyz 200`);
    if (runtime.healthcheck) {
      const hc = spawnSync('sh', ['-c', runtime.healthcheck], {
        cwd: app,
        env,
        ...(asImageUser ? { uid: IMAGE_UID, gid: IMAGE_UID } : {}),
      });
      check(hc.status === 0, `HEALTHCHECK command exits 0 (${hc.status})`);
    }
    for (const p of ['/', '/admin/', '/api/v1/public/procedures']) {
      const res = await fetch(`${url}${p}`);
      await res.arrayBuffer();
      check(res.status === 200, `GET ${p} → ${res.status}`);
    }
    await stop(api, 'API');

    // "worker started" is an info line.
    const workerEnv = { ...env, LOG_LEVEL: 'info' };
    const worker = run(['node', 'server/dist/worker.mjs'], app, workerEnv, asImageUser);
    await until('worker started', () => worker.out().includes('worker started'), worker, 120_000);
    check(true, 'worker starts');
    await stop(worker, 'worker');
    const written = spawnSync('find', [app, '-newer', marker, '-not', '-path', `${app}/data*`]);
    check(written.stdout.toString().trim() === '', 'nothing written outside /app/data');
  } finally {
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

void main();
