import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { Fee, Paper, Procedure, ProcedureField, ProcedureFilter, ProcedureStatus } from './schema';
import { actionsFrom } from './status';

/** Every function here runs in the caller's unit transaction: RLS keeps other units' rows out of reach. */
export interface ProcedureRow {
  tenant_id: string;
  id: string;
  national_code: string;
  name: string;
  field_code: string;
  level: number;
  processing_days: number;
  fees: Fee[];
  fee_total: number;
  required_papers: Paper[];
  result_type: string;
  description: string;
  status: ProcedureStatus;
  created_at: Date;
  updated_at: Date;
}

/** The columns a procedure is written with; fee_total always follows the fees. */
export interface ProcedureValues {
  nationalCode: string;
  name: string;
  fieldCode: string;
  level: number;
  processingDays: number;
  fees: Fee[];
  requiredPapers: Paper[];
  resultType: string;
  description: string;
}

const columns: Record<string, string> = {
  nationalCode: 'national_code',
  fieldCode: 'field_code',
  processingDays: 'processing_days',
  feeTotal: 'fee_total',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
const columnOf = (field: string) => columns[field] ?? field;

const SELECT = [
  'tenant_id',
  'id',
  'national_code',
  'name',
  'field_code',
  'level',
  'processing_days',
  'fees',
  'fee_total',
  'required_papers',
  'result_type',
  'description',
  'status',
  'created_at',
  'updated_at',
];

export function toProcedure(r: ProcedureRow): Procedure {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    nationalCode: r.national_code,
    name: r.name,
    fieldCode: r.field_code,
    level: r.level,
    processingDays: r.processing_days,
    fees: r.fees,
    feeTotal: Number(r.fee_total),
    requiredPapers: r.required_papers,
    resultType: r.result_type,
    description: r.description,
    status: r.status,
    actions: actionsFrom(r.status),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function rowValues(v: Partial<ProcedureValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v.nationalCode !== undefined) out.national_code = v.nationalCode;
  if (v.name !== undefined) out.name = v.name;
  if (v.fieldCode !== undefined) out.field_code = v.fieldCode;
  if (v.level !== undefined) out.level = v.level;
  if (v.processingDays !== undefined) out.processing_days = v.processingDays;
  if (v.fees !== undefined) {
    out.fees = JSON.stringify(v.fees);
    out.fee_total = v.fees.reduce((sum, f) => sum + f.amount, 0);
  }
  if (v.requiredPapers !== undefined) out.required_papers = JSON.stringify(v.requiredPapers);
  if (v.resultType !== undefined) out.result_type = v.resultType;
  if (v.description !== undefined) out.description = v.description;
  return out;
}

export async function findProcedure(tx: Tx, id: string): Promise<Procedure | null> {
  const row = (await tx('procedures').select(SELECT).where({ id }).first()) as ProcedureRow | undefined;
  return row ? toProcedure(row) : null;
}

export async function findProceduresByCodes(tx: Tx, codes: string[]): Promise<Map<string, Procedure>> {
  if (codes.length === 0) return new Map();
  const rows = (await tx('procedures').select(SELECT).whereIn('national_code', codes)) as ProcedureRow[];
  return new Map(rows.map((r) => [r.national_code, toProcedure(r)]));
}

export async function listAllProcedures(tx: Tx): Promise<Procedure[]> {
  const rows = (await tx('procedures').select(SELECT).orderBy('national_code')) as ProcedureRow[];
  return rows.map(toProcedure);
}

export async function listProcedures(tx: Tx, params: ListParams<ProcedureFilter>) {
  const f = params.filter;
  const base = tx('procedures').select(SELECT);
  if (f.fieldCode) base.where({ field_code: f.fieldCode });
  if (f.level) base.where({ level: f.level });
  if (f.status) base.where({ status: f.status });
  if (f.id) base.whereIn('id', f.id);
  if (f.q) {
    // The same search key as the generated column: "ho tich" finds "Hộ tịch", "dang ky" finds "Đăng ký".
    base.whereRaw(
      `search_text like '%' || replace(replace(replace(search_key(?), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`,
      [f.q],
    );
  }
  const page = await fetchPage<ProcedureRow>(base, params, columnOf);
  return { ...page, rows: page.rows.map(toProcedure) };
}

export async function insertProcedure(
  tx: Tx,
  tenantId: string,
  v: ProcedureValues,
  status: ProcedureStatus = 'draft',
): Promise<Procedure> {
  const [row] = (await tx('procedures')
    .insert({ tenant_id: tenantId, status, ...rowValues(v) })
    .returning(SELECT)) as ProcedureRow[];
  return toProcedure(row!);
}

export async function updateProcedureRow(
  tx: Tx,
  id: string,
  patch: Partial<ProcedureValues> & { status?: ProcedureStatus },
  now: Date,
): Promise<Procedure | null> {
  const values = { ...rowValues(patch), updated_at: now, ...(patch.status ? { status: patch.status } : {}) };
  const [row] = (await tx('procedures').where({ id }).update(values).returning(SELECT)) as ProcedureRow[];
  return row ? toProcedure(row) : null;
}

interface FieldRow {
  code: string;
  name: string;
  name_en: string | null;
}
const toField = (r: FieldRow): ProcedureField => ({ code: r.code, name: r.name, nameEn: r.name_en });

export async function listProcedureFields(tx: Tx): Promise<ProcedureField[]> {
  const rows = (await tx('procedure_fields').select('code', 'name', 'name_en').orderBy('name')) as FieldRow[];
  return rows.map(toField);
}

export async function findProcedureField(tx: Tx, code: string): Promise<ProcedureField | null> {
  const row = (await tx('procedure_fields').select('code', 'name', 'name_en').where({ code }).first()) as
    FieldRow | undefined;
  return row ? toField(row) : null;
}

export async function insertProcedureField(tx: Tx, f: ProcedureField): Promise<ProcedureField> {
  const [row] = (await tx('procedure_fields')
    .insert({ code: f.code, name: f.name, name_en: f.nameEn })
    .returning(['code', 'name', 'name_en'])) as FieldRow[];
  return toField(row!);
}

export async function updateProcedureFieldRow(
  tx: Tx,
  code: string,
  patch: { name?: string; nameEn?: string | null },
): Promise<ProcedureField | null> {
  const values: Record<string, unknown> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.nameEn !== undefined) values.name_en = patch.nameEn;
  if (Object.keys(values).length === 0) return findProcedureField(tx, code);
  const [row] = (await tx('procedure_fields')
    .where({ code })
    .update(values)
    .returning(['code', 'name', 'name_en'])) as FieldRow[] | [];
  return row ? toField(row) : null;
}
