import knexFactory from 'knex';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/database';
import { ensureFrontEndsBuilt } from '../../../infra/src/front-end-build';
import { testServerUrl } from './env';

declare module 'vitest' {
  export interface ProvidedContext {
    ownerUrl: string;
  }
}

/**
 * Each run gets its own fresh database on the local PostgreSQL, migrated once; test files share it
 * and keep apart by creating their own tenants. Dropped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The browser journeys need the front ends' production builds; rebuilt only when sources changed.
  await ensureFrontEndsBuilt(() => undefined);
  const adminUrl = testServerUrl();
  const dbName = `motcua_test_${Date.now()}_${process.pid}`;
  const owner = new URL(adminUrl);
  owner.pathname = `/${dbName}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`create database "${dbName}"`);
  await admin.destroy();
  await migrate(owner.toString(), process.env.DATABASE_APP_PASSWORD ?? 'motcua_app_dev');
  project.provide('ownerUrl', owner.toString());
  return async () => {
    const again = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
    await again.raw(`drop database if exists "${dbName}" with (force)`);
    await again.destroy();
  };
}
