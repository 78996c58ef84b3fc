import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { boot } from '../../src/boot';
import { UnsafeRuntimeRoleError } from '../../src/db/runtime-role-check';
import { testEnv, uniqueSuffix } from '../support/app';

/** CONTRACT.md: the server refuses to run its requests on a role that could see past RLS. */
let owner: Knex;
const bypassRole = `motcua_test_bypass_${uniqueSuffix()}`;
const dbName = () => new URL(inject('ownerUrl')).pathname.slice(1);

function urlAs(role: string): string {
  const url = new URL(inject('ownerUrl'));
  url.username = role;
  url.password = '';
  return url.toString();
}

const bootWithAppUrl = (appUrl: string) =>
  boot({
    env: testEnv({ env: { DATABASE_APP_URL: appUrl } }),
    devServices: false,
    migrate: false,
    seedDemo: false,
  });

beforeAll(async () => {
  owner = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 0, max: 1 } });
  await owner.raw(`create role ${bypassRole} login bypassrls nosuperuser`);
  await owner.raw(`grant connect on database "${dbName()}" to ${bypassRole}`);
});

afterAll(async () => {
  await owner.raw(`revoke connect on database "${dbName()}" from ${bypassRole}`);
  await owner.raw(`drop role if exists ${bypassRole}`);
  await owner.destroy();
});

describe('runtime role check at boot', () => {
  it('refuses a superuser', async () => {
    const err = await bootWithAppUrl(urlAs('postgres')).then(
      (running) => running.close().then(() => null),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnsafeRuntimeRoleError);
    expect((err as Error).message).toMatch(/superuser/);
  });

  it('refuses a role with BYPASSRLS', async () => {
    const err = await bootWithAppUrl(urlAs(bypassRole)).then(
      (running) => running.close().then(() => null),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnsafeRuntimeRoleError);
    expect((err as Error).message).toMatch(/BYPASSRLS/);
  });

  it('starts on the runtime role the migrations create (derived from DATABASE_URL)', async () => {
    const running = await boot({ env: testEnv(), devServices: false, migrate: false, seedDemo: false });
    expect(new URL(running.db.appUrl).username).toBe('motcua_app');
    await running.close();
  });
});
