import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../../errors';

export const CATALOG_FORMATS = ['xlsx', 'csv'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

export const CONTENT_TYPES: Record<CatalogFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A sheet as text: the header, then each data row with its row number in the file (header = 1). */
export interface Table {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

const unreadable = (format: CatalogFormat) =>
  new AppError('validation_failed', {
    vi: `Không đọc được tệp ${format.toUpperCase()}`,
    en: `The file is not a readable ${format.toUpperCase()} file`,
  });

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return cellText(v.result as CellValue);
  if ('text' in v) return String(v.text);
  return '';
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

async function readXlsx(bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('xlsx');
  const width = ws.getRow(1).cellCount;
  const rowCells = (n: number) =>
    Array.from({ length: width }, (_, i) => cellText(ws.getRow(n).getCell(i + 1).value));
  const header = rowCells(1);
  const rows: Table['rows'] = [];
  for (let n = 2; n <= ws.rowCount; n++) {
    const cells = rowCells(n);
    if (!isBlank(cells)) rows.push({ line: n, cells });
  }
  return { header, rows };
}

function readCsv(bytes: Buffer): Table {
  let records: string[][];
  try {
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    throw unreadable('csv');
  }
  const [header = [], ...body] = records;
  // csv-parse counts records, not lines; a quoted cell may span lines, so number rows as records.
  const rows = body.map((cells, i) => ({ line: i + 2, cells })).filter((r) => !isBlank(r.cells));
  return { header, rows };
}

export function readTable(bytes: Buffer, format: CatalogFormat): Promise<Table> {
  return format === 'xlsx' ? readXlsx(bytes) : Promise.resolve(readCsv(bytes));
}

export async function writeTable(
  format: CatalogFormat,
  header: string[],
  rows: (string | number)[][],
): Promise<Buffer> {
  if (format === 'csv') {
    // The BOM makes Excel read UTF-8 (Vietnamese) correctly.
    return Buffer.from(`\ufeff${stringify([header, ...rows])}`, 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục TTHC');
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  ws.columns.forEach((c, i) => {
    c.width = [14, 60, 28, 8, 14, 36, 60, 36, 30, 16][i] ?? 20;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
