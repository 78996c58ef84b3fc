import { z } from 'zod';
import { AppError } from '../../errors';
import type { Table } from '../procedures/transfer/files';

/** One row of the index as read from the file; checked row by row by the import job. */
export interface IndexRow {
  line: number;
  code: string;
  title: string;
  holderName: string;
  holderPid: string;
  issuedOn: string;
  validUntil: string;
  sha256: string;
}
type Column = Exclude<keyof IndexRow, 'line'>;

/** Header names accepted for each column (Vietnamese first; compared without case and diacritics). */
const COLUMNS: Record<Column, string[]> = {
  code: ['Số kết quả', 'so_ket_qua', 'code'],
  title: ['Tên kết quả', 'ten_ket_qua', 'title'],
  holderName: ['Người được cấp', 'nguoi_duoc_cap', 'holder_name'],
  holderPid: ['Số định danh', 'so_dinh_danh', 'holder_pid'],
  issuedOn: ['Ngày cấp', 'ngay_cap', 'issued_on'],
  validUntil: ['Hiệu lực đến', 'hieu_luc_den', 'valid_until'],
  sha256: ['SHA-256', 'sha256'],
};
const REQUIRED: Column[] = ['code', 'title', 'holderName', 'issuedOn', 'sha256'];
export const MAX_BATCH_ROWS = 50_000;

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Maps the header to columns (all of REQUIRED must be there) and reads every row as text. */
export function indexRows(table: Table): IndexRow[] {
  const at = new Map<Column, number>();
  table.header.forEach((h, i) => {
    for (const [col, names] of Object.entries(COLUMNS) as [Column, string[]][])
      if (names.some((n) => plain(n) === plain(h))) at.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !at.has(c));
  if (missing.length)
    throw new AppError(
      'validation_failed',
      { vi: 'Tệp chỉ mục thiếu cột bắt buộc', en: 'The index lacks required columns' },
      missing.map((c) => ({
        path: `header.${c}`,
        message: `Thiếu cột "${COLUMNS[c][0]}"`,
        message_en: `Missing column "${COLUMNS[c][0]}"`,
      })),
    );
  if (table.rows.length === 0 || table.rows.length > MAX_BATCH_ROWS)
    throw new AppError('validation_failed', {
      vi: `Tệp chỉ mục cần từ 1 đến ${MAX_BATCH_ROWS} dòng`,
      en: `The index needs 1 to ${MAX_BATCH_ROWS} rows`,
    });
  const cell = (cells: string[], c: Column) => (at.has(c) ? (cells[at.get(c)!] ?? '').trim() : '');
  return table.rows.map((r) => ({
    line: r.line,
    code: cell(r.cells, 'code'),
    title: cell(r.cells, 'title'),
    holderName: cell(r.cells, 'holderName'),
    holderPid: cell(r.cells, 'holderPid'),
    issuedOn: cell(r.cells, 'issuedOn'),
    validUntil: cell(r.cells, 'validUntil'),
    sha256: cell(r.cells, 'sha256').toLowerCase(),
  }));
}

export const importQuery = z
  .object({ format: z.enum(['csv', 'xlsx']), fileName: z.string().trim().min(1).max(300).optional() })
  .strict();

export const targetInput = z.object({ backlog: z.number().int().min(0).max(100_000_000) }).strict();
