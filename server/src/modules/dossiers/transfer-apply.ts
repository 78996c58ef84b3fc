import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { lockDossier, transition } from './transition';

export const transferReturnedPayload = z
  .object({
    ownerTenantId: z.uuid(),
    dossierId: z.uuid(),
    transferId: z.uuid(),
    helperTenantId: z.uuid(),
    note: z.string().max(2000),
    returnedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type TransferReturned = z.infer<typeof transferReturnedPayload>;

const SYSTEM = { kind: 'system', id: 'transfer-return', roles: ['system'] } as const;

/**
 * The owner's dossier takes its transfer back, in the owner's transaction. Exactly once: under the
 * row lock, a dossier whose open transfer is no longer this one was already applied (a retried or
 * duplicated job) and nothing happens. Answers whether it applied.
 */
export async function applyTransferReturn(tx: Tx, p: TransferReturned, now: Date): Promise<boolean> {
  const d = await lockDossier(tx, p.dossierId);
  if (d.open_transfer_id !== p.transferId) return false;
  await transition(
    tx,
    d,
    'transfer-returned',
    SYSTEM,
    {
      patch: { open_transfer_id: null },
      data: {
        transferId: p.transferId,
        helperUnitId: p.helperTenantId,
        note: p.note,
        returnedAt: p.returnedAt,
      },
    },
    now,
  );
  return true;
}
