import { z } from 'zod';
import type { TenantRole, Tx } from '../../db/transactor';
import { appendTenantAudit, type AuditActorRef, type Clock, systemClock } from '../audit/audit-log';
import { getProcedure } from '../procedures/service';
import type { StepPosition } from './transitions';

/** One step of a procedure's processing, in order; `approve` steps are leaders' sign-offs. */
export const workflowStep = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.enum(['desk_officer', 'processing_officer', 'leader']),
    kind: z.enum(['process', 'approve']),
  })
  .strict();
export type WorkflowStep = z.infer<typeof workflowStep>;

export const workflowInput = z.object({ steps: z.array(workflowStep).min(1).max(20) }).strict();

/** When the unit admin has configured nothing: a processing officer processes, a leader approves. */
export const DEFAULT_WORKFLOW: readonly WorkflowStep[] = [
  { name: 'Xử lý hồ sơ', role: 'processing_officer', kind: 'process' },
  { name: 'Lãnh đạo phê duyệt', role: 'leader', kind: 'approve' },
];

interface StepRow {
  seq: number;
  name: string;
  role: TenantRole;
  kind: 'process' | 'approve';
}

type Workflow = { steps: WorkflowStep[]; isDefault: boolean };

/**
 * Read once per transaction: one action checks the steps several times (allowed actions, the move,
 * the reply's next actions). saveWorkflow forgets the transaction's copy.
 */
const perTransaction = new WeakMap<Tx, Map<string, Workflow>>();

/** The procedure's steps (the default when none are configured), in the caller's unit transaction. */
export async function workflowOf(tx: Tx, procedureId: string): Promise<Workflow> {
  let known = perTransaction.get(tx);
  if (!known) perTransaction.set(tx, (known = new Map()));
  const hit = known.get(procedureId);
  if (hit) return { steps: [...hit.steps], isDefault: hit.isDefault };
  const w = await readWorkflow(tx, procedureId);
  known.set(procedureId, w);
  return { steps: [...w.steps], isDefault: w.isDefault };
}

async function readWorkflow(tx: Tx, procedureId: string): Promise<Workflow> {
  const rows = (await tx('workflow_steps')
    .select('seq', 'name', 'role', 'kind')
    .where({ procedure_id: procedureId })
    .orderBy('seq')) as StepRow[];
  return workflowFrom(rows);
}

function workflowFrom(rows: readonly Omit<StepRow, 'seq'>[]): Workflow {
  if (rows.length === 0) return { steps: [...DEFAULT_WORKFLOW], isDefault: true };
  return {
    steps: rows.map((r) => ({ name: r.name, role: r.role as WorkflowStep['role'], kind: r.kind })),
    isDefault: false,
  };
}

/**
 * A procedure's steps in order, as one json column of another query (the procedure's unit and id as
 * SQL): the lock an action takes brings its workflow along (one round trip less per action), and so
 * does a submission's read of its procedure; primeWorkflow() keeps it.
 */
export const workflowStepsColumn = (tenantIdSql: string, procedureIdSql: string) =>
  `(select coalesce(json_agg(json_build_object('name', s.name, 'role', s.role, 'kind', s.kind) order by s.seq), '[]'::json) ` +
  `from workflow_steps s where s.tenant_id = ${tenantIdSql} and s.procedure_id = ${procedureIdSql}) as workflow_steps`;
export const WORKFLOW_STEPS_COLUMN = workflowStepsColumn('dossiers.tenant_id', 'dossiers.procedure_id');

/** Keeps steps read with WORKFLOW_STEPS_COLUMN as the transaction's copy, as workflowOf would have. */
export function primeWorkflow(tx: Tx, procedureId: string, rows: readonly Omit<StepRow, 'seq'>[]): void {
  let known = perTransaction.get(tx);
  if (!known) perTransaction.set(tx, (known = new Map()));
  known.set(procedureId, workflowFrom(rows));
}

/** Replaces the ordered list. Dossiers already in processing keep their step number. */
export async function saveWorkflow(
  tx: Tx,
  tenantId: string,
  procedureId: string,
  steps: WorkflowStep[],
  actor: AuditActorRef,
  clock: Clock = systemClock,
) {
  await getProcedure(tx, procedureId);
  perTransaction.get(tx)?.delete(procedureId);
  await tx('workflow_steps').where({ procedure_id: procedureId }).delete();
  await tx('workflow_steps').insert(
    steps.map((s, i) => ({ tenant_id: tenantId, procedure_id: procedureId, seq: i + 1, ...s })),
  );
  await appendTenantAudit(
    tx,
    tenantId,
    actor,
    { action: 'workflow.saved', entityType: 'procedure', entityId: procedureId, data: { steps } },
    clock,
  );
  return workflowOf(tx, procedureId);
}

export function stepPosition(steps: readonly WorkflowStep[], seq: number | null): StepPosition {
  const step = seq === null ? undefined : steps[seq - 1];
  return { seq: step ? seq : null, count: steps.length, role: step?.role ?? null };
}
