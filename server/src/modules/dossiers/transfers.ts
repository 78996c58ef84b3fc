import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import { fetchPage, type ListParams } from '../../http/list-params';
import { findDossier } from './queries';
import { dossierNotFound, transition, type DossierActor } from './transition';

/**
 * Transfers (liên thông): another unit does a part of a dossier. The helper never reads the
 * owner's dossier; it owns a `dossier_transfers` row holding a snapshot of what it needs, which is
 * cleared when it sends the transfer back (transfer-return.ts).
 */
export const transferInput = z
  .object({
    toUnitId: z.uuid(),
    part: z.string().trim().min(1).max(2000),
  })
  .strict();
export type TransferInput = z.infer<typeof transferInput>;

export interface TransferRow {
  tenant_id: string;
  id: string;
  owner_tenant_id: string;
  dossier_id: string;
  dossier_code: string;
  procedure_name: string;
  requested_part: string;
  snapshot: Record<string, unknown> | null;
  status: 'open' | 'returned';
  note: string | null;
  created_at: Date;
  returned_at: Date | null;
  returned_by: string | null;
}

export const transferNotFound = () =>
  notFound({ vi: 'Không tìm thấy hồ sơ liên thông', en: 'Transfer not found' });

/**
 * The owner sends its dossier to a helping unit, in ONE system transaction — the only context that
 * may write a row another unit owns — so the status move and the helper's row commit together. The
 * system context sees every unit, so the dossier is looked up with the owner's id explicitly.
 */
export async function transferDossier(
  tx: Tx,
  ownerTenantId: string,
  dossierId: string,
  input: TransferInput,
  actor: DossierActor,
  now: Date,
): Promise<TransferRow> {
  const d = await findDossier(tx, dossierId, { lock: true, tenantId: ownerTenantId });
  if (!d) throw dossierNotFound();
  const helper = (await tx('tenants')
    .where({ id: input.toUnitId, status: 'active' })
    .first('id', 'code', 'name')) as { id: string; code: string; name: string } | undefined;
  if (!helper || helper.id === ownerTenantId)
    throw new AppError(
      'validation_failed',
      { vi: 'Đơn vị phối hợp không hợp lệ', en: 'Not a unit this dossier can be transferred to' },
      [
        {
          path: 'toUnitId',
          message: 'Phải là một đơn vị khác đang hoạt động',
          message_en: 'Must be another active unit',
        },
      ],
    );
  const id = randomUUID();
  await transition(
    tx,
    d,
    'transfer',
    actor,
    {
      patch: { open_transfer_id: id },
      data: { transferId: id, toUnitId: helper.id, toUnitCode: helper.code, part: input.part },
    },
    now,
  );
  const owner = (await tx('procedures as p')
    .join('tenants as u', 'u.id', 'p.tenant_id')
    .where({ 'p.tenant_id': d.tenant_id, 'p.id': d.procedure_id })
    .first('p.name', 'u.code as unit_code', 'u.name as unit_name')) as {
    name: string;
    unit_code: string;
    unit_name: string;
  };
  const snapshot = {
    ownerUnit: { code: owner.unit_code, name: owner.unit_name },
    applicant: d.applicant,
    data: d.data,
    attachments: d.attachments,
    receivedAt: d.received_at?.toISOString() ?? null,
    dueAt: d.due_at?.toISOString() ?? null,
  };
  const [row] = (await tx('dossier_transfers')
    .insert({
      tenant_id: helper.id,
      id,
      owner_tenant_id: d.tenant_id,
      dossier_id: d.id,
      dossier_code: d.code,
      procedure_name: owner.name,
      requested_part: input.part,
      snapshot: JSON.stringify(snapshot),
      created_at: now,
    })
    .returning('*')) as TransferRow[];
  return row!;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function transferView(t: TransferRow) {
  return {
    id: t.id,
    ownerUnitId: t.owner_tenant_id,
    dossierId: t.dossier_id,
    dossierCode: t.dossier_code,
    procedureName: t.procedure_name,
    requestedPart: t.requested_part,
    status: t.status,
    note: t.note,
    createdAt: t.created_at.toISOString(),
    returnedAt: iso(t.returned_at),
  };
}

/** One transfer in full: the snapshot while it is open, null once returned. */
export const transferDetail = (t: TransferRow) => ({ ...transferView(t), snapshot: t.snapshot });

export async function findTransfer(
  tx: Tx,
  tenantId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<TransferRow | null> {
  const q = tx('dossier_transfers').select('*').where({ tenant_id: tenantId, id }).first();
  if (opts.lock) q.forUpdate();
  return ((await q) as TransferRow | undefined) ?? null;
}

export const transferFilter = z
  .object({
    status: z.enum(['open', 'returned']).optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export const transferSortable = ['createdAt', 'returnedAt', 'dossierCode'] as const;
const columns: Record<string, string> = {
  createdAt: 'created_at',
  returnedAt: 'returned_at',
  dossierCode: 'dossier_code',
};

/** The helper's transfers (its own rows; the explicit tenant filter under RLS). */
export async function listTransfers(
  tx: Tx,
  tenantId: string,
  params: ListParams<z.infer<typeof transferFilter>>,
) {
  const base = tx('dossier_transfers').select('*').where({ tenant_id: tenantId });
  if (params.filter.status) base.where({ status: params.filter.status });
  if (params.filter.q)
    base.whereILike('dossier_code', `%${params.filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const page = await fetchPage<TransferRow>(base, params, (k) => columns[k] ?? k);
  return { ...page, rows: page.rows.map(transferView) };
}
