import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import type { PublicProcedureDetail } from './schema';
import { toPublicProcedure, type PublicProcedureRow } from './search';

interface DetailRow extends PublicProcedureRow {
  tenant_id: string;
  required_papers: PublicProcedureDetail['requiredPapers'];
  description: string;
}

interface FormRow {
  form_id: string;
  version: number;
  json_schema: unknown;
  ui_layout: unknown;
}

/**
 * One published procedure of an open unit, with its published online form when it has one. Runs in
 * the public context; a draft, an archived procedure or one of a closed unit is simply not found.
 */
export async function getPublicProcedure(tx: Tx, id: string): Promise<PublicProcedureDetail> {
  const { rows } = await tx.raw<{ rows: DetailRow[] }>(
    `select p.id, p.tenant_id, p.national_code, p.name, p.field_code, fld.name as field_name, p.level,
            p.processing_days, p.fees, p.fee_total, p.result_type, p.required_papers, p.description,
            u.id as unit_id, u.code as unit_code, u.name as unit_name, u.kind as unit_kind
       from procedures p
       join tenants u on u.id = p.tenant_id and u.status = 'active'
       join procedure_fields fld on fld.code = p.field_code
      where p.id = ? and p.status = 'published'`,
    [id],
  );
  const row = rows[0];
  if (!row) throw notFound({ vi: 'Không tìm thấy thủ tục', en: 'Procedure not found' });
  // The forms module owns forms; the catalog only reads the version a citizen would fill in.
  const { rows: forms } = await tx.raw<{ rows: FormRow[] }>(
    `select f.id as form_id, v.version, v.json_schema, v.ui_layout
       from forms f
       join form_versions v on v.tenant_id = f.tenant_id and v.form_id = f.id and v.version = f.latest_version
      where f.tenant_id = ? and f.procedure_id = ?
      order by v.published_at desc
      limit 1`,
    [row.tenant_id, row.id],
  );
  const form = forms[0];
  return {
    ...toPublicProcedure(row),
    requiredPapers: row.required_papers,
    description: row.description,
    form: form
      ? {
          formId: form.form_id,
          version: form.version,
          jsonSchema: form.json_schema,
          uiLayout: form.ui_layout,
        }
      : null,
  };
}
