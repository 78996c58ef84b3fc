import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import type { ObjectStorage } from '../storage/object-storage';
import { findDossier } from './queries';
import { dossierNotFound } from './transition';

export interface ResultDownload {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

const noResult = () => notFound({ vi: 'Hồ sơ chưa có kết quả', en: 'The dossier has no result yet' });

/**
 * The signed result of a dossier (the file, or its detached signature), read under the caller's
 * policies: the unit's staff see their unit's dossiers, a citizen only their own — anything else is
 * the same 404 as a dossier that does not exist.
 */
export async function dossierResultDownload(
  tx: Tx,
  id: string,
  storage: ObjectStorage,
  part: 'file' | 'signature',
): Promise<ResultDownload> {
  const d = await findDossier(tx, id);
  if (!d) throw dossierNotFound();
  if (!d.result) throw noResult();
  const r = (await tx('results')
    .where({ tenant_id: d.tenant_id, dossier_id: d.id, file_sha256: d.result.sha256 })
    .orderBy('issued_at', 'desc')
    .first('code', 'storage_key', 'mime', 'signature_der')) as
    { code: string; storage_key: string; mime: string; signature_der: Buffer | null } | undefined;
  if (!r) throw noResult();
  const filename = d.result.name.replace(/[^\w.-]+/g, '_');
  if (part === 'signature') {
    if (!r.signature_der) throw noResult();
    return {
      bytes: r.signature_der,
      contentType: 'application/pkcs7-signature',
      filename: `${filename}.p7s`,
    };
  }
  const bytes = await storage.get(r.storage_key);
  if (!bytes) throw new Error(`result file missing from the object store: ${r.storage_key}`);
  return { bytes, contentType: r.mime, filename };
}
