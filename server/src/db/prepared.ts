import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Named prepared statements for the runtime pool's repeated queries. Every statement under RLS is
 * planned with its policies' sub-selects; sent unnamed, Postgres parses, rewrites and plans it again
 * on every execution (~6–8% of a small write's statement time, measured with pgbench). Named, each
 * pooled connection parses a statement once and reuses its plan; Postgres itself re-plans a cached
 * statement whose role or row-security context changed (plancache: dependsOnRLS / planRoleId), so
 * SET LOCAL ROLE per transaction and the policies' current_setting() sub-selects stay correct.
 *
 * Which statements: those with parameters (BEGIN/COMMIT and DDL stay unnamed), once their SQL text
 * has been seen twice (one-off shapes — an IN list of a rare length — never take a slot), up to
 * `maxNamed` distinct texts per process, so a connection holds a bounded set of plans. The name is a
 * hash of the text: the same text always gets the same name, on every connection.
 */
export function usePreparedStatements(knex: Knex, maxNamed = 1_000): void {
  // A transaction's client is made from the client's *prototype* (knex makeTxClient), and every
  // query of this application runs in a transaction: patching the instance reached none of them.
  // So this knex gets a prototype of its own, between the instance and the dialect's, holding the
  // naming _query; its transactions' clients inherit it.
  const client = knex.client as object;
  const base = Object.getPrototypeOf(client) as {
    _query(connection: unknown, obj: QueryObject): Promise<unknown>;
  };
  const seen = new Map<string, number>();
  const named = new Map<string, string>();
  const own = Object.create(base) as typeof base & { constructor: unknown };
  own._query = function (this: unknown, connection: unknown, obj: QueryObject) {
    if (!obj.bindings?.length || obj.options?.name || typeof obj.sql !== 'string' || STAR.test(obj.sql))
      return base._query.call(this, connection, obj);
    let name = named.get(obj.sql);
    if (!name && named.size < maxNamed) {
      const n = (seen.get(obj.sql) ?? 0) + 1;
      if (n >= 2) {
        name = `motcua_${createHash('sha1').update(obj.sql).digest('hex').slice(0, 24)}`;
        named.set(obj.sql, name);
        seen.delete(obj.sql);
      } else if (seen.size < 10 * maxNamed) seen.set(obj.sql, n);
    }
    return base._query.call(this, connection, name ? { ...obj, options: { ...obj.options, name } } : obj);
  };
  function PreparedClient() {}
  PreparedClient.prototype = own;
  own.constructor = PreparedClient;
  Object.setPrototypeOf(client, own);
}

/**
 * A `*` result (select *, returning *) changes shape when a migration adds a column, and Postgres
 * refuses to run a cached plan whose result type changed: such statements stay unnamed. count(*) is
 * harmless; a multiplication is merely left out too.
 */
const STAR = /(?<!count\()\*/i;

interface QueryObject {
  sql: string;
  bindings?: readonly unknown[];
  options?: { name?: string } & Record<string, unknown>;
}
