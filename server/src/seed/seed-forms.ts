import type { Tx } from '../db/transactor';
import type { AuditActorRef } from '../modules/audit/audit-log';
import { createForm, publishForm } from '../modules/forms/service';
import { demoCommunes } from './demo-communes';
import { demoForms } from './demo-forms';

/** Former communes publish their catalog without online forms (~450 forms fewer to compile at start). */
const withoutForms = new Set(demoCommunes.filter((c) => c.former).map((c) => c.code));

/**
 * Builds and publishes the demo forms through the forms service, as each unit's admin would, so
 * every one has version 1 with its compiled JSON Schema and UI layout — at every department and
 * current commune whose catalog has the procedure. A procedure that already has a form is left
 * alone: a second run publishes nothing. Runs in the seed's system transaction.
 */
export async function seedDemoForms(
  tx: Tx,
  unitIds: ReadonlyMap<string, string>,
  actor: AuditActorRef,
): Promise<number> {
  const byProcedure = new Map(demoForms.map((f) => [f.procedure, f]));
  const { rows } = await tx.raw<{ rows: { tenant_id: string; id: string; national_code: string }[] }>(
    `select p.tenant_id, p.id, p.national_code from procedures p
      where p.national_code = any(?::text[]) and p.tenant_id = any(?::uuid[])
        and not exists (select 1 from forms f where f.tenant_id = p.tenant_id and f.procedure_id = p.id)
      order by p.national_code, p.tenant_id`,
    [[...byProcedure.keys()], [...unitIds].filter(([code]) => !withoutForms.has(code)).map(([, id]) => id)],
  );
  for (const p of rows) {
    const demo = byProcedure.get(p.national_code)!;
    const form = await createForm(
      tx,
      p.tenant_id,
      { procedureId: p.id, name: demo.name, draft: demo.definition },
      actor,
    );
    await publishForm(tx, form.id, actor);
  }
  return rows.length;
}
