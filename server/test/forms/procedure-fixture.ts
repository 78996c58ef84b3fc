import type { Running } from '../../src/boot';
import { uniqueSuffix } from '../support/app';

/**
 * A minimal procedure row, inserted as the unit itself (RLS applies). The procedures module is
 * another engineer's; the forms tests need only a row to hang a form on.
 */
export async function insertProcedure(running: Running, tenantId: string): Promise<string> {
  const fieldCode = `TEST_FORMS_${uniqueSuffix().toUpperCase()}`;
  await running.transactor.withSystem((tx) =>
    tx('procedure_fields').insert({ code: fieldCode, name: 'Lĩnh vực thử', name_en: 'Test field' }),
  );
  return running.transactor.withTenant({ tenantId, actorId: null }, async (tx) => {
    const [row] = (await tx('procedures')
      .insert({
        tenant_id: tenantId,
        national_code: `9.${uniqueSuffix()}`,
        name: 'Thủ tục thử cho biểu mẫu',
        field_code: fieldCode,
        level: 4,
        processing_days: 5,
      })
      .returning('id')) as { id: string }[];
    return row!.id;
  });
}
