import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';

/** Migrations are plain SQL files, applied in name order, forward only (expand, then contract). */
export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sql');

interface SqlMigration {
  name: string;
  sql: string;
}

export class SqlMigrationSource implements Knex.MigrationSource<SqlMigration> {
  async getMigrations(): Promise<SqlMigration[]> {
    return readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((name) => ({ name, sql: readFileSync(path.join(migrationsDir, name), 'utf8') }));
  }
  getMigrationName(m: SqlMigration): string {
    return m.name;
  }
  async getMigration(m: SqlMigration): Promise<Knex.Migration> {
    return {
      up: (knex) => knex.raw(m.sql),
      down: () => {
        throw new Error(`Migrations are forward only; write a new migration to undo ${m.name}`);
      },
    };
  }
}
