import type { Tx } from '../../db/transactor';

/**
 * The citizen's personal data store (kho dữ liệu cá nhân): papers accepted at reception and the
 * results issued to them, newest first. Read in the citizen's transaction; the policy shows only
 * their own rows. A paper's id can be attached to a later dossier instead of a new upload.
 */
export async function myDataStore(tx: Tx) {
  // Units are not readable in the citizen's context: the issuer is named by its id.
  const rows = (await tx('citizen_documents')
    .select('id', 'kind', 'name', 'mime', 'size', 'sha256', 'dossier_id', 'issuer_tenant_id', 'created_at')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ])) as {
    id: string;
    kind: 'paper' | 'result';
    name: string;
    mime: string;
    size: string | number;
    sha256: string;
    dossier_id: string | null;
    created_at: Date;
    issuer_tenant_id: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    dossierId: r.dossier_id,
    issuerTenantId: r.issuer_tenant_id,
    createdAt: r.created_at.toISOString(),
  }));
}
