import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { AppError } from '../../errors';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { ObjectStorage } from '../storage/object-storage';
import { receiveDossier } from './receive';
import { createDossier, type DeskEntryInput } from './submit';
import type { DossierActor } from './transition';

/**
 * A desk receives for another unit's procedure (seed 003: "không phụ thuộc địa giới hành chính").
 * The competent unit owns and processes the dossier; the desk keeps a `desk_receptions` row so it
 * can list and print what it received.
 */
export interface DeskReceptionRow {
  tenant_id: string;
  id: string;
  dossier_tenant_id: string;
  dossier_id: string;
  dossier_code: string;
  procedure_name: string;
  applicant_name: string;
  received_at: Date;
  due_at: Date | null;
  received_by: string | null;
}

export function deskReceptionView(r: DeskReceptionRow) {
  return {
    id: r.id,
    dossierUnitId: r.dossier_tenant_id,
    dossierId: r.dossier_id,
    dossierCode: r.dossier_code,
    procedureName: r.procedure_name,
    applicantName: r.applicant_name,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at ? r.due_at.toISOString() : null,
    receivedBy: r.received_by,
  };
}

const ownProcedure = () =>
  new AppError(
    'validation_failed',
    {
      vi: 'Thủ tục của chính đơn vị: hãy nhập hồ sơ tại /dossiers',
      en: 'A procedure of your own unit: enter it at /dossiers',
    },
    [
      {
        path: 'procedureId',
        message: 'Không phải thủ tục của đơn vị khác',
        message_en: 'Not another unit’s procedure',
      },
    ],
  );

/**
 * Creates the dossier in the competent unit and receives it there, in ONE system transaction (a
 * unit's own context cannot write another's rows): either the desk has its receipt and the owner a
 * received dossier with code, due date and usage event, or nothing happened. A retry with the same
 * Idempotency-Key returns the first reception.
 */
export async function receiveForAnotherUnit(
  tx: Tx,
  deskTenantId: string,
  input: DeskEntryInput,
  opts: { actor: DossierActor; idempotencyKey: string | null; store: ObjectStorage; now: Date },
): Promise<{ reception: DeskReceptionRow; created: boolean }> {
  const { dossier, created } = await createDossier(tx, {
    input,
    applicant: input.applicant,
    channel: input.channel,
    citizenId: null,
    store: opts.store,
    now: opts.now,
    idempotency: opts.idempotencyKey ? { scope: `unit:${deskTenantId}`, key: opts.idempotencyKey } : null,
    receivingTenantId: deskTenantId,
    actor: { kind: opts.actor.kind, id: opts.actor.id },
  });
  if (!created) {
    const first = (await tx('desk_receptions')
      .where({ tenant_id: deskTenantId, dossier_id: dossier.id })
      .first()) as DeskReceptionRow | undefined;
    // The same key once used for an entry of the desk's own procedure is not a reception.
    if (!first) throw ownProcedure();
    return { reception: first, created: false };
  }
  if (dossier.tenant_id === deskTenantId) throw ownProcedure();
  const received = await receiveDossier(tx, dossier.id, opts.actor, opts.now);
  const proc = (await tx('procedures')
    .where({ tenant_id: received.tenant_id, id: received.procedure_id })
    .first('name')) as { name: string };
  const [reception] = (await tx('desk_receptions')
    .insert({
      tenant_id: deskTenantId,
      dossier_tenant_id: received.tenant_id,
      dossier_id: received.id,
      dossier_code: received.code,
      procedure_name: proc.name,
      applicant_name: received.applicant_name,
      received_at: received.received_at,
      due_at: received.due_at,
      received_by: received.received_by,
    })
    .returning('*')) as DeskReceptionRow[];
  return { reception: reception!, created: true };
}

export const deskReceptionFilter = z
  .object({ q: z.string().trim().min(1).max(100).optional(), dossierUnitId: z.uuid().optional() })
  .strict();
export const deskReceptionSortable = ['receivedAt', 'dossierCode', 'dueAt'] as const;
const columns: Record<string, string> = {
  receivedAt: 'received_at',
  dossierCode: 'dossier_code',
  dueAt: 'due_at',
};

/** The desk's own receptions for other units (its rows; the explicit tenant filter under RLS). */
export async function listDeskReceptions(
  tx: Tx,
  tenantId: string,
  params: ListParams<z.infer<typeof deskReceptionFilter>>,
) {
  const base = tx('desk_receptions').select('*').where({ tenant_id: tenantId });
  if (params.filter.dossierUnitId) base.where({ dossier_tenant_id: params.filter.dossierUnitId });
  if (params.filter.q) {
    const like = `%${params.filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base.where((w) => w.whereILike('dossier_code', like).orWhereILike('applicant_name', like));
  }
  const page = await fetchPage<DeskReceptionRow>(base, params, (k) => columns[k] ?? k);
  return { ...page, rows: page.rows.map(deskReceptionView) };
}
