import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { importNextChunk } from '../../modules/digitization/import-chunk';
import { objectStorageFrom } from '../../modules/storage/object-storage';
import { enqueue } from '../outbox';
import { defineJob } from '../registry';

export const importBatchPayload = z.object({ tenantId: z.uuid(), batchId: z.uuid() }).strict();

/**
 * Imports a digitization batch chunk by chunk, one unit transaction per chunk (progress visible
 * between chunks). Idempotent: each chunk resumes where the committed progress says.
 */
export const importDigitizationBatch = defineJob({
  queue: 'digitization',
  name: 'import-batch',
  payload: importBatchPayload,
  async handle(p, deps) {
    const objects = objectStorageFrom(deps.env);
    const stores = { uploads: objects, results: objects };
    for (;;) {
      const finished = await deps.transactor.withTenant({ tenantId: p.tenantId, actorId: null }, (tx) =>
        importNextChunk(tx, p.tenantId, p.batchId, stores, new Date()),
      );
      if (finished) return;
    }
  },
});

export function enqueueBatchImport(tx: Tx, tenantId: string, batchId: string) {
  return enqueue(tx, {
    tenantId,
    queue: 'digitization',
    name: 'import-batch',
    jobKey: `digitization.${batchId}`,
    payload: { tenantId, batchId },
  });
}
