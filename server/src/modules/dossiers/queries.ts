import type { Tx } from '../../db/transactor';
import type { DossierStatus } from './transitions';
import { WORKFLOW_STEPS_COLUMN, type WorkflowStep } from './workflow';

/** A stored attachment: a form attachment slot filled by an upload or a paper of the data store. */
export interface StoredAttachment {
  attachmentId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  source: 'upload' | 'data_store';
}

export interface Applicant {
  kind: 'citizen' | 'organization';
  fullName: string;
  pid?: string;
  taxCode?: string;
  phone?: string;
  email?: string;
}

export interface Pause {
  from: string;
  to: string | null;
}

export interface DossierResult {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  signature: Record<string, unknown> | null;
}

export interface DossierRow {
  tenant_id: string;
  id: string;
  code: string | null;
  procedure_id: string;
  form_id: string | null;
  form_version: number | null;
  status: DossierStatus;
  step_seq: number | null;
  assignee_id: string | null;
  channel: 'online' | 'desk' | 'post';
  citizen_id: string | null;
  applicant: Applicant;
  applicant_name: string;
  data: Record<string, unknown>;
  attachments: StoredAttachment[];
  package: Record<string, unknown>;
  receiving_tenant_id: string | null;
  submitted_at: Date;
  received_at: Date | null;
  received_by: string | null;
  due_at: Date | null;
  processing_days: number | null;
  pauses: Pause[];
  open_transfer_id: string | null;
  result: DossierResult | null;
  result_at: Date | null;
  returned_at: Date | null;
  return_channel: 'desk' | 'post' | 'online' | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
  /** The level-4 fee in đồng, fixed at submission (0: nothing to pay online). */
  fee_total: number;
  fee_paid_at: Date | null;
  fee_payment_id: string | null;
  fee_refunded: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  seq: number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  data: Record<string, unknown>;
}

const COLUMNS = [
  'tenant_id',
  'id',
  'code',
  'procedure_id',
  'form_id',
  'form_version',
  'status',
  'step_seq',
  'assignee_id',
  'channel',
  'citizen_id',
  'applicant',
  'applicant_name',
  'data',
  'attachments',
  'package',
  'receiving_tenant_id',
  'submitted_at',
  'received_at',
  'received_by',
  'due_at',
  'processing_days',
  'pauses',
  'open_transfer_id',
  'result',
  'result_at',
  'returned_at',
  'return_channel',
  'timeliness',
  'fee_total',
  'fee_paid_at',
  'fee_payment_id',
  'fee_refunded',
  'version',
  'created_at',
  'updated_at',
];

/**
 * The dossier under the caller's policies; `lock` serializes concurrent actions on it. `tenantId`
 * is the explicit filter that system transactions (which see every unit) must pass. `withWorkflow`
 * adds its procedure's steps (workflow.ts, WORKFLOW_STEPS_COLUMN).
 */
export async function findDossier(
  tx: Tx,
  id: string,
  opts: { lock?: boolean; tenantId?: string; withWorkflow?: boolean } = {},
): Promise<(DossierRow & { workflow_steps?: WorkflowStep[] }) | null> {
  const q = tx('dossiers').select(COLUMNS).where({ id }).first();
  if (opts.withWorkflow) q.select(tx.raw(WORKFLOW_STEPS_COLUMN));
  if (opts.tenantId) q.where({ tenant_id: opts.tenantId });
  if (opts.lock) q.forUpdate();
  return ((await q) as DossierRow | undefined) ?? null;
}

export async function insertDossier(tx: Tx, values: Record<string, unknown>): Promise<DossierRow> {
  const json = (v: unknown) => JSON.stringify(v);
  const [row] = (await tx('dossiers')
    .insert({
      ...values,
      applicant: json(values.applicant),
      data: json(values.data),
      attachments: json(values.attachments ?? []),
      package: json(values.package),
    })
    .returning(COLUMNS)) as DossierRow[];
  return row!;
}

/** Writes a patch; jsonb columns are serialized here. */
export async function updateDossierRow(
  tx: Tx,
  d: DossierRow,
  patch: Partial<DossierRow>,
): Promise<DossierRow> {
  const values: Record<string, unknown> = { ...patch };
  for (const k of ['pauses', 'result', 'attachments', 'data'] as const)
    if (k in patch) values[k] = patch[k] === null ? null : JSON.stringify(patch[k]);
  const [row] = (await tx('dossiers')
    .where({ tenant_id: d.tenant_id, id: d.id })
    .update(values)
    .returning(COLUMNS)) as DossierRow[];
  return row!;
}

/** The timeline each event insert returned, per transaction and dossier: the action's reply shows it. */
const timelines = new WeakMap<Tx, Map<string, EventRow[]>>();
const EVENT_COLUMNS = 'seq, at, actor_kind, actor_id, action, from_status, to_status, reason, data';

/**
 * Appends an event and returns the whole timeline in the same statement: the rows before it (its
 * snapshot sees them, not the row its own CTE inserts) and the new one. The transaction keeps that
 * timeline for listEvents, as only this function writes events. The dossier row is locked by the
 * caller, so max(seq)+1 cannot race.
 */
export async function insertEvent(
  tx: Tx,
  d: Pick<DossierRow, 'tenant_id' | 'id'>,
  e: Omit<EventRow, 'seq'>,
): Promise<EventRow[]> {
  const { rows } = await tx.raw<{ rows: EventRow[] }>(
    `with ins as (
       insert into dossier_events (tenant_id, dossier_id, seq, at, actor_kind, actor_id, action, from_status, to_status, reason, data)
       values (:t, :d, (select coalesce(max(seq), 0) + 1 from dossier_events where tenant_id = :t and dossier_id = :d),
               :at, :actorKind, :actorId, :action, :from, :to, :reason, :data)
       returning ${EVENT_COLUMNS})
     select ${EVENT_COLUMNS} from dossier_events where tenant_id = :t and dossier_id = :d
     union all select ${EVENT_COLUMNS} from ins
     order by seq`,
    {
      t: d.tenant_id,
      d: d.id,
      at: e.at,
      actorKind: e.actor_kind,
      actorId: e.actor_id,
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      reason: e.reason,
      data: JSON.stringify(e.data),
    },
  );
  let known = timelines.get(tx);
  if (!known) timelines.set(tx, (known = new Map()));
  known.set(`${d.tenant_id}:${d.id}`, rows);
  return rows;
}

export async function listEvents(tx: Tx, d: Pick<DossierRow, 'tenant_id' | 'id'>): Promise<EventRow[]> {
  const inserted = timelines.get(tx)?.get(`${d.tenant_id}:${d.id}`);
  if (inserted) return inserted;
  return (await tx('dossier_events')
    .select('seq', 'at', 'actor_kind', 'actor_id', 'action', 'from_status', 'to_status', 'reason', 'data')
    .where({ tenant_id: d.tenant_id, dossier_id: d.id })
    .orderBy('seq')) as EventRow[];
}
