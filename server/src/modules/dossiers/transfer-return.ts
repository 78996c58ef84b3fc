import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { conflict } from '../../errors';
import { enqueue } from '../../jobs/outbox';
import '../../jobs/catalog';
import { findTransfer, transferNotFound, type TransferRow } from './transfers';

export const transferReturnInput = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export type TransferReturnInput = z.infer<typeof transferReturnInput>;

/**
 * The helper sends its part back, in its own unit's transaction: its row keeps the record of what
 * it did but loses the snapshot (the applicant's data is no longer the helper's to hold). The
 * owner's dossier is another unit's row, so the move back to processing is a job, enqueued through
 * the outbox in this same transaction and applied exactly once (transfer-apply.ts).
 */
export async function returnTransfer(
  tx: Tx,
  helperTenantId: string,
  transferId: string,
  input: TransferReturnInput,
  actor: { kind: string; id: string },
  now: Date,
): Promise<TransferRow> {
  const t = await findTransfer(tx, helperTenantId, transferId, { lock: true });
  if (!t) throw transferNotFound();
  if (t.status !== 'open')
    throw conflict({ vi: 'Hồ sơ liên thông này đã được trả lại', en: 'This transfer was already sent back' });
  const [row] = (await tx('dossier_transfers')
    .where({ tenant_id: helperTenantId, id: transferId })
    .update({
      status: 'returned',
      snapshot: null,
      note: input.note,
      returned_at: now,
      returned_by: `${actor.kind}:${actor.id}`,
    })
    .returning('*')) as TransferRow[];
  await enqueue(tx, {
    tenantId: helperTenantId,
    queue: 'dossiers',
    name: 'transfer-returned',
    jobKey: `dossier-transfer-returned.${transferId}`,
    payload: {
      ownerTenantId: t.owner_tenant_id,
      dossierId: t.dossier_id,
      transferId,
      helperTenantId,
      note: input.note,
      returnedAt: now.toISOString(),
    },
  });
  return row!;
}
