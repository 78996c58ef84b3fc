import type { Knex } from 'knex';
import type { Transactor } from '../../../../server/src/db/transactor';

/** One query the server sent, with the context its transaction had set (tenant, platform role). */
export interface CapturedQuery {
  sql: string;
  bindings: readonly unknown[];
  tenantId: string;
  platformRole: string;
}

interface PlanNode {
  'Node Type': string;
  'Scan Direction'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  sql: string;
  topNode: string;
  /** Every node, depth first, e.g. "Index Scan Backward on audit_log using audit_log_pkey". */
  nodes: string[];
  /** The nodes without the InitPlans that read the policies' settings: comparable across roles. */
  shape: string[];
  indexes: string[];
  seqScans: string[];
  executionMs: number;
}

interface KnexQueryEvent {
  sql: string;
  bindings?: readonly unknown[];
  __knexTxId?: string;
}

/**
 * Records the SQL the server sends while `during` runs — the handlers' real queries — and, from
 * each transaction's opening set_config, the context each query ran in.
 */
export async function captureQueries(knex: Knex, during: () => Promise<void>): Promise<CapturedQuery[]> {
  const contexts = new Map<string, { tenantId: string; platformRole: string }>();
  const seen: CapturedQuery[] = [];
  const listener = (q: KnexQueryEvent) => {
    const b = q.bindings ?? [];
    if (q.sql.includes(`set_config('app.tenant_id'`)) {
      // The Transactor sends the settings with BEGIN, as literals.
      const setting = (name: string) =>
        new RegExp(`set_config\\('${name.replace('.', '\\.')}', '([^']*)'`).exec(q.sql)?.[1] ?? '';
      contexts.set(q.__knexTxId ?? '', {
        tenantId: setting('app.tenant_id'),
        platformRole: setting('app.platform_role'),
      });
    } else if (/^select/i.test(q.sql) && !q.sql.includes('pg_advisory')) {
      const ctx = contexts.get(q.__knexTxId ?? '') ?? { tenantId: '', platformRole: '' };
      seen.push({ sql: q.sql, bindings: b, ...ctx });
    }
  };
  knex.on('query', listener);
  try {
    await during();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}

function walk(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const child of node.Plans ?? []) walk(child, out);
  return out;
}

const describe = (n: PlanNode) =>
  [
    n['Node Type'] + (n['Scan Direction'] === 'Backward' ? ' Backward' : ''),
    n['Relation Name'] && `on ${n['Relation Name']}`,
    n['Index Name'] && `using ${n['Index Name']}`,
  ]
    .filter(Boolean)
    .join(' ');

/** EXPLAIN ANALYZE of one captured query, in the same context, on the given server's role. */
export async function explainAs(transactor: Transactor, q: CapturedQuery): Promise<PlanSummary> {
  // knex reports the SQL as sent ($1, $2 … in order); raw() takes ? placeholders.
  const sql = q.sql.replace(/\$\d+/g, '?');
  const explain = (tx: Knex.Transaction) =>
    tx.raw<{ rows: { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[] }>(
      `explain (analyze, format json) ${sql}`,
      q.bindings as Knex.RawBinding[],
    );
  const out =
    q.platformRole === 'system'
      ? await transactor.withSystem(explain)
      : await transactor.withTenant({ tenantId: q.tenantId, actorId: null }, explain);
  const [doc] = out.rows[0]!['QUERY PLAN'];
  const nodes = walk(doc.Plan);
  return {
    sql: q.sql,
    topNode: describe(doc.Plan),
    nodes: nodes.map(describe),
    shape: nodes.filter((n) => n['Node Type'] !== 'Result').map(describe),
    indexes: [...new Set(nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])))],
    seqScans: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '?'),
    executionMs: doc['Execution Time'],
  };
}
