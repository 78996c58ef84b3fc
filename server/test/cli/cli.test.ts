import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import knexFactory from 'knex';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Runs `motcua …` exactly as `npm run motcua -- …` does, against this run's database. */
async function motcua(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: inject('ownerUrl'), LOG_LEVEL: 'silent' };
  try {
    const r = await run(tsx, ['server/src/cli/index.ts', ...args], { cwd: root, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('motcua CLI', () => {
  const code = `000.${randomInt(10, 99)}.${randomInt(10, 99)}.C${randomInt(100, 999)}`;

  it('creates a unit and prints it as JSON', async () => {
    const r = await motcua('tenant', 'create', '--code', code, '--name', 'Xã Thử CLI', '--kind', 'commune');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as { id: string; code: string; kind: string; status: string };
    expect(t).toMatchObject({ code, kind: 'commune', status: 'active' });
  });

  it('refuses a duplicate code and a malformed one with a clear message', async () => {
    const dup = await motcua('tenant', 'create', '--code', code, '--name', 'Trùng', '--kind', 'commune');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('đã được dùng');
    const bad = await motcua('tenant', 'create', '--code', 'bad/code', '--name', 'X', '--kind', 'commune');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('code:');
  });

  it('issues unit and platform API keys, printed alone on the last line and stored hashed', async () => {
    const unitKey = await motcua('apikey', 'create', '--tenant', code, '--role', 'desk_officer');
    expect(unitKey.code).toBe(0);
    const key = unitKey.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^mct_[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
    const platformKey = await motcua('apikey', 'create', '--platform', '--role', 'finance');
    expect(platformKey.stdout.trim().split('\n').at(-1)).toMatch(/^mcp_/);
    const owner = knexFactory({ client: 'pg', connection: inject('ownerUrl') });
    try {
      const secret = key.split('.')[1]!;
      const rows = await owner('tenant_api_keys').where('secret_hash', 'like', `%${secret}%`);
      expect(rows).toHaveLength(0);
      expect(await owner('tenant_api_keys').where({ key_id: key.slice(4, 20) })).toHaveLength(1);
    } finally {
      await owner.destroy();
    }
  });

  it('refuses a key with both or neither scope, or a role of the wrong kind', async () => {
    expect((await motcua('apikey', 'create', '--role', 'finance')).code).toBe(1);
    expect((await motcua('apikey', 'create', '--platform', '--role', 'desk_officer')).code).toBe(1);
  });

  it('audit verify names an entry changed behind the application, and exits 2', async () => {
    const owner = knexFactory({ client: 'pg', connection: inject('ownerUrl') });
    try {
      const unit = (await owner('tenants').where({ code }).first('id')) as { id: string };
      const entry = (await owner('audit_log').where({ tenant_id: unit.id }).orderBy('seq').first()) as {
        seq: number;
        data: unknown;
      };
      // As the owner (superuser), the way an edit behind the application's back would be made.
      await owner('audit_log')
        .where({ tenant_id: unit.id, seq: entry.seq })
        .update({ data: JSON.stringify({ tampered: true }) });
      try {
        const r = await motcua('audit', 'verify');
        expect(r.code).toBe(2);
        expect(r.stdout).toContain(`BROKEN chain=${unit.id} seq=${entry.seq}`);
      } finally {
        await owner('audit_log')
          .where({ tenant_id: unit.id, seq: entry.seq })
          .update({ data: JSON.stringify(entry.data) });
      }
      const clean = await motcua('audit', 'verify');
      expect(clean.stdout).not.toContain(`chain=${unit.id}`);
    } finally {
      await owner.destroy();
    }
  });
});
