import { z } from 'zod';
import type { Tx } from '../../../db/transactor';
import { AppError, type FieldProblem } from '../../../errors';
import { appendTenantAudit, systemClock, type AuditActorRef, type Clock } from '../../audit/audit-log';
import {
  findProceduresByCodes,
  insertProcedure,
  listProcedureFields,
  updateProcedureRow,
  type ProcedureValues,
} from '../queries';
import {
  createProcedureInput,
  type Fee,
  type Paper,
  type Procedure,
  type ProcedureField,
  type ProcedureStatus,
} from '../schema';
import { importMayMove, statusLabels } from '../status';
import {
  CellError,
  COLUMNS,
  IGNORED_COLUMNS,
  parseDays,
  parseFees,
  parseLevel,
  parsePapers,
  parseStatus,
  plain,
  REQUIRED_COLUMNS,
  type ColumnKey,
} from './columns';
import type { Table } from './files';

export const MAX_IMPORT_ROWS = 5000;

const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;

export interface RowProblem {
  row: number;
  column: string;
  message: string;
  message_en: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowProblem[];
}

interface ParsedRow {
  line: number;
  values: ProcedureValues;
  /** Absent when the file has no status column or the cell is empty. */
  status?: ProcedureStatus;
}

/** Which column each key is in; missing required and unknown columns refuse the whole file. */
function locateColumns(header: string[]): Partial<Record<ColumnKey, number>> {
  const byPlain = new Map(Object.entries(COLUMNS).map(([k, label]) => [plain(label), k as ColumnKey]));
  const ignored = new Set(IGNORED_COLUMNS.map(plain));
  const at: Partial<Record<ColumnKey, number>> = {};
  const problems: FieldProblem[] = [];
  header.forEach((h, i) => {
    if (h.trim() === '' || ignored.has(plain(h))) return;
    const key = byPlain.get(plain(h));
    if (!key)
      problems.push({
        path: `columns.${i + 1}`,
        message: `Cột không được hỗ trợ: "${h}"`,
        message_en: `Unsupported column: "${h}"`,
      });
    else if (at[key] !== undefined)
      problems.push({
        path: `columns.${i + 1}`,
        message: `Cột "${h}" bị lặp`,
        message_en: `Column "${h}" appears twice`,
      });
    else at[key] = i;
  });
  for (const k of REQUIRED_COLUMNS)
    if (at[k] === undefined)
      problems.push({
        path: 'columns',
        message: `Thiếu cột bắt buộc: "${COLUMNS[k]}"`,
        message_en: `Missing required column: "${COLUMNS[k]}"`,
      });
  if (problems.length > 0)
    throw new AppError(
      'validation_failed',
      {
        vi: `Các cột của tệp không đúng mẫu danh mục. Cần các cột: ${Object.values(COLUMNS).join(', ')}`,
        en: `The file's columns do not match the catalog template. Expected: ${Object.values(COLUMNS).join(', ')}`,
      },
      problems,
    );
  return at;
}

/** Finds a field of activity by its code or its name (diacritics and case ignored). */
function fieldResolver(fields: ProcedureField[]) {
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const byName = new Map<string, ProcedureField[]>();
  for (const f of fields) byName.set(plain(f.name), [...(byName.get(plain(f.name)) ?? []), f]);
  return (cell: string): string => {
    const exact = byCode.get(cell.trim());
    if (exact) return exact.code;
    const named = byName.get(plain(cell)) ?? [];
    if (named.length === 1) return named[0]!.code;
    if (named.length > 1)
      throw new CellError(
        `"${cell}" trùng tên nhiều lĩnh vực; hãy ghi mã lĩnh vực`,
        `"${cell}" names several fields; use the field's code`,
      );
    throw new CellError(`Không có lĩnh vực "${cell}"`, `No field of activity "${cell}"`);
  };
}

const SCHEMA_COLUMN: Record<string, ColumnKey> = {
  nationalCode: 'code',
  name: 'name',
  fieldCode: 'field',
  level: 'level',
  processingDays: 'days',
  fees: 'fees',
  requiredPapers: 'papers',
  resultType: 'result',
  description: 'description',
};

