import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { AppError, type FieldProblem } from '../../errors';
import type { AttachmentSpec } from '../forms/definition';
import type { ObjectStorage } from '../storage/object-storage';
import type { StoredAttachment } from './queries';
import { readUpload, sniffType } from './uploads';

/** A form attachment slot filled by an upload (its SHA-256 from POST /uploads) or a stored paper. */
export const attachmentRef = z.union([
  z
    .object({
      attachmentId: z.string().min(1).max(60),
      name: z.string().trim().min(1).max(255),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
  z.object({ attachmentId: z.string().min(1).max(60), documentId: z.uuid() }).strict(),
]);
export type AttachmentRef = z.infer<typeof attachmentRef>;

interface StoredDocument {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** The citizen's own papers named by the refs, read in the citizen's transaction. */
export async function citizenDocuments(
  tx: Tx,
  refs: readonly AttachmentRef[],
): Promise<Map<string, StoredDocument>> {
  const ids = refs.flatMap((r) => ('documentId' in r ? [r.documentId] : []));
  if (ids.length === 0) return new Map();
  const rows = (await tx('citizen_documents')
    .select('id', 'name', 'mime', 'size', 'sha256')
    .whereIn('id', ids)) as StoredDocument[];
  return new Map(rows.map((r) => [r.id, { ...r, size: Number(r.size) }]));
}

const problem = (path: string, vi: string, en: string): FieldProblem => ({
  path,
  message: vi,
  message_en: en,
});

/**
 * Checks the refs against the form version's attachment slots (required, accepted types, size)
 * and that every upload is really in the store; answers every problem at once.
 */
export async function resolveAttachments(
  specs: readonly AttachmentSpec[],
  refs: readonly AttachmentRef[],
  store: ObjectStorage,
  documents: Map<string, StoredDocument>,
): Promise<StoredAttachment[]> {
  const problems: FieldProblem[] = [];
  const out: StoredAttachment[] = [];
  for (const [i, ref] of refs.entries()) {
    const at = `attachments.${i}`;
    const spec = specs.find((s) => s.id === ref.attachmentId);
    if (!spec) {
      problems.push(
        problem(
          `${at}.attachmentId`,
          `Biểu mẫu không có thành phần "${ref.attachmentId}"`,
          `The form has no attachment "${ref.attachmentId}"`,
        ),
      );
      continue;
    }
    let file: StoredAttachment | null = null;
    if ('documentId' in ref) {
      const doc = documents.get(ref.documentId);
      if (!doc || !spec.fromDataStore)
        problems.push(
          problem(
            `${at}.documentId`,
            'Không dùng được giấy tờ này từ kho dữ liệu',
            'This paper cannot be used from the data store',
          ),
        );
      else
        file = {
          attachmentId: spec.id,
          name: doc.name,
          mime: doc.mime,
          size: doc.size,
          sha256: doc.sha256,
          source: 'data_store',
        };
    } else {
      const bytes = await readUpload(store, ref.sha256);
      const mime = bytes ? sniffType(bytes) : null;
      if (!bytes || !mime)
        problems.push(
          problem(`${at}.sha256`, 'Chưa tải lên tệp có mã băm này', 'No uploaded file has this hash'),
        );
      else
        file = {
          attachmentId: spec.id,
          name: ref.name,
          mime,
          size: bytes.length,
          sha256: ref.sha256,
          source: 'upload',
        };
    }
    if (!file) continue;
    if (!(spec.accept as readonly string[]).includes(file.mime))
      problems.push(
        problem(
          at,
          `${spec.name}: không nhận loại tệp ${file.mime}`,
          `${spec.name}: ${file.mime} is not accepted`,
        ),
      );
    else if (file.size > spec.maxSizeMb * 1024 * 1024)
      problems.push(
        problem(
          at,
          `${spec.name}: tệp vượt quá ${spec.maxSizeMb} MB`,
          `${spec.name}: larger than ${spec.maxSizeMb} MB`,
        ),
      );
    else out.push(file);
  }
  for (const spec of specs)
    if (spec.required && !refs.some((r) => r.attachmentId === spec.id))
      problems.push(
        problem(
          'attachments',
          `Thiếu thành phần hồ sơ bắt buộc: ${spec.name}`,
          `Missing required paper: ${spec.name_en ?? spec.name}`,
        ),
      );
  if (problems.length > 0)
    throw new AppError(
      'validation_failed',
      { vi: 'Thành phần hồ sơ chưa hợp lệ', en: 'The attached papers have problems' },
      problems,
    );
  return out;
}
