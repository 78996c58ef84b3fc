import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { AppError } from '../../errors';
import { renderResultDocument } from '../documents/index';
import { issueResult } from '../results/issue-result';
import type { Result } from '../results/schema';
import type { SigningKeys } from '../signing/key-vault';
import type { ObjectStorage } from '../storage/object-storage';
import { procedureFacts, type ProcedureFacts } from './procedure-facts';
import type { DossierResult, DossierRow } from './queries';
import { actionsFor, illegalMove, lockDossier, transition, type DossierActor } from './transition';
import { readUpload, sniffType } from './uploads';

/** The result is an uploaded file (its SHA-256 from POST /uploads) or text the unit has rendered as PDF. */
export const resultInput = z
  .object({
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    name: z.string().trim().min(1).max(255).optional(),
    content: z.array(z.string().trim().min(1).max(4000)).min(1).max(50).optional(),
    /** The result's number (số, ký hiệu); the dossier code by default. */
    code: z.string().trim().min(1).max(100).optional(),
    /** The procedure's name by default. */
    title: z.string().trim().min(1).max(500).optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((b) => (b.sha256 === undefined) !== (b.content === undefined), {
    message:
      'Gửi đúng một trong hai: sha256 (tệp đã tải lên) hoặc content / Send exactly one of sha256 or content',
    path: ['sha256'],
  });
export type ResultInput = z.infer<typeof resultInput>;

export interface ResultDeps {
  storage: ObjectStorage;
  keys: SigningKeys;
}

interface ResultFile {
  bytes: Uint8Array;
  mime: string;
  name: string;
}

const noUpload = () =>
  new AppError('validation_failed', { vi: 'Tệp kết quả chưa hợp lệ', en: 'The result file is not usable' }, [
    {
      path: 'sha256',
      message: 'Chưa tải lên tệp PDF/JPEG/PNG có mã băm này',
      message_en: 'No uploaded PDF/JPEG/PNG file has this hash',
    },
  ]);

async function resultFile(
  d: DossierRow,
  input: ResultInput,
  deps: ResultDeps,
  code: string,
  now: Date,
  p: ProcedureFacts,
) {
  if (input.sha256) {
    const bytes = await readUpload(deps.storage, input.sha256);
    const mime = bytes ? sniffType(bytes) : null;
    if (!bytes || !mime) throw noUpload();
    return { bytes, mime, name: input.name ?? `ket-qua-${code}.${mime.split('/')[1]}` };
  }
  const bytes = await renderResultDocument({
    unit: { name: p.unit_name, code: p.unit_code },
    resultCode: code,
    dossierCode: d.code ?? '',
    procedureName: p.name,
    holderName: d.applicant_name,
    content: input.content ?? [],
    issuedAt: now,
  });
  return { bytes, mime: 'application/pdf', name: input.name ?? `ket-qua-${code}.pdf` } satisfies ResultFile;
}

/** The results repository only takes a holder's number that looks like one (personal id or tax code). */
const holderPidOf = (d: DossierRow) => {
  const n = d.applicant.pid ?? d.applicant.taxCode ?? null;
  return n && /^[0-9]{9,13}$/.test(n) ? n : null;
};

/**
 * The unit issues the dossier's result in its one transaction: the dossier is locked, the move is
 * checked, the file is stored, signed with the unit's certificate and recorded in the results
 * repository, the dossier moves to result_issued (transition(): history, notices), and the result
 * lands in the citizen's data store when the dossier has a citizen.
 */
export async function issueDossierResult(
  tx: Tx,
  id: string,
  input: ResultInput,
  actor: DossierActor,
  deps: ResultDeps,
  now: Date,
): Promise<{ dossier: DossierRow; result: Result }> {
  const d = await lockDossier(tx, id);
  // Checked before the file and the signature, so a refused move stores and signs nothing.
  const allowed = await actionsFor(tx, d, actor.roles);
  if (!allowed.includes('result')) throw illegalMove('result', d.status, allowed);
  const code = input.code ?? d.code ?? d.id;
  const proc = await procedureFacts(tx, d);
  const file = await resultFile(d, input, deps, code, now, proc);
  const result = await issueResult(tx, {
    tenantId: d.tenant_id,
    code,
    title: input.title ?? proc.name,
    holderName: d.applicant_name,
    holderPid: holderPidOf(d),
    validUntil: input.validUntil ? new Date(input.validUntil) : null,
    dossierId: d.id,
    bytes: file.bytes,
    mime: file.mime,
    storage: deps.storage,
    keys: deps.keys,
    now,
  });
  const summary: DossierResult = {
    name: file.name,
    mime: result.mime,
    size: result.fileSize,
    sha256: result.fileSha256,
    signature: {
      resultId: result.id,
      code: result.code,
      certificateSerial: result.certificateSerial,
      format: 'CMS/PKCS#7 detached',
    },
  };
  const after = await transition(
    tx,
    d,
    'result',
    actor,
    {
      patch: { result: summary, result_at: now },
      data: { resultId: result.id, code: result.code, sha256: result.fileSha256 },
    },
    now,
  );
  if (d.citizen_id) await depositResult(tx, after, summary);
  return { dossier: after, result };
}

/** Into the citizen's personal data store, so it need not be asked for again. */
async function depositResult(tx: Tx, d: DossierRow, r: DossierResult): Promise<void> {
  await tx
    .transaction((sp) =>
      sp('citizen_documents').insert({
        citizen_id: d.citizen_id,
        kind: 'result',
        name: r.name,
        mime: r.mime,
        size: r.size,
        sha256: r.sha256,
        issuer_tenant_id: d.tenant_id,
        dossier_id: d.id,
      }),
    )
    .catch((err: unknown) => {
      // The same file already in their store (e.g. an earlier paper) is the same document.
      if ((err as { constraint?: string }).constraint !== 'citizen_documents_once') throw err;
    });
}
