import type { Tx } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import type { Result } from './schema';

/**
 * The results repository's writes: record a result, revoke one. A result is never edited or
 * deleted; its file is named by its SHA-256, and a revocation keeps the row with its reason.
 */
export interface RecordResultInput {
  tenantId: string;
  code: string;
  title: string;
  holderName: string;
  holderPid?: string | null;
  issuedAt: Date;
  validUntil?: Date | null;
  dossierId?: string | null;
  source: 'issued' | 'digitized';
  file: StoredFile;
  signature?: { der: Uint8Array; certificateSerial: string } | null;
}

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  storageKey: string;
}

export interface ResultRow {
  tenant_id: string;
  id: string;
  code: string;
  dossier_id: string | null;
  title: string;
  holder_pid: string | null;
  holder_name: string;
  issued_at: Date;
  valid_until: Date | null;
  status: 'valid' | 'revoked';
  revoked_reason: string | null;
  revoked_at: Date | null;
  file_sha256: string;
  file_size: string | number;
  mime: string;
  storage_key: string;
  signature_der: Buffer | null;
  certificate_serial: string | null;
  source: 'issued' | 'digitized';
  created_at: Date;
}

export function toResult(r: ResultRow): Result {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    code: r.code,
    dossierId: r.dossier_id,
    title: r.title,
    holderPid: r.holder_pid,
    holderName: r.holder_name,
    issuedAt: r.issued_at.toISOString(),
    validUntil: r.valid_until?.toISOString() ?? null,
    status: r.status,
    revokedReason: r.revoked_reason,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    fileSha256: r.file_sha256,
    fileSize: Number(r.file_size),
    mime: r.mime,
    storageKey: r.storage_key,
    certificateSerial: r.certificate_serial,
    signed: r.signature_der !== null,
    source: r.source,
    createdAt: r.created_at.toISOString(),
  };
}

const duplicateCode = (code: string) =>
  conflict(
    {
      vi: `Số kết quả ${code} đã có trong kho của đơn vị`,
      en: `Result number ${code} already exists in this unit`,
    },
    [{ path: 'code', message: 'Số kết quả đã tồn tại', message_en: 'Result number already exists' }],
  );

export async function recordResult(tx: Tx, input: RecordResultInput): Promise<Result> {
  // A duplicate number inserts nothing (no savepoint needed: the caller's transaction stays usable).
  const rows = (await tx('results')
    .insert({
      tenant_id: input.tenantId,
      code: input.code,
      dossier_id: input.dossierId ?? null,
      title: input.title,
      holder_pid: input.holderPid ?? null,
      holder_name: input.holderName,
      issued_at: input.issuedAt,
      valid_until: input.validUntil ?? null,
      file_sha256: input.file.sha256,
      file_size: input.file.size,
      mime: input.file.mime,
      storage_key: input.file.storageKey,
      signature_der: input.signature ? Buffer.from(input.signature.der) : null,
      certificate_serial: input.signature?.certificateSerial ?? null,
      source: input.source,
    })
    .onConflict(tx.raw('on constraint results_tenant_code_key'))
    .ignore()
    .returning('*')) as ResultRow[];
  if (!rows[0]) throw duplicateCode(input.code);
  return toResult(rows[0]);
}

export async function findResult(tx: Tx, tenantId: string, id: string): Promise<Result | null> {
  const row = (await tx('results').where({ tenant_id: tenantId, id }).first()) as ResultRow | undefined;
  return row ? toResult(row) : null;
}

export async function revokeResult(
  tx: Tx,
  input: { tenantId: string; id: string; reason: string; now?: Date },
): Promise<Result> {
  const reason = input.reason.trim();
  if (!reason)
    throw new AppError(
      'validation_failed',
      { vi: 'Cần nêu lý do thu hồi', en: 'A revocation needs a reason' },
      [{ path: 'reason', message: 'Bắt buộc', message_en: 'Required' }],
    );
  const rows = (await tx('results')
    .where({ tenant_id: input.tenantId, id: input.id, status: 'valid' })
    .update({ status: 'revoked', revoked_reason: reason, revoked_at: input.now ?? new Date() })
    .returning('*')) as ResultRow[];
  if (rows[0]) return toResult(rows[0]);
  const current = await findResult(tx, input.tenantId, input.id);
  if (!current) throw notFound({ vi: 'Không tìm thấy kết quả', en: 'Result not found' });
  throw conflict({ vi: 'Kết quả đã bị thu hồi', en: 'The result is already revoked' });
}
