import type { Knex } from 'knex';

/**
 * Part of one statement that another module contributes: its CTEs (comma-joined, no leading `with`),
 * the output columns the caller reads back, and their `?` bindings in that order (CTEs' first).
 * Each round trip to Postgres costs a socket write and a backend wake-up — on a small request more
 * than the statement itself — so a write that always goes with another rides in its statement.
 */
export interface StatementPart {
  ctes: string;
  columns: string;
  bindings: Knex.Value[];
}
