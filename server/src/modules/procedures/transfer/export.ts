import type { Tx } from '../../../db/transactor';
import { listAllProcedures, listProcedureFields } from '../queries';
import { COLUMN_ORDER, COLUMNS, procedureCells } from './columns';
import { CONTENT_TYPES, writeTable, type CatalogFormat } from './files';

/** The caller's unit's whole catalog as a file that importCatalog reads back unchanged. */
export async function exportCatalog(
  tx: Tx,
  format: CatalogFormat,
): Promise<{ bytes: Buffer; contentType: string; rows: number }> {
  const fieldNames = new Map((await listProcedureFields(tx)).map((f) => [f.code, f.name]));
  const procedures = await listAllProcedures(tx);
  const rows = procedures.map((p) => procedureCells(p, fieldNames.get(p.fieldCode) ?? p.fieldCode));
  const bytes = await writeTable(
    format,
    COLUMN_ORDER.map((k) => COLUMNS[k]),
    rows,
  );
  return { bytes, contentType: CONTENT_TYPES[format], rows: rows.length };
}