function parseRow(
  row: Table['rows'][number],
  at: Partial<Record<ColumnKey, number>>,
  fieldOf: (cell: string) => string,
  problems: RowProblem[],
): ParsedRow | null {
  const before = problems.length;
  const cell = (k: ColumnKey) => (at[k] === undefined ? undefined : (row.cells[at[k]] ?? '').trim());
  const read = <T>(k: ColumnKey, fn: (s: string) => T): T | undefined => {
    const c = cell(k);
    if (c === undefined) return undefined;
    try {
      return fn(c);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      problems.push({ row: row.line, column: COLUMNS[k], message: err.vi, message_en: err.en });
      return undefined;
    }
  };
  const draft = {
    nationalCode: cell('code'),
    name: cell('name'),
    fieldCode: read('field', fieldOf),
    level: read('level', parseLevel),
    processingDays: read('days', parseDays),
    fees: read('fees', parseFees),
    requiredPapers: read('papers', parsePapers),
    resultType: cell('result'),
    description: cell('description'),
  };
  const status = cell('status') ? read('status', parseStatus) : undefined;
  if (problems.length > before) return null;
  const checked = createProcedureInput.safeParse(draft, { error: vi });
  if (!checked.success) {
    const english = createProcedureInput.safeParse(draft, { error: en }).error?.issues ?? [];
    checked.error.issues.forEach((issue, i) => {
      const key = SCHEMA_COLUMN[String(issue.path[0])] ?? 'code';
      // fees.1.amount → "1.amount: …": which fee or paper of the cell is wrong.
      const where = issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ` : '';
      problems.push({
        row: row.line,
        column: COLUMNS[key],
        message: `${where}${issue.message}`,
        message_en: `${where}${english[i]?.message ?? issue.message}`,
      });
    });
    return null;
  }
  return { line: row.line, values: checked.data, ...(status ? { status } : {}) };
}

// jsonb returns keys in its own order, so compare values position by position.
const feeTuple = (f: Fee) => [f.name, f.amount];
const paperTuple = (p: Paper) => [p.name, p.originals, p.copies, p.fromDataStore];
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sameValues(p: Procedure, v: ProcedureValues, status: ProcedureStatus | undefined): boolean {
  return (
    p.name === v.name &&
    p.fieldCode === v.fieldCode &&
    p.level === v.level &&
    p.processingDays === v.processingDays &&
    sameJson(p.fees.map(feeTuple), v.fees.map(feeTuple)) &&
    sameJson(p.requiredPapers.map(paperTuple), v.requiredPapers.map(paperTuple)) &&
    p.resultType === v.resultType &&
    p.description === v.description &&
    (status === undefined || status === p.status)
  );
}

/**
 * Imports a catalog file into the caller's unit, upserting by national code. Every row is checked
 * first; if any is rejected nothing is written and the report says which rows and why. The caller's
 * transaction makes the writes all-or-nothing.
 */
export async function importCatalog(
  tx: Tx,
  tenantId: string,
  table: Table,
  opts: { dryRun: boolean },
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<ImportReport> {
  const at = locateColumns(table.header);
  if (table.rows.length > MAX_IMPORT_ROWS)
    throw new AppError('validation_failed', {
      vi: `Tệp có ${table.rows.length} dòng; mỗi lần nhập tối đa ${MAX_IMPORT_ROWS} dòng`,
      en: `The file has ${table.rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`,
    });
  const fieldOf = fieldResolver(await listProcedureFields(tx));
  const rejected: RowProblem[] = [];
  const parsed: ParsedRow[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const p = parseRow(row, at, fieldOf, rejected);
    if (!p) continue;
    const seen = firstLine.get(p.values.nationalCode);
    if (seen !== undefined) {
      rejected.push({
        row: row.line,
        column: COLUMNS.code,
        message: `Mã ${p.values.nationalCode} đã có ở dòng ${seen} của tệp`,
        message_en: `Code ${p.values.nationalCode} already appears on row ${seen} of the file`,
      });
      continue;
    }
    firstLine.set(p.values.nationalCode, row.line);
    parsed.push(p);
  }
  const existing = await findProceduresByCodes(
    tx,
    parsed.map((p) => p.values.nationalCode),
  );
  for (const p of parsed) {
    const current = existing.get(p.values.nationalCode);
    if (current && p.status && !importMayMove(current.status, p.status))
      rejected.push({
        row: p.line,
        column: COLUMNS.status,
        message: `Không thể chuyển thủ tục từ "${statusLabels[current.status].vi}" sang "${statusLabels[p.status].vi}"`,
        message_en: `A ${current.status} procedure cannot become ${p.status}`,
      });
  }
  const report: ImportReport = {
    dryRun: opts.dryRun,
    rows: table.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected,
  };
  if (rejected.length > 0) {
    rejected.sort((a, b) => a.row - b.row);
    throw new AppError(
      'validation_failed',
      {
        vi: `${new Set(rejected.map((r) => r.row)).size} dòng bị từ chối; chưa có gì được ghi`,
        en: `${new Set(rejected.map((r) => r.row)).size} rows were rejected; nothing was written`,
      },
      rejected.map((r) => ({
        path: `rows.${r.row}.${r.column}`,
        message: r.message,
        message_en: r.message_en,
      })),
      { report },
    );
  }
  const now = clock();
  for (const p of parsed) {
    const current = existing.get(p.values.nationalCode);
    if (!current) {
      report.created++;
      if (!opts.dryRun) await insertProcedure(tx, tenantId, p.values, p.status ?? 'draft');
    } else if (sameValues(current, p.values, p.status)) {
      report.unchanged++;
    } else {
      report.updated++;
      if (!opts.dryRun)
        await updateProcedureRow(
          tx,
          current.id,
          { ...p.values, ...(p.status ? { status: p.status } : {}) },
          now,
        );
    }
  }
  if (!opts.dryRun && report.created + report.updated > 0)
    await appendTenantAudit(
      tx,
      tenantId,
      actor,
      {
        action: 'procedure.imported',
        entityType: 'procedure',
        entityId: null,
        data: {
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
        },
      },
      clock,
    );
  return report;
}
