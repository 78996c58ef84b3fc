import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite behind a Postgres wire-protocol socket, so the very same pg/knex code, roles and RLS
 * policies run with no server installed. PGlite is one Postgres session shared by every client:
 * the code must only ever use transaction-local state (SET LOCAL, set_config(..., true)).
 */
export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  // The catalog's diacritic-insensitive, typo-tolerant search needs these two contrib extensions.
  const extensions = { unaccent, pg_trgm };
  let db: PGlite;
  if (dataDir) {
    const dir = path.resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    db = await PGlite.create(dir, { extensions });
  } else {
    db = await PGlite.create({ extensions });
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:port"
  return {
    url: `postgres://postgres:postgres@${conn}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
