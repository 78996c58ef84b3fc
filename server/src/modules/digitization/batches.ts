import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import type { Rejection } from './rows';
import type { IndexRow } from './schema';

export interface BatchRow {
  tenant_id: string;
  id: string;
  file_name: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  rejected: number;
  rows: IndexRow[];
  rejections: Rejection[];
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export const batchNotFound = () =>
  notFound({ vi: 'Không tìm thấy đợt số hóa', en: 'Digitization batch not found' });

/** What staff see: progress as a percentage, rows done, rows rejected with their reasons. */
export const toBatch = (b: Omit<BatchRow, 'rows'>) => ({
  id: b.id,
  fileName: b.file_name,
  status: b.status,
  total: b.total,
  done: b.done,
  rejected: b.rejected,
  percent: b.total > 0 ? Math.floor(((b.done + b.rejected) / b.total) * 100) : 100,
  rejections: b.rejections,
  createdBy: b.created_by,
  createdAt: b.created_at.toISOString(),
  finishedAt: b.finished_at?.toISOString() ?? null,
});

const VIEW = [
  'tenant_id',
  'id',
  'file_name',
  'status',
  'total',
  'done',
  'rejected',
  'rejections',
  'created_by',
  'created_at',
  'finished_at',
];

export async function insertBatch(
  tx: Tx,
  tenantId: string,
  fileName: string,
  rows: IndexRow[],
  createdBy: string,
): Promise<BatchRow> {
  const [b] = (await tx('digitization_batches')
    .insert({
      tenant_id: tenantId,
      file_name: fileName,
      total: rows.length,
      rows: JSON.stringify(rows),
      created_by: createdBy,
    })
    .returning('*')) as BatchRow[];
  return b!;
}

export async function findBatch(tx: Tx, tenantId: string, id: string) {
  const b = (await tx('digitization_batches').where({ tenant_id: tenantId, id }).first(VIEW)) as
    Omit<BatchRow, 'rows'> | undefined;
  if (!b) throw batchNotFound();
  return toBatch(b);
}

export async function listBatches(tx: Tx, tenantId: string, range: { from: number; to: number }) {
  const rows = (await tx('digitization_batches')
    .where({ tenant_id: tenantId })
    .orderBy('created_at', 'desc')
    .offset(range.from)
    .limit(range.to - range.from + 1)
    .select(VIEW)) as Omit<BatchRow, 'rows'>[];
  const total = Number(
    (
      (await tx('digitization_batches').where({ tenant_id: tenantId }).count({ n: '*' }).first()) as {
        n: string;
      }
    ).n,
  );
  return { rows: rows.map(toBatch), total, from: range.from, to: range.from + Math.max(rows.length - 1, 0) };
}
