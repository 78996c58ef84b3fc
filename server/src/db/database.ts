import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { SqlMigrationSource } from '../../../migrations/src/index';
import type { Env } from '../config/index';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { CONTEXT_ROLES, deriveAppUrl, PRIVILEGE_ROLE, RUNTIME_ROLE } from './urls';
import { usePreparedStatements } from './prepared';

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
   * Embedded mode connects as PGlite's single user; a server deployment as the runtime role. Either
   * way every transaction takes its context role with SET LOCAL ROLE (db/transactor.ts).
   */
  readonly embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(env: Env, opts: { poolMax?: number } = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let ownerUrl: string;
  let appUrl: string;
  if (env.DATABASE_URL) {
    ownerUrl = env.DATABASE_URL;
    appUrl = env.DATABASE_APP_URL ?? deriveAppUrl(ownerUrl, env.DATABASE_APP_PASSWORD);
  } else {
    embedded = await startEmbeddedPostgres(env.DATA_DIR === ':memory:' ? null : env.DATA_DIR);
    ownerUrl = embedded.url;
    appUrl = embedded.url;
    // Migrations must exist before the runtime role can be assumed.
    await migrate(ownerUrl, env.DATABASE_APP_PASSWORD);
  }
  const app = knexFactory({
    client: 'pg',
    connection: appUrl,
    pool: { min: 0, max: opts.poolMax ?? (embedded ? 4 : 10) },
  });
  // PGlite (embedded) runs one shared session behind a socket adapter: named statements stay off there.
  if (!embedded) usePreparedStatements(app);
  return {
    app,
    ownerUrl,
    appUrl,
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

/** Creates a role unless it exists; tolerates a concurrent creation (roles are cluster-wide). */
function createRoleSql(name: string, attributes: string): string {
  return `do $$ begin
      if not exists (select from pg_roles where rolname = '${name}') then
        create role ${name} ${attributes};
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`;
}

/**
 * The runtime login role and the roles it acts as. Roles are cluster-wide: they may exist from
 * another database of the same server, so this is idempotent and re-asserts the attributes.
 */
async function ensureRuntimeRole(owner: Knex, password: string): Promise<void> {
  const safe = 'nosuperuser nobypassrls nocreatedb nocreaterole noreplication';
  await owner.raw(createRoleSql(PRIVILEGE_ROLE, `nologin ${safe}`));
  for (const role of Object.values(CONTEXT_ROLES)) {
    await owner.raw(createRoleSql(role, `nologin inherit ${safe}`));
    await owner.raw(`grant ${PRIVILEGE_ROLE} to ${role}`);
  }
  // NOINHERIT: outside a context role the login role has no privilege at all.
  await owner.raw(createRoleSql(RUNTIME_ROLE, `login noinherit ${safe}`));
  await owner.raw(
    `alter role ${RUNTIME_ROLE} with login noinherit ${safe} password ${quoteLiteral(password)}`,
  );
  for (const role of Object.values(CONTEXT_ROLES)) await owner.raw(`grant ${role} to ${RUNTIME_ROLE}`);
  const { rows } = await owner.raw<{ rows: { db: string }[] }>('select current_database() as db');
  const dbName = rows[0]?.db ?? '';
  await owner.raw(`grant connect on database "${dbName.replace(/"/g, '""')}" to ${RUNTIME_ROLE}`);
  await owner.raw(`grant usage on schema public to ${PRIVILEGE_ROLE}`);
}
