import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { usePreparedStatements } from '../../src/db/prepared';

/**
 * usePreparedStatements names a repeated statement, so each pooled connection plans it once. Every
 * query of the application runs in a transaction, whose knex client is made from the client's
 * prototype: the naming must reach those too (it once reached only queries outside transactions).
 */
let db: Knex;

const preparedHere = async (tx: Knex.Transaction) =>
  (
    (await tx.raw('select statement from pg_prepared_statements where not from_sql')) as {
      rows: { statement: string }[];
    }
  ).rows.map((r) => r.statement);

beforeAll(() => {
  db = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 1, max: 1 } });
  usePreparedStatements(db);
});

afterAll(async () => {
  await db.destroy();
});

describe('prepared statements', () => {
  it('names a statement seen twice, inside transactions, on the connection that runs it', async () => {
    for (let i = 0; i < 3; i++) await db.transaction((tx) => tx.raw('select ?::int + 1 as next_number', [i]));
    const prepared = await db.transaction(preparedHere);
    expect(prepared).toContain('select $1::int + 1 as next_number');
  });

  it('leaves a statement seen once, or one with a * result, unnamed', async () => {
    await db.transaction((tx) => tx.raw('select ?::int + 2 as once', [1]));
    for (let i = 0; i < 3; i++)
      await db.transaction((tx) => tx.raw('select * from (select ?::int as n) as s', [i]));
    const prepared = await db.transaction(preparedHere);
    expect(prepared).not.toContain('select $1::int + 2 as once');
    expect(prepared.some((s) => s.includes('select * from'))).toBe(false);
  });

  it('leaves another knex instance of the process untouched', async () => {
    const other = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 1, max: 1 } });
    try {
      for (let i = 0; i < 3; i++) await other.transaction((tx) => tx.raw('select ?::int + 3 as other', [i]));
      expect(await other.transaction(preparedHere)).not.toContain('select $1::int + 3 as other');
    } finally {
      await other.destroy();
    }
  });
});
