import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import type { ObjectStorage } from '../storage/object-storage';

/** Attachments we accept: PDF and scans. Recognised by their first bytes, not the declared type. */
export const UPLOAD_TYPES = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
} as const;
export type UploadType = keyof typeof UPLOAD_TYPES;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Uploads are content-addressed; files stored under this key before the one store stay readable. */
export const uploadKey = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

/** The uploaded file with this hash, or null (also for anything that is not a hash). */
export async function readUpload(store: ObjectStorage, sha256: string): Promise<Uint8Array | null> {
  return /^[0-9a-f]{64}$/.test(sha256) ? store.get(uploadKey(sha256)) : null;
}

const refuse = (vi: string, en: string, pathName = 'file') =>
  new AppError('validation_failed', { vi, en }, [{ path: pathName, message: vi, message_en: en }]);

export function sniffType(bytes: Uint8Array): UploadType | null {
  for (const [mime, magic] of Object.entries(UPLOAD_TYPES))
    if (magic.every((b, i) => bytes[i] === b)) return mime as UploadType;
  return null;
}

/**
 * Checks and stores one uploaded file: type by content (pdf, jpeg, png), size, and the client's
 * declared SHA-256 when given (a mismatch means the file was damaged on the way: refused).
 */
export async function storeUpload(
  store: ObjectStorage,
  bytes: Uint8Array,
  declared: { mime?: string; sha256?: string },
): Promise<{ sha256: string; size: number; mime: UploadType }> {
  if (bytes.length === 0) throw refuse('Tệp rỗng', 'The file is empty');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError('payload_too_large', {
      vi: `Tệp vượt quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      en: `The file exceeds ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    });
  const mime = sniffType(bytes);
  if (!mime) throw refuse('Chỉ nhận tệp PDF, JPEG hoặc PNG', 'Only PDF, JPEG or PNG files are accepted');
  if (declared.mime && declared.mime.split(';')[0]!.trim() !== mime)
    throw refuse(
      `Nội dung tệp là ${mime}, không phải ${declared.mime}`,
      `The file is ${mime}, not ${declared.mime}`,
    );
  const sha256 = sha256Hex(bytes);
  if (declared.sha256 && declared.sha256.toLowerCase() !== sha256)
    throw refuse(
      'Mã băm SHA-256 không khớp với nội dung tệp',
      'The SHA-256 does not match the file content',
      'X-Content-SHA256',
    );
  await store.put(uploadKey(sha256), bytes, { contentType: mime });
  return { sha256, size: bytes.length, mime };
}
