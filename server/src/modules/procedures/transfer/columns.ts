import type { Fee, Paper, Procedure, ProcedureStatus } from '../schema';
import { statusLabels } from '../status';

/**
 * The columns of a catalog file, as the national database of administrative procedures exports
 * them. Cells are plain text a person can edit in Excel: fees as "Lệ phí: 100.000; Phí thẩm định:
 * 500.000", one required paper per line as "Tờ khai (bản chính: 1; bản sao: 0; lấy từ kho dữ liệu)".
 */
export const COLUMNS = {
  code: 'Mã TTHC',
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  level: 'Mức độ',
  days: 'Thời hạn giải quyết (ngày làm việc)',
  fees: 'Phí/lệ phí (đồng)',
  papers: 'Thành phần hồ sơ',
  result: 'Kết quả',
  description: 'Mô tả',
  status: 'Trạng thái',
} as const;
export type ColumnKey = keyof typeof COLUMNS;

export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['code', 'name', 'field', 'level', 'days'];
/** Columns national exports carry that the import reads past. */
export const IGNORED_COLUMNS = ['STT'];
export const COLUMN_ORDER = Object.keys(COLUMNS) as ColumnKey[];

/**
 * Lower case without diacritics, one character for each character of an NFC string (Vietnamese
 * letters are precomposed in NFC), so positions found in it hold in the original.
 */
function fold(s: string): string {
  return [...s.normalize('NFC')]
    .map((ch) =>
      ch === 'đ' || ch === 'Đ'
        ? 'd'
        : ch
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase(),
    )
    .map((ch) => (ch.length === 1 ? ch : '?'))
    .join('');
}

/** Lower case, no diacritics, single spaces: how headers and labels are compared. */
export function plain(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

export class CellError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const dong = (n: number) => n.toLocaleString('de-DE'); // 1.188.000 — the Vietnamese grouping

export function formatFees(fees: Fee[]): string {
  return fees.map((f) => `${f.name}: ${dong(f.amount)}`).join('; ');
}

export function parseFees(cell: string): Fee[] {
  const text = cell.trim();
  if (text === '' || ['khong', 'mien phi', 'khong thu'].includes(plain(text))) return [];
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.lastIndexOf(':');
      if (at <= 0)
        throw new CellError(
          `"${part}": mỗi khoản phí có dạng "tên: số tiền"`,
          `"${part}": each fee reads "name: amount"`,
        );
      const name = part.slice(0, at).trim();
      const raw = part
        .slice(at + 1)
        .replace(/(đồng|đ|₫|vnd)\s*$/i, '')
        .trim();
      if (/^-/.test(raw))
        throw new CellError(`"${part}": số tiền không được âm`, `"${part}": the amount must not be negative`);
      const digits = raw.replace(/[.,\s]/g, '');
      if (!/^\d{1,13}$/.test(digits))
        throw new CellError(
          `"${part}": số tiền phải là số nguyên đồng (ví dụ 100.000)`,
          `"${part}": the amount must be whole đồng (e.g. 100.000)`,
        );
      return { name, amount: Number(digits) };
    });
}

export function formatPapers(papers: Paper[]): string {
  return papers
    .map(
      (p) =>
        `${p.name} (bản chính: ${p.originals}; bản sao: ${p.copies}${p.fromDataStore ? '; lấy từ kho dữ liệu' : ''})`,
    )
    .join('\n');
}

const PAPER_TAIL = /\s*\(\s*ban chinh:\s*(\d+)\s*;\s*ban sao:\s*(\d+)\s*(;\s*lay tu kho du lieu\s*)?\)\s*$/;

/** One paper per line; a line without the "(bản chính: …)" tail is one original. */
export function parsePapers(cell: string): Paper[] {
  return cell
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const nfc = line.normalize('NFC');
      const m = PAPER_TAIL.exec(fold(nfc));
      if (!m) return { name: nfc, originals: 1, copies: 0, fromDataStore: false };
      const name = [...nfc].slice(0, m.index).join('').trim();
      return { name, originals: Number(m[1]), copies: Number(m[2]), fromDataStore: m[3] !== undefined };
    });
}

const LEVEL_WORDS: Record<string, number> = { 'mot phan': 3, 'toan trinh': 4 };

export function parseLevel(cell: string): number {
  const p = plain(cell).replace(/^muc do\s*/, '');
  const level = LEVEL_WORDS[p] ?? (/^[1-4]$/.test(p) ? Number(p) : NaN);
  if (Number.isNaN(level))
    throw new CellError(
      `"${cell}" không phải mức độ 1–4 (hoặc "Một phần", "Toàn trình")`,
      `"${cell}" is not a level 1–4 (or "Một phần", "Toàn trình")`,
    );
  return level;
}

export function parseDays(cell: string): number {
  const t = cell.trim();
  if (!/^\d{1,3}$/.test(t) || Number(t) > 365)
    throw new CellError(
      `"${cell}" không phải số ngày làm việc (0–365)`,
      `"${cell}" is not a number of working days (0–365)`,
    );
  return Number(t);
}

export function formatStatus(s: ProcedureStatus): string {
  return statusLabels[s].vi;
}

const STATUS_WORDS: Record<string, ProcedureStatus> = {
  'du thao': 'draft',
  draft: 'draft',
  'cong bo': 'published',
  'cong khai': 'published',
  published: 'published',
  'ngung ap dung': 'archived',
  archived: 'archived',
};

export function parseStatus(cell: string): ProcedureStatus {
  const s = STATUS_WORDS[plain(cell)];
  if (!s)
    throw new CellError(
      `"${cell}" không phải trạng thái (Dự thảo, Công bố, Ngừng áp dụng)`,
      `"${cell}" is not a status (Dự thảo, Công bố, Ngừng áp dụng)`,
    );
  return s;
}

/** One procedure as a row of cells, in COLUMN_ORDER. */
export function procedureCells(p: Procedure, fieldName: string): (string | number)[] {
  const cells: Record<ColumnKey, string | number> = {
    code: p.nationalCode,
    name: p.name,
    field: fieldName,
    level: p.level,
    days: p.processingDays,
    fees: formatFees(p.fees),
    papers: formatPapers(p.requiredPapers),
    result: p.resultType,
    description: p.description,
    status: formatStatus(p.status),
  };
  return COLUMN_ORDER.map((k) => cells[k]);
}
