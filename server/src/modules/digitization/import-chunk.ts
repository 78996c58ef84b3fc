import type { Tx } from '../../db/transactor';
import { AppError } from '../../errors';
import { readUpload, sniffType } from '../dossiers/uploads';
import { storeResultFile } from '../results/issue-result';
import { recordResult } from '../results/repository';
import type { ObjectStorage } from '../storage/object-storage';
import type { BatchRow } from './batches';
import { checkRow, type Rejection } from './rows';

export const CHUNK_ROWS = 200;

export interface Stores {
  /** Where POST /uploads put the files, by SHA-256. */
  uploads: ObjectStorage;
  /** The results repository's files. */
  results: ObjectStorage;
}

/**
 * Imports the next chunk of a batch in the unit's transaction: the batch row is locked, so two
 * deliveries of the job take turns, and the chunk's results commit together with the progress that
 * counts them — a crash loses at most the chunk in flight, and the retry resumes exactly there.
 * Returns true when the batch is finished.
 */
export async function importNextChunk(
  tx: Tx,
  tenantId: string,
  batchId: string,
  stores: Stores,
  now: Date,
): Promise<boolean> {
  const b = (await tx('digitization_batches')
    .where({ tenant_id: tenantId, id: batchId })
    .forUpdate()
    .first()) as BatchRow | undefined;
  if (!b || b.status === 'completed' || b.status === 'failed') return true;
  const start = b.done + b.rejected;
  const rows = b.rows.slice(start, start + CHUNK_ROWS);
  let done = 0;
  const rejections: Rejection[] = [];
  for (const raw of rows) {
    const row = checkRow(raw, now);
    if ('reason' in row) {
      rejections.push(row);
      continue;
    }
    const reject = (reason: string, reason_en: string) =>
      rejections.push({ line: raw.line, code: raw.code, reason, reason_en });
    const bytes = await readUpload(stores.uploads, row.sha256);
    if (!bytes) {
      reject('Chưa tải lên tệp có mã SHA-256 này', 'No file with this SHA-256 was uploaded');
      continue;
    }
    const mime = sniffType(bytes);
    if (!mime) {
      reject('Tệp không phải PDF, JPEG hoặc PNG', 'The file is not a PDF, JPEG or PNG');
      continue;
    }
    const file = await storeResultFile(stores.results, tenantId, bytes, mime);
    try {
      await recordResult(tx, {
        tenantId,
        code: row.code,
        title: row.title,
        holderName: row.holderName,
        holderPid: row.holderPid,
        issuedAt: row.issuedAt,
        validUntil: row.validUntil,
        source: 'digitized',
        file,
      });
      done++;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      reject(err.detail.vi, err.detail.en);
    }
  }
  const finished = start + rows.length >= b.total;
  await tx('digitization_batches')
    .where({ tenant_id: tenantId, id: batchId })
    .update({
      done: b.done + done,
      rejected: b.rejected + rejections.length,
      rejections: JSON.stringify([...b.rejections, ...rejections]),
      status: finished ? 'completed' : 'running',
      finished_at: finished ? now : null,
    });
  return finished;
}
