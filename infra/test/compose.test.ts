import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serverEntries } from '../src/server-build';

/**
 * The single-VM compose file, checked without a Docker engine: parsed as YAML (anchors and merge
 * keys resolved) and held to the rules a deployment depends on. Where the compose plugin exists,
 * `docker compose config` validates it against the Compose specification too.
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'compose');
const text = readFileSync(path.join(dir, 'compose.yaml'), 'utf8');

interface Service {
  image?: string;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
  stop_grace_period?: string;
  volumes?: string[];
  restart?: string;
}
const compose = parse(text, { merge: true, maxAliasCount: 100 }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const app = ['migrate', 'api-a', 'api-b', 'worker'];
const seconds = (d: string) => Number(/^(\d+)s$/.exec(d)?.[1] ?? NaN);

describe('infra/compose/compose.yaml', () => {
  it('runs every part of a deployment', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api-a', 'api-b', 'caddy', 'migrate', 'minio', 'minio-init', 'postgres', 'redis', 'worker'].sort(),
    );
    for (const [name, s] of Object.entries(services)) {
      expect(s.image, name).toBeTruthy();
      expect(s.image, `${name} pins a tag`).not.toMatch(/:latest$|^[^:]+$/);
    }
  });

  it('runs the API, the workers and migrations from the one MotCua image with their own commands', () => {
    const images = new Set(app.map((n) => services[n]!.image));
    expect([...images]).toEqual([
      '${MOTCUA_IMAGE:?set MOTCUA_IMAGE, e.g. registry.example.gov.vn/motcua:1.0.0}',
    ]);
    // The image runs the production bundles (infra/src/server-build.ts), as its own CMD does.
    expect(services['api-a']!.command).toEqual(['node', '--max-old-space-size=512', 'server/dist/api.mjs']);
    expect(services.worker!.command).toEqual(['node', 'server/dist/worker.mjs']);
    expect(services.migrate!.command).toEqual(['node', 'server/dist/cli.mjs', 'migrate']);
    const built = new Set(Object.keys(serverEntries).map((name) => `server/dist/${name}.mjs`));
    for (const n of ['api-a', 'worker', 'migrate'])
      expect(built, n).toContain(
        ([services[n]!.command].flat() as string[]).find((a) => a.startsWith('server/')),
      );
    for (const n of app) {
      const env = services[n]!.environment!;
      expect(env.NODE_ENV, n).toBe('production');
      expect(env.REDIS_URL, n).toMatch(/@redis:6379$/);
      expect(env.OBJECT_STORE_URL, n).toBe('http://minio:9000');
      expect(env.DATABASE_URL, n).toMatch(/@postgres:5432\/motcua$/);
    }
  });

  it('takes every secret from a required environment variable, never a literal', () => {
    const secretName = /PASSWORD|SECRET|_KEY$|ACCESS_KEY/;
    for (const [name, s] of Object.entries(services)) {
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (!secretName.test(k) || k === 'SMS_GATEWAY_API_KEY') continue;
        expect(v, `${name}.${k}`).toMatch(/^\$\{[A-Z_]+:\?[^}]+\}$/);
      }
      for (const [k, v] of Object.entries(s.environment ?? {}))
        if (/_URL$/.test(k) && /:\/\/[^$]*:[^$@]*@/.test(v))
          throw new Error(`${name}.${k} embeds a literal password`);
    }
  });

  it('names in .env.example every variable the compose file and Caddyfile read', () => {
    const example = readFileSync(path.join(dir, '.env.example'), 'utf8');
    const declared = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    const caddy = readFileSync(path.join(dir, 'Caddyfile'), 'utf8');
    const used = new Set([
      ...[...text.matchAll(/\$\{([A-Z_]+)[:}]/g)].map((m) => m[1]!),
      ...[...caddy.matchAll(/\{\$([A-Z_]+)\}/g)].map((m) => m[1]!),
    ]);
    expect([...used].filter((v) => !declared.has(v))).toEqual([]);
  });

  it('keeps Redis durable (AOF, fsync every second, no eviction of BullMQ keys)', () => {
    const cmd = (services.redis!.command as string[]).join(' ');
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--appendfsync everysec/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
    expect(services.redis!.volumes).toContain('redis-data:/data');
  });

  it('archives PostgreSQL WAL for point-in-time recovery and keeps data on named volumes', () => {
    const cmd = (services.postgres!.command as string[]).join(' ');
    expect(cmd).toMatch(/wal_level=replica/);
    expect(cmd).toMatch(/archive_mode=on/);
    for (const [svc, vol] of [
      ['postgres', 'postgres-data'],
      ['redis', 'redis-data'],
      ['minio', 'minio-data'],
    ] as const) {
      expect(Object.keys(compose.volumes)).toContain(vol);
      expect(
        services[svc]!.volumes!.some((v) => v.startsWith(`${vol}:`)),
        svc,
      ).toBe(true);
    }
  });

  it('lets the API drain before Docker kills it, and checks readiness', () => {
    for (const n of ['api-a', 'api-b', 'worker']) {
      const s = services[n]!;
      const env = s.environment!;
      const budget = Number(env.SHUTDOWN_DRAIN_SECONDS) + Number(env.SHUTDOWN_TIMEOUT_SECONDS);
      expect(seconds(s.stop_grace_period!), n).toBeGreaterThan(budget);
    }
    expect(JSON.stringify(services['api-a']!.healthcheck!.test)).toContain('/readyz');
  });

  it('starts the application only after migrations and the bucket exist', () => {
    for (const n of ['api-a', 'api-b', 'worker']) {
      const deps = services[n]!.depends_on as Record<string, { condition: string }>;
      expect(deps.migrate?.condition, n).toBe('service_completed_successfully');
      expect(deps['minio-init']?.condition, n).toBe('service_completed_successfully');
      expect(deps.redis?.condition, n).toBe('service_healthy');
    }
    for (const [name, s] of Object.entries(services)) {
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const d of deps) expect(Object.keys(services), `${name} depends on ${d}`).toContain(d);
    }
    expect(services.migrate!.restart).toBe('no');
  });

  it('routes TLS traffic from Caddy to both API replicas, health-checked on /readyz', () => {
    const caddy = readFileSync(path.join(dir, 'Caddyfile'), 'utf8');
    expect(caddy).toMatch(/reverse_proxy api-a:3000 api-b:3000/);
    expect(caddy).toMatch(/health_uri \/readyz/);
    const interval = Number(/health_interval (\d+)s/.exec(caddy)?.[1]);
    // The replica must be out of the pool before it stops accepting.
    expect(interval).toBeLessThan(Number(services['api-a']!.environment!.SHUTDOWN_DRAIN_SECONDS));
    expect(caddy).toMatch(/tls \{\$CADDY_TLS\}/);
  });

  it('ships backup and restore scripts that parse and are executable', () => {
    const scripts = readdirSync(path.join(dir, 'backup')).filter((f) => f.endsWith('.sh'));
    expect(scripts.sort()).toEqual(
      [
        'backup-objects.sh',
        'backup-postgres-base.sh',
        'backup-postgres.sh',
        'lib.sh',
        'restore-check.sh',
        'restore-objects.sh',
        'restore-postgres.sh',
      ].sort(),
    );
    for (const f of scripts) {
      const file = path.join(dir, 'backup', f);
      execFileSync('bash', ['-n', file]);
      if (f !== 'lib.sh') expect(statSync(file).mode & 0o111, f).not.toBe(0);
    }
    const pg = readFileSync(path.join(dir, 'backup', 'backup-postgres.sh'), 'utf8');
    expect(pg).toMatch(/pg_dump .*--format=custom/);
    expect(readFileSync(path.join(dir, 'backup', 'backup-objects.sh'), 'utf8')).toMatch(/mc mirror/);
  });

  // The Compose implementation installed here, if any: the v2 plugin, or Debian's docker-compose.
  const composeCli = [['docker', 'compose'], ['docker-compose']].find(
    ([cmd, ...args]) => spawnSync(cmd!, [...args, 'version'], { encoding: 'utf8' }).status === 0,
  );
  const secrets = Object.fromEntries(
    [
      'POSTGRES_PASSWORD',
      'DATABASE_APP_PASSWORD',
      'REDIS_PASSWORD',
      'MINIO_ROOT_PASSWORD',
      'OBJECT_STORE_SECRET_KEY',
      'SESSION_SECRET',
      'SIGNING_KEY_SECRET',
      'OIDC_STAFF_CLIENT_SECRET',
      'OIDC_CITIZEN_CLIENT_SECRET',
    ].map((k) => [k, `test-${k.toLowerCase()}`]),
  );
  const config = (env: Record<string, string>) => {
    const [cmd, ...args] = composeCli!;
    return spawnSync(cmd!, [...args, '--env-file', '.env.example', 'config', '--quiet'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });
  };
  it.skipIf(!composeCli)(
    'passes `docker compose config` (where a Compose implementation is installed)',
    () => {
      const r = config(secrets);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // …and refuses to start without a secret.
      const { SIGNING_KEY_SECRET: _, ...missing } = secrets;
      const refused = config(missing);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/SIGNING_KEY_SECRET/);
    },
  );
});
