import type { Tx } from '../../db/transactor';

/** What an action prints or computes from the dossier's procedure: its name, days, and unit. */
export interface ProcedureFacts {
  name: string;
  processing_days: number;
  unit_code: string;
  unit_name: string;
}

/**
 * The same facts as one json column of a query on `dossiers`: the lock an action takes brings them
 * along (receive and result used to read them in a statement of their own).
 */
export const PROCEDURE_FACTS_COLUMN =
  `(select json_build_object('name', p.name, 'processing_days', p.processing_days, 'unit_code', u.code, 'unit_name', u.name) ` +
  `from procedures p join tenants u on u.id = p.tenant_id ` +
  `where p.tenant_id = dossiers.tenant_id and p.id = dossiers.procedure_id) as procedure_facts`;

const perTransaction = new WeakMap<Tx, Map<string, ProcedureFacts>>();

/** Keeps facts read with PROCEDURE_FACTS_COLUMN as the transaction's copy. */
export function primeProcedureFacts(tx: Tx, procedureId: string, facts: ProcedureFacts | null): void {
  if (!facts) return;
  let known = perTransaction.get(tx);
  if (!known) perTransaction.set(tx, (known = new Map()));
  known.set(procedureId, facts);
}

/** The dossier's procedure facts: the transaction's copy, else one read under the caller's policies. */
export async function procedureFacts(
  tx: Tx,
  d: { tenant_id: string; procedure_id: string },
): Promise<ProcedureFacts> {
  const hit = perTransaction.get(tx)?.get(d.procedure_id);
  if (hit) return hit;
  const facts = (await tx('procedures as p')
    .join('tenants as u', 'u.id', 'p.tenant_id')
    .where({ 'p.tenant_id': d.tenant_id, 'p.id': d.procedure_id })
    .first('p.name', 'p.processing_days', 'u.code as unit_code', 'u.name as unit_name')) as ProcedureFacts;
  primeProcedureFacts(tx, d.procedure_id, facts);
  return facts;
}
