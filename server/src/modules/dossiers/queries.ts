import type { Knex } from 'knex';
import type { StatementPart } from '../../db/statement-parts';
import type { Tx } from '../../db/transactor';
import type { DossierStatus } from './transitions';
import { PROCEDURE_FACTS_COLUMN, type ProcedureFacts } from './procedure-facts';
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
 * adds its procedure's steps (workflow.ts, WORKFLOW_STEPS_COLUMN) and facts (procedure-facts.ts).
 */
export async function findDossier(
  tx: Tx,
  id: string,
  opts: { lock?: boolean; tenantId?: string; withWorkflow?: boolean } = {},
): Promise<
  (DossierRow & { workflow_steps?: WorkflowStep[]; procedure_facts?: ProcedureFacts | null }) | null
> {
  const q = tx('dossiers').select(COLUMNS).where({ id }).first();
  if (opts.withWorkflow) q.select(tx.raw(WORKFLOW_STEPS_COLUMN), tx.raw(PROCEDURE_FACTS_COLUMN));
  if (opts.tenantId) q.where({ tenant_id: opts.tenantId });
  if (opts.lock) q.forUpdate();
  return ((await q) as DossierRow | undefined) ?? null;
}

const COLUMN_SET = new Set(COLUMNS);
const JSON_COLUMNS = ['applicant', 'data', 'attachments', 'package', 'pauses', 'result'] as const;

/** The jsonb columns as JSON text (pg would send a JS array as a Postgres array). */
function serializeJsonColumns(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const k of JSON_COLUMNS)
    if (k in values)
      out[k] = values[k] === null || values[k] === undefined ? null : JSON.stringify(values[k]);
  return out;
}

/** The timeline each event write returned, per transaction and dossier: the action's reply shows it. */
const timelines = new WeakMap<Tx, Map<string, EventRow[]>>();
const EVENT_COLUMNS = 'seq, at, actor_kind, actor_id, action, from_status, to_status, reason, data';

function rememberTimeline(tx: Tx, d: Pick<DossierRow, 'tenant_id' | 'id'>, rows: EventRow[]): EventRow[] {
  let known = timelines.get(tx);
  if (!known) timelines.set(tx, (known = new Map()));
  known.set(`${d.tenant_id}:${d.id}`, rows);
  return rows;
}

/**
 * The event's insert as CTEs: `ev_target` (the dossier: SQL giving its tenant and id) and `ins`
 * (the event, seq = the dossier's last + 1). Bindings: the target's, then these.
 */
function eventInsert(e: Omit<EventRow, 'seq'>, target: string) {
  return {
    sql: `ev_target as (${target}),
     ins as (
       insert into dossier_events (tenant_id, dossier_id, seq, at, actor_kind, actor_id, action, from_status, to_status, reason, data)
       select t, d, (select coalesce(max(seq), 0) + 1 from dossier_events where tenant_id = t and dossier_id = d),
              ?, ?, ?, ?, ?, ?, ?, ?
         from ev_target
       returning ${EVENT_COLUMNS})`,
    bindings: [
      e.at,
      e.actor_kind,
      e.actor_id,
      e.action,
      e.from_status,
      e.to_status,
      e.reason,
      JSON.stringify(e.data),
    ] as Knex.Value[],
  };
}
const GIVEN_DOSSIER = 'select ?::uuid as t, ?::uuid as d';

/** The whole timeline as JSON: the rows before the statement (its snapshot) and the one it inserts. */
const TIMELINE_JSON = `(select coalesce(json_agg(e order by e.seq), '[]'::json) from (
       select ${EVENT_COLUMNS} from dossier_events where tenant_id = ? and dossier_id = ?
       union all select ${EVENT_COLUMNS} from ins) as e) as timeline`;

const timelineFromJson = (rows: (Omit<EventRow, 'at'> & { at: string })[]): EventRow[] =>
  rows.map((r) => ({ ...r, at: new Date(r.at) }));

/**
 * A dossier's move in one statement: the patch (jsonb columns serialized here), its event, and the
 * caller's co-write (the monitoring mark), returning the new row, the timeline and the co-write's
 * columns. One round trip where it took three; the caller holds the row lock.
 */
export async function writeDossierMove(
  tx: Tx,
  d: Pick<DossierRow, 'tenant_id' | 'id'>,
  patch: Partial<DossierRow>,
  e: Omit<EventRow, 'seq'>,
  co?: StatementPart,
): Promise<{ row: DossierRow; extra: Record<string, unknown> }> {
  const update = tx('dossiers')
    .where({ tenant_id: d.tenant_id, id: d.id })
    .update(serializeJsonColumns(patch))
    .returning(COLUMNS)
    .toSQL();
  const ins = eventInsert(e, GIVEN_DOSSIER);
  const { rows } = await tx.raw<{ rows: Record<string, unknown>[] }>(
    `with upd as (${update.sql}), ${ins.sql}${co ? `, ${co.ctes}` : ''}
     select upd.*, ${TIMELINE_JSON}${co ? `, ${co.columns}` : ''} from upd`,
    [
      ...update.bindings,
      d.tenant_id,
      d.id,
      ...ins.bindings,
      ...(co?.bindings ?? []),
      d.tenant_id,
      d.id,
    ] as Knex.Value[],
  );
  const { timeline, ...rest } = rows[0]!;
  rememberTimeline(tx, d, timelineFromJson(timeline as (Omit<EventRow, 'at'> & { at: string })[]));
  const row = {} as Record<string, unknown>;
  const extra = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(rest)) (COLUMN_SET.has(k) ? row : extra)[k] = v;
  return { row: row as unknown as DossierRow, extra };
}

/**
 * A new dossier and its `submit` event in one statement. With `ifNew`, a dossier whose idempotency
 * key is taken inserts nothing (no row comes back: read the first one); a concurrent twin waits for
 * the first's commit, as the unique index makes it.
 */
export async function insertDossierWithEvent(
  tx: Tx,
  values: Record<string, unknown>,
  e: Omit<EventRow, 'seq'>,
): Promise<DossierRow | null> {
  const insert = tx('dossiers').insert(serializeJsonColumns(values)).returning(COLUMNS).toSQL();
  const sql = insert.sql.replace(/ returning /, ' on conflict do nothing returning ');
  const ins = eventInsert(e, 'select tenant_id as t, id as d from new_dossier');
  const { rows } = await tx.raw<{ rows: DossierRow[] }>(
    `with new_dossier as (${sql}), ${ins.sql}
     select new_dossier.*, (select coalesce(json_agg(e order by e.seq), '[]'::json) from ins as e) as timeline from new_dossier`,
    [...insert.bindings, ...ins.bindings] as Knex.Value[],
  );
  const found = rows[0] as
    (DossierRow & { timeline?: (Omit<EventRow, 'at'> & { at: string })[] }) | undefined;
  if (!found) return null;
  const { timeline, ...row } = found;
  rememberTimeline(tx, row, timelineFromJson(timeline ?? []));
  return row as DossierRow;
}

export async function listEvents(tx: Tx, d: Pick<DossierRow, 'tenant_id' | 'id'>): Promise<EventRow[]> {
  const inserted = timelines.get(tx)?.get(`${d.tenant_id}:${d.id}`);
  if (inserted) return inserted;
  return (await tx('dossier_events')
    .select('seq', 'at', 'actor_kind', 'actor_id', 'action', 'from_status', 'to_status', 'reason', 'data')
    .where({ tenant_id: d.tenant_id, dossier_id: d.id })
    .orderBy('seq')) as EventRow[];
}
