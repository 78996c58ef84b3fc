import { applyTransferReturn, transferReturnedPayload } from '../../modules/dossiers/transfer-apply';
import { defineJob } from '../registry';

/** A helping unit sent its part back: the owner's dossier resumes processing (once, whatever the retries). */
export const transferReturned = defineJob({
  queue: 'dossiers',
  name: 'transfer-returned',
  payload: transferReturnedPayload,
  async handle(p, deps) {
    await deps.transactor.withTenant({ tenantId: p.ownerTenantId, actorId: null }, (tx) =>
      applyTransferReturn(tx, p, new Date()),
    );
  },
});
