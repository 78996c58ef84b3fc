import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { SqlMigrationSource } from '../../../migrations/src/index';
import type { Env } from '../config/index';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { deriveAppUrl, RUNTIME_ROLE } from './urls';

// timestamptz and timestamp come back as Date; bigint (counts, sequence numbers) as JS numbers
// where they fit — counts in this system stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface Database {
  /** The runtime pool: requests and jobs, under RLS. Only db/transactor.ts may open transactions on it. */
  readonly app: Knex;
  /** The owner connection string (migrations, CLI). */
  readonly ownerUrl: string;
  readonly appUrl: string;
  /**
   * Embedded mode connects as PGlite's single user and becomes the runtime role with SET LOCAL ROLE
   * in every transaction; a server deployment connects as the runtime role directly (null).
   */
  readonly assumeRole: string | null;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(env: Env, opts: { poolMax?: number } = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let ownerUrl: string;
  let appUrl: string;
  let assumeRole: string | null = null;
  if (env.DATABASE_URL) {
    ownerUrl = env.DATABASE_URL;
    appUrl = env.DATABASE_APP_URL ?? deriveAppUrl(ownerUrl, env.DATABASE_APP_PASSWORD);
  } else {
    embedded = await startEmbeddedPostgres(env.DATA_DIR === ':memory:' ? null : env.DATA_DIR);
    ownerUrl = embedded.url;
    appUrl = embedded.url;
    assumeRole = RUNTIME_ROLE;
    // Migrations must exist before the runtime role can be assumed.
    await migrate(ownerUrl, env.DATABASE_APP_PASSWORD);
  }
  const app = knexFactory({
    client: 'pg',
    connection: appUrl,
    pool: { min: 0, max: opts.poolMax ?? (embedded ? 4 : 10) },
  });
  return {
    app,
    ownerUrl,
    appUrl,
    assumeRole,
    embedded: embedded !== null,
    async close() {
      await app.destroy();
      await embedded?.close();
    },
  };
}

/** Creates or refreshes the runtime role, then applies pending migrations, as the owner. */
export async function migrate(ownerUrl: string, appPassword: string): Promise<string[]> {
  const owner = knexFactory({ client: 'pg', connection: ownerUrl, pool: { min: 0, max: 1 } });
  try {
    await ensureRuntimeRole(owner, appPassword);
    const [, applied] = (await owner.migrate.latest({ migrationSource: new SqlMigrationSource() })) as [
      number,
      string[],
    ];
    return applied;
  } finally {
    await owner.destroy();
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function ensureRuntimeRole(owner: Knex, password: string): Promise<void> {
  // Roles are cluster-wide: the role may exist from another database of the same server.
  await owner.raw(`
    do $$ begin
      if not exists (select from pg_roles where rolname = '${RUNTIME_ROLE}') then
        create role ${RUNTIME_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
      end if;
    end $$`);
  await owner.raw(`alter role ${RUNTIME_ROLE} with login password ${quoteLiteral(password)}`);
  const { rows } = await owner.raw<{ rows: { db: string }[] }>('select current_database() as db');
  const dbName = rows[0]?.db ?? '';
  await owner.raw(`grant connect on database "${dbName.replace(/"/g, '""')}" to ${RUNTIME_ROLE}`);
  await owner.raw(`grant usage on schema public to ${RUNTIME_ROLE}`);
}
