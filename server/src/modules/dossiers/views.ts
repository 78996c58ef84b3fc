import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import { DOSSIER_STATUSES, type DossierAction } from './transitions';
import { listEvents, type DossierRow, type EventRow } from './queries';

export const dossierFilter = z
  .object({
    status: z.union([z.enum(DOSSIER_STATUSES), z.array(z.enum(DOSSIER_STATUSES)).max(20)]).optional(),
    procedureId: z.uuid().optional(),
    assigneeId: z.union([z.uuid(), z.literal('me')]).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
    id: z.array(z.uuid()).max(200).optional(),
  })
  .strict();
export type DossierFilter = z.infer<typeof dossierFilter>;
export const dossierSortable = ['submittedAt', 'receivedAt', 'dueAt', 'code', 'status', 'updatedAt'] as const;
const columns: Record<string, string> = {
  submittedAt: 'submitted_at',
  receivedAt: 'received_at',
  dueAt: 'due_at',
  updatedAt: 'updated_at',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const timelineEntry = (e: EventRow) => ({
  seq: e.seq,
  at: e.at.toISOString(),
  action: e.action,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  actorKind: e.actor_kind,
  actorId: e.actor_id,
  reason: e.reason,
  data: e.data,
});

/** The level-4 fee: 'none' when nothing is paid online, else due, paid or refunded. */
export function feeStatus(d: DossierRow) {
  const paid = d.fee_paid_at ? (d.fee_refunded > 0 ? 'refunded' : 'paid') : null;
  const status = d.fee_total <= 0 ? 'none' : (paid ?? (d.status === 'refused' ? 'not_due' : 'due'));
  return {
    total: d.fee_total,
    status,
    paidAt: iso(d.fee_paid_at),
    refunded: d.fee_refunded,
    paymentId: d.fee_payment_id,
  };
}

export function dossierSummary(d: DossierRow) {
  return {
    id: d.id,
    code: d.code,
    procedureId: d.procedure_id,
    status: d.status,
    step: d.step_seq,
    assigneeId: d.assignee_id,
    channel: d.channel,
    applicantName: d.applicant_name,
    receivingTenantId: d.receiving_tenant_id,
    submittedAt: d.submitted_at.toISOString(),
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    returnedAt: iso(d.returned_at),
    timeliness: d.timeliness,
    fee: feeStatus(d),
    version: d.version,
    updatedAt: d.updated_at.toISOString(),
  };
}

/** Full detail: form data, attachments, result, timeline and what the caller may do now. */
export async function dossierDetail(tx: Tx, d: DossierRow, allowedActions: DossierAction[]) {
  return {
    ...dossierSummary(d),
    applicant: d.applicant,
    data: d.data,
    attachments: d.attachments,
    formId: d.form_id,
    formVersion: d.form_version,
    pauses: d.pauses,
    result: d.result,
    resultAt: iso(d.result_at),
    returnChannel: d.return_channel,
    openTransferId: d.open_transfer_id,
    timeline: (await listEvents(tx, d)).map(timelineEntry),
    allowedActions,
  };
}

/** The unit's dossiers (RLS keeps them to the caller's unit; the explicit tenant filter says so too). */
export async function listDossiers(
  tx: Tx,
  tenantId: string,
  actorId: string | null,
  params: ListParams<DossierFilter>,
) {
  const f = params.filter;
  const base = tx('dossiers').select('*').where({ tenant_id: tenantId });
  if (f.status) base.whereIn('status', Array.isArray(f.status) ? f.status : [f.status]);
  if (f.procedureId) base.where({ procedure_id: f.procedureId });
  if (f.assigneeId) base.where({ assignee_id: f.assigneeId === 'me' ? actorId : f.assigneeId });
  if (f.dueBefore) base.where('due_at', '<', new Date(f.dueBefore));
  if (f.id) base.whereIn('id', f.id);
  if (f.q)
    base.whereRaw(
      `search_text like '%' || replace(replace(replace(search_key(?), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`,
      [f.q],
    );
  const page = await fetchPage<DossierRow>(base, params, (k) => columns[k] ?? k);
  return { ...page, rows: page.rows.map(dossierSummary) };
}

/** A citizen's own dossiers (their transaction: the policy shows only theirs). */
export async function listMyDossiers(tx: Tx, citizenId: string) {
  const rows = (await tx('dossiers')
    .select('*')
    .where({ citizen_id: citizenId })
    .orderBy('submitted_at', 'desc')
    .limit(200)) as DossierRow[];
  return rows.map(dossierSummary);
}

/**
 * Public tracking by code: the lookup code is set transaction-locally and the public policy shows
 * exactly that dossier. Only columns without personal data are selected; the timeline keeps the
 * actions and times but not reasons, actors or data (they may name people).
 */
export async function trackDossier(tx: Tx, code: string) {
  await tx.raw(`select set_config('app.lookup_code', ?, true)`, [code]);
  const d = (await tx('dossiers as d')
    .join('procedures as p', (j) => j.on('p.tenant_id', 'd.tenant_id').andOn('p.id', 'd.procedure_id'))
    .join('tenants as u', 'u.id', 'd.tenant_id')
    .where('d.code', code)
    .first(
      'd.tenant_id',
      'd.id',
      'd.code',
      'd.status',
      'd.received_at',
      'd.due_at',
      'd.returned_at',
      'd.timeliness',
      'p.name as procedure_name',
      'u.name as unit_name',
    )) as
    | {
        tenant_id: string;
        id: string;
        code: string;
        status: string;
        received_at: Date | null;
        due_at: Date | null;
        returned_at: Date | null;
        timeliness: string | null;
        procedure_name: string;
        unit_name: string;
      }
    | undefined;
  if (!d) return null;
  const events = (await tx('dossier_events')
    .select('at', 'action', 'to_status')
    .where({ tenant_id: d.tenant_id, dossier_id: d.id })
    .orderBy('seq')) as { at: Date; action: string; to_status: string }[];
  return {
    code: d.code,
    status: d.status,
    procedureName: d.procedure_name,
    unitName: d.unit_name,
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    returnedAt: iso(d.returned_at),
    timeliness: d.timeliness,
    timeline: events.map((e) => ({ at: e.at.toISOString(), action: e.action, status: e.to_status })),
  };
}
