import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import type { ObjectStorage } from '../storage/object-storage';
import { findDossier } from './queries';
import type { ResultDownload } from './result-files';
import { dossierNotFound } from './transition';
import { readUpload } from './uploads';

const noFile = () => notFound({ vi: 'Không có tệp đính kèm này', en: 'This attachment is not available' });

/**
 * One paper of a dossier, for the desk checking it beside the form: read under the caller's
 * policies (the unit's staff see their unit's dossiers), the bytes by their content address.
 */
export async function dossierAttachmentDownload(
  tx: Tx,
  id: string,
  attachmentId: string,
  storage: ObjectStorage,
): Promise<ResultDownload> {
  const d = await findDossier(tx, id);
  if (!d) throw dossierNotFound();
  const a = d.attachments.find((x) => x.attachmentId === attachmentId);
  if (!a) throw noFile();
  const bytes = await readUpload(storage, a.sha256);
  if (!bytes) throw noFile();
  return { bytes, contentType: a.mime, filename: a.name.replace(/[^\w.-]+/g, '_') };
}
