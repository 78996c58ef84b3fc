import { createHash } from 'node:crypto';
import type { Tx } from '../../db/transactor';
import type { SigningKeys } from '../signing/key-vault';
import { signResultDocument } from '../signing/sign';
import { recordResult, type RecordResultInput, type StoredFile } from './repository';
import type { Result } from './schema';
import type { ObjectStorage } from '../storage/object-storage';

/** Content-addressed, per unit: the same file stored twice is one object. */
export function resultFileKey(tenantId: string, sha256: string): string {
  return `results/${tenantId}/${sha256.slice(0, 2)}/${sha256}`;
}

export async function storeResultFile(
  storage: ObjectStorage,
  tenantId: string,
  bytes: Uint8Array,
  mime: string,
): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const storageKey = resultFileKey(tenantId, sha256);
  await storage.put(storageKey, bytes, { contentType: mime });
  return { sha256, size: bytes.byteLength, mime, storageKey };
}

export interface IssueResultInput extends Omit<
  RecordResultInput,
  'file' | 'signature' | 'source' | 'issuedAt'
> {
  bytes: Uint8Array;
  mime: string;
  storage: ObjectStorage;
  keys: SigningKeys;
  /** When the unit signs and issues it; also the signature's signing time. */
  now?: Date;
}

/**
 * Issues a result document in the unit's transaction: stores the file, signs it with the unit's
 * certificate and records it in the repository. The file is stored before the row; if the
 * transaction then fails, an unreferenced file under its hash is all that remains.
 */
export async function issueResult(tx: Tx, input: IssueResultInput): Promise<Result> {
  const { bytes, mime, storage, keys, now = new Date(), ...record } = input;
  const file = await storeResultFile(storage, input.tenantId, bytes, mime);
  const signed = await signResultDocument(tx, { tenantId: input.tenantId, bytes, keys, now });
  return recordResult(tx, {
    ...record,
    issuedAt: now,
    source: 'issued',
    file,
    signature: { der: signed.signatureDer, certificateSerial: signed.certificateSerial },
  });
}
