import pg from 'pg';

/** A superuser connection to a maintenance database of the local server; the bench creates its databases there. */
export function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Runs statements on one short-lived connection (database and role administration, bulk loads). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  /** The same server and user as the admin URL, on the new database: the schema's owner. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one benchmark run, so runs never see each other's rows. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const admin = adminUrl();
  const name = `motcua_bench_${Date.now()}_${process.pid}`;
  await withClient(admin, (c) => c.query(`create database "${name}"`));
  const owner = new URL(admin);
  owner.pathname = `/${name}`;
  return {
    name,
    ownerUrl: owner.toString(),
    drop: () =>
      withClient(admin, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(
        () => undefined,
      ),
  };
}

/** The URL of the same server and database as `base`, connecting as another role. */
export function urlAs(base: string, user: string, password: string): string {
  const u = new URL(base);
  u.username = user;
  u.password = password;
  return u.toString();
}
