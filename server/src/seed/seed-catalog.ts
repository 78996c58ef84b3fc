import type { Tx } from '../db/transactor';
import { appendTenantAudit, type AuditActorRef } from '../modules/audit/audit-log';
import { demoAssignments, demoProcedures } from './demo-catalog';

/** Rows per statement: large enough to keep round trips few, small enough for PGlite's memory. */
const BATCH = 5000;

/**
 * Adds the search terms of every demo procedure name (find-or-add, see migration 0120). Run in a
 * short transaction of its own before seedDemoCatalog.
 */
export async function ensureDemoSearchTerms(tx: Tx): Promise<void> {
  const names = [...demoProcedures.values()].map((p) => ({ code: p.code, name: p.name, field: p.field }));
  await tx.raw(
    `select count(catalog_search_term_id(search_key(t.code || ' ' || t.name), t.field))
       from (select * from jsonb_to_recordset(?::jsonb) as t(code text, name text, field text) order by code) t`,
    [JSON.stringify(names)],
  );
}

/**
 * Inserts the demo catalogs in a few statements: the distinct procedures travel once as JSON, the
 * (unit, procedure, status) assignments as arrays, and the database joins them. A procedure a unit
 * already has (by its national code) is left as it is, so a second run creates nothing and a demo
 * admin's edits survive. Each unit's audit chain records one import, as the catalog import does.
 * Runs in the seed's system transaction.
 */
export async function seedDemoCatalog(
  tx: Tx,
  unitIds: ReadonlyMap<string, string>,
  actor: AuditActorRef,
): Promise<number> {
  const templates = JSON.stringify(
    [...demoProcedures.values()].map((p) => ({
      code: p.code,
      name: p.name,
      field_code: p.field,
      level: p.level,
      processing_days: p.days,
      fees: p.fees,
      fee_total: p.fees.reduce((sum, f) => sum + f.amount, 0),
      required_papers: p.papers,
      result_type: p.result,
    })),
  );
  const assignments = demoAssignments().map((a) => {
    const tenantId = unitIds.get(a.unit);
    if (!tenantId) throw new Error(`demo catalog names unknown unit ${a.unit}`);
    return { ...a, tenantId };
  });

  const created = new Map<string, number>();
  for (let from = 0; from < assignments.length; from += BATCH) {
    const batch = assignments.slice(from, from + BATCH);
    const { rows } = await tx.raw<{ rows: { tenant_id: string; n: number }[] }>(
      `with t as (
         select * from jsonb_to_recordset(?::jsonb) as t(code text, name text, field_code text, level smallint,
           processing_days integer, fees jsonb, fee_total bigint, required_papers jsonb, result_type text)
       ),
       a as (select * from unnest(?::uuid[], ?::text[], ?::text[]) as a(tenant_id, code, status)),
       added as (
         insert into procedures (tenant_id, national_code, name, field_code, level, processing_days, fees,
                                 fee_total, required_papers, result_type, status)
         select a.tenant_id, t.code, t.name, t.field_code, t.level, t.processing_days, t.fees, t.fee_total,
                t.required_papers, t.result_type, a.status
           from a join t on t.code = a.code
          where not exists (select 1 from procedures p where p.tenant_id = a.tenant_id and p.national_code = a.code)
         on conflict (tenant_id, national_code) do nothing
         returning tenant_id
       )
       select tenant_id, count(*)::int as n from added group by tenant_id`,
      [templates, batch.map((a) => a.tenantId), batch.map((a) => a.code), batch.map((a) => a.status)],
    );
    for (const r of rows) created.set(r.tenant_id, (created.get(r.tenant_id) ?? 0) + r.n);
  }

  for (const [tenantId, n] of created)
    await appendTenantAudit(tx, tenantId, actor, {
      action: 'procedure.imported',
      entityType: 'procedure',
      entityId: null,
      data: { source: 'demo province', created: n },
    });
  return [...created.values()].reduce((sum, n) => sum + n, 0);
}
