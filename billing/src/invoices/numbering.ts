import type { Knex } from 'knex';
import type { Series } from './schema';

/**
 * The next number of a series in a year, taken in the caller's transaction. The upsert locks the
 * (series, year) row until that transaction ends: concurrent approvals queue behind it, and a
 * rollback gives the number back, so a series never skips or repeats a number.
 */
export async function nextNumber(tx: Knex.Transaction, series: Series, year: number): Promise<number> {
  const r = await tx.raw<{ rows: { last_number: number }[] }>(
    `insert into invoice_number_counters (series, year, last_number) values (?, ?, 1)
     on conflict (series, year) do update set last_number = invoice_number_counters.last_number + 1
     returning last_number`,
    [series, year],
  );
  return r.rows[0]!.last_number;
}
