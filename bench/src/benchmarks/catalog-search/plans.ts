import type { Knex } from 'knex';
import type { Transactor } from '../../../../server/src/db/transactor';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Heap Fetches'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

export interface PublicPlan {
  sql: string;
  /** Depth first, e.g. "Index Only Scan on procedures using procedures_public_term_idx (rows 67829, heap fetches 0)". */
  nodes: string[];
  seqScansOnProcedures: boolean;
  executionMs: number;
}

function walk(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const child of node.Plans ?? []) walk(child, out);
  return out;
}

const describe = (n: PlanNode) =>
  [
    n['Node Type'],
    n['Relation Name'] && `on ${n['Relation Name']}`,
    n['Index Name'] && `using ${n['Index Name']}`,
    `(rows ${n['Actual Rows'] ?? '?'}${n['Heap Fetches'] !== undefined ? `, heap fetches ${n['Heap Fetches']}` : ''})`,
  ]
    .filter(Boolean)
    .join(' ');

/** Records the statements one search sends, then EXPLAIN ANALYZEs each in the public context. */
export async function explainSearch(
  knex: Knex,
  transactor: Transactor,
  search: () => Promise<void>,
): Promise<PublicPlan[]> {
  const seen: { sql: string; bindings: readonly unknown[] }[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => {
    if (/^\s*(select|with)/i.test(q.sql) && !q.sql.includes("set_config('app."))
      seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  knex.on('query', listener);
  try {
    await search();
  } finally {
    knex.removeListener('query', listener);
  }
  const plans: PublicPlan[] = [];
  for (const q of seen) {
    const sql = q.sql.replace(/\$\d+/g, '?');
    const out = await transactor.withPublic((tx) =>
      tx.raw<{ rows: { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[] }>(
        `explain (analyze, format json) ${sql}`,
        q.bindings as Knex.RawBinding[],
      ),
    );
    const [doc] = out.rows[0]!['QUERY PLAN'];
    const nodes = walk(doc.Plan);
    plans.push({
      sql: q.sql.replace(/\s+/g, ' ').trim(),
      nodes: nodes.map(describe),
      seqScansOnProcedures: nodes.some(
        (n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'procedures',
      ),
      executionMs: doc['Execution Time'],
    });
  }
  return plans;
}
