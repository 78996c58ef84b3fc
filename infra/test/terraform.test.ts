import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * terraform/ without a cluster and without the providers (they cannot be downloaded here, so
 * `terraform validate` cannot run): `terraform fmt -check` where terraform is installed, and the
 * checks of validate that need no provider schema, done on the parsed HCL — every module call passes
 * exactly the module's variables (all required ones), every var./module. reference names something
 * declared, only the kubernetes and helm providers are used.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'terraform');

type Block = Record<string, Record<string, unknown>[]>;
interface Module {
  dir: string;
  variable: Block;
  output: Block;
  module: Block;
  resource: Record<string, Block>;
  terraform: Record<string, unknown>[];
  text: string;
}

async function load(dir: string): Promise<Module> {
  const m: Module = { dir, variable: {}, output: {}, module: {}, resource: {}, terraform: [], text: '' };
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.tf'))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    m.text += text;
    const j = (await parse(f, text)) as Record<string, unknown>;
    for (const k of ['variable', 'output', 'module'] as const)
      Object.assign(m[k], (j[k] as Block | undefined) ?? {});
    for (const [type, byName] of Object.entries((j.resource as Record<string, Block> | undefined) ?? {}))
      m.resource[type] = { ...m.resource[type], ...byName };
    m.terraform.push(...((j.terraform as Record<string, unknown>[] | undefined) ?? []));
  }
  return m;
}

const modules = new Map<string, Module>();
async function moduleAt(dir: string): Promise<Module> {
  if (!modules.has(dir)) {
    const m = await load(dir);
    modules.set(dir, m);
    for (const call of Object.values(m.module)) await moduleAt(path.resolve(dir, String(call[0]!.source)));
  }
  return modules.get(dir)!;
}

const META = new Set(['source', 'depends_on', 'providers', 'count', 'for_each', 'version']);
const rel = (d: string) => path.relative(root, d) || '.';

beforeAll(async () => {
  await moduleAt(root);
});

describe('terraform/', () => {
  it('has the modules a deployment needs', () => {
    expect([...modules.keys()].map(rel).sort()).toEqual(
      [
        '.',
        'modules/app',
        'modules/app/workload',
        'modules/minio',
        'modules/namespace',
        'modules/postgres',
        'modules/redis',
      ].sort(),
    );
  });

  it('passes every module exactly its variables, the required ones included', () => {
    const problems: string[] = [];
    for (const m of modules.values()) {
      for (const [name, [call]] of Object.entries(m.module)) {
        const target = modules.get(path.resolve(m.dir, String(call!.source)))!;
        const given = Object.keys(call!).filter((k) => !META.has(k));
        for (const k of given)
          if (!(k in target.variable)) problems.push(`${rel(m.dir)}: module ${name} has no variable ${k}`);
        for (const [v, [decl]] of Object.entries(target.variable))
          if (!('default' in decl!) && !given.includes(v))
            problems.push(`${rel(m.dir)}: module ${name} needs ${v}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refers only to declared variables, module outputs and locals', () => {
    const problems: string[] = [];
    for (const m of modules.values()) {
      for (const [, v] of m.text.matchAll(/\bvar\.([a-z_]+)/g))
        if (!(v! in m.variable)) problems.push(`${rel(m.dir)}: var.${v} is not declared`);
      for (const [, call, out] of m.text.matchAll(/\bmodule\.([a-z_]+)\.([a-z_]+)/g)) {
        const decl = m.module[call!]?.[0];
        if (!decl) {
          problems.push(`${rel(m.dir)}: no module ${call}`);
          continue;
        }
        const target = modules.get(path.resolve(m.dir, String(decl.source)))!;
        if (!(out! in target.output)) problems.push(`${rel(m.dir)}: module ${call} has no output ${out}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses only the kubernetes and helm providers, pinned', () => {
    const types = [...modules.values()].flatMap((m) => Object.keys(m.resource));
    expect(types.filter((t) => !/^(kubernetes|helm)_/.test(t))).toEqual([]);
    const required = JSON.stringify(modules.get(root)!.terraform);
    expect(required).toContain('hashicorp/kubernetes');
    expect(required).toContain('hashicorp/helm');
    for (const t of types.filter((x) => x === 'helm_release'))
      for (const m of modules.values())
        for (const [name, [r]] of Object.entries(m.resource[t] ?? {}))
          expect(r!.version, `${rel(m.dir)} helm_release.${name} pins a chart version`).toMatch(
            /^\d+\.\d+\.\d+$/,
          );
  });

  it('deploys the API and the worker with autoscaling, PostgreSQL with replicas and backups, Sentinel, TLS', () => {
    const app = modules.get(path.join(root, 'modules/app'))!;
    expect(Object.keys(app.module).sort()).toEqual(['api', 'worker']);
    const workload = modules.get(path.join(root, 'modules/app/workload'))!;
    expect(Object.keys(workload.resource).sort()).toEqual(
      [
        'kubernetes_deployment_v1',
        'kubernetes_horizontal_pod_autoscaler_v2',
        'kubernetes_pod_disruption_budget_v1',
      ].sort(),
    );
    expect(workload.text).toMatch(/path = "\/readyz"/);
    expect(app.text).toMatch(/tls \{/);
    const pg = modules.get(path.join(root, 'modules/postgres'))!.text;
    expect(pg).toMatch(/chart\s+= "cloudnative-pg"/);
    expect(pg).toMatch(/backups = \{\s+enabled\s+= true/);
    expect(pg).toMatch(/instances\s+= var\.size\.instances/);
    const redis = modules.get(path.join(root, 'modules/redis'))!.text;
    expect(redis).toMatch(/sentinel\s+= \{ enabled = true/);
    expect(redis).toMatch(/appendonly yes/);
  });

  it('keeps secrets in sensitive variables and out of the config map', () => {
    const top = modules.get(root)!;
    expect(top.variable.secrets![0]!.sensitive).toBe(true);
    const app = modules.get(path.join(root, 'modules/app'))!;
    const configMap = /config = merge\(\{([\s\S]*?)\}, var\.extra_env\)/.exec(app.text)![1]!;
    expect(configMap).not.toMatch(/SECRET|PASSWORD|DATABASE_URL|SMTP_URL/);
  });

  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!terraform)('is formatted as `terraform fmt` writes it', () => {
    const r = spawnSync('terraform', ['fmt', '-check', '-recursive', '-list=true', root], {
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(root, 'README.md'))).toBe(true);
  });
});
