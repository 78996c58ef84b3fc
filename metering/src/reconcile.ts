import type { Knex } from 'knex';

type Tx = Knex.Transaction;

/** Dossier counts per unit (tenant id → quantity) for the contract years starting in a calendar year. */
export type UsageCounts = Map<string, number>;
export type CountsProvider = (tx: Tx, year: number) => Promise<UsageCounts>;

async function sumsByTenant(q: Knex.QueryBuilder): Promise<UsageCounts> {
  const rows = (await q) as { tenant_id: string; n: number | string }[];
  return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
}

/** What metering says: the counters quota checks read. */
export const counterTotals: CountsProvider = (tx, year) =>
  sumsByTenant(
    tx('usage_counters as u')
      .join('contracts as c', (j) => j.on('c.tenant_id', 'u.tenant_id').andOn('c.id', 'u.contract_id'))
      .where('u.metric', 'dossier.received')
      .whereRaw('extract(year from c.start_date) = ?', [year])
      .groupBy('u.tenant_id')
      .select('u.tenant_id', tx.raw('sum(u.quantity) as n')),
  );

/**
 * The raw events behind the counters. Until the dossier issue lands this is the "expected" side;
 * that issue switches the CLI's expected provider to dossiers received per unit (and compares them
 * with reception events), so the check then proves metering against the source of truth.
 */
export const eventTotals: CountsProvider = (tx, year) =>
  sumsByTenant(
    tx('usage_events as e')
      .join('contracts as c', (j) => j.on('c.tenant_id', 'e.tenant_id').andOn('c.id', 'e.contract_id'))
      .where('e.metric', 'dossier.received')
      .whereRaw('extract(year from c.start_date) = ?', [year])
      .groupBy('e.tenant_id')
      .select('e.tenant_id', tx.raw('sum(e.quantity) as n')),
  );

export interface ReconciliationDifference {
  tenantId: string;
  tenantCode: string | null;
  metered: number;
  expected: number;
  difference: number;
}

export interface Reconciliation {
  year: number;
  tenants: number;
  differences: ReconciliationDifference[];
}

/**
 * Compares metered usage with what is expected, unit by unit, for contract years starting in `year`
 * (run in a system or finance transaction, which sees every unit). There must be no difference.
 */
export async function reconcileUsage(
  tx: Tx,
  year: number,
  providers: { metered?: CountsProvider; expected?: CountsProvider } = {},
): Promise<Reconciliation> {
  const metered = await (providers.metered ?? counterTotals)(tx, year);
  const expected = await (providers.expected ?? eventTotals)(tx, year);
  const ids = [...new Set([...metered.keys(), ...expected.keys()])];
  const codes = new Map(
    ((await tx('tenants').select('id', 'code').whereIn('id', ids)) as { id: string; code: string }[]).map(
      (t) => [t.id, t.code],
    ),
  );
  const differences = ids
    .map((tenantId) => {
      const m = metered.get(tenantId) ?? 0;
      const e = expected.get(tenantId) ?? 0;
      return {
        tenantId,
        tenantCode: codes.get(tenantId) ?? null,
        metered: m,
        expected: e,
        difference: m - e,
      };
    })
    .filter((d) => d.difference !== 0)
    .sort((a, b) => (a.tenantCode ?? '').localeCompare(b.tenantCode ?? ''));
  return { year, tenants: ids.length, differences };
}
