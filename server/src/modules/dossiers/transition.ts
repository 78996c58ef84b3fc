import type { Tx } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import { findDossier, writeDossierMove, type DossierRow } from './queries';
import { allowedActions, findTransition, type DossierAction, type Who } from './transitions';
import { primeProcedureFacts } from './procedure-facts';
import { primeWorkflow, stepPosition, workflowOf } from './workflow';
import { notifyApplicant } from '../../jobs/notifications/sms-dossier-notices';
import { monitoringMarkFor, queueRefreshAfterMark } from '../../jobs/monitoring/refresh-day';
import { refundFeeAfterRefusal } from '../../jobs/payments/refund-refused-fee';

/** Who acts on a dossier: the roles they hold here (unit roles, `citizen` for its owner, `system`). */
export interface DossierActor {
  kind: string;
  id: string;
  roles: readonly Who[];
}

export const dossierNotFound = () => notFound({ vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' });

export interface TransitionInput {
  reason?: string | null;
  /** Recorded in the event (the history is the timeline). */
  data?: Record<string, unknown>;
  /** Other columns the action sets together with the status. */
  patch?: Partial<DossierRow>;
}

/**
 * Locks the dossier row: concurrent actions on one dossier run one after the other. Its workflow
 * and procedure facts come in the same statement and are the transaction's copy from then on.
 */
export async function lockDossier(tx: Tx, id: string): Promise<DossierRow> {
  const found = await findDossier(tx, id, { lock: true, withWorkflow: true });
  if (!found) throw dossierNotFound();
  const { workflow_steps: steps, procedure_facts: facts, ...d } = found;
  primeWorkflow(tx, d.procedure_id, steps ?? []);
  primeProcedureFacts(tx, d.procedure_id, facts ?? null);
  return d;
}

/** The actions this actor may take on this dossier now (the same table transition() checks). */
export async function actionsFor(tx: Tx, d: DossierRow, roles: readonly Who[]) {
  const { steps } = await workflowOf(tx, d.procedure_id);
  return allowedActions(d.status, roles, stepPosition(steps, d.step_seq));
}

export function illegalMove(action: string, status: string, allowed: readonly string[]): AppError {
  return new AppError(
    'conflict',
    {
      vi: `Không thể thực hiện "${action}" khi hồ sơ ở trạng thái "${status}". Được phép: ${allowed.join(', ') || '(không có)'}`,
      en: `"${action}" is not allowed while the dossier is "${status}". Allowed: ${allowed.join(', ') || '(none)'}`,
    },
    [],
    { allowedActions: allowed, dossierStatus: status },
  );
}

/**
 * The one guarded mutator: checks the move against the transition table for this actor and the
 * dossier's current workflow step, writes the new status with the action's other columns, bumps
 * the version and appends the event — all in the caller's transaction, on a row it has locked.
 * `to` may be overridden only by the step arithmetic (approve/send-back move step_seq, not status).
 */
export async function transition(
  tx: Tx,
  d: DossierRow,
  action: DossierAction,
  actor: DossierActor,
  input: TransitionInput = {},
  now: Date = new Date(),
): Promise<DossierRow> {
  const { steps } = await workflowOf(tx, d.procedure_id);
  const step = stepPosition(steps, d.step_seq);
  const t = findTransition(d.status, action, actor.roles, step);
  if (!t) throw illegalMove(action, d.status, allowedActions(d.status, actor.roles, step));
  // The row, its event and the monitoring mark go in one statement (one round trip).
  const mark = monitoringMarkFor(d.tenant_id, action, now);
  const { row: updated, extra } = await writeDossierMove(
    tx,
    d,
    { ...input.patch, status: t.to, version: d.version + 1, updated_at: now },
    {
      at: now,
      actor_kind: actor.kind,
      actor_id: actor.id,
      action,
      from_status: d.status,
      to_status: t.to,
      reason: input.reason ?? null,
      data: input.data ?? {},
    },
    mark,
  );
  // Part D's hooks: the applicant's notices and the monitoring refresh commit with the action.
  await notifyApplicant(tx, updated, action, input.reason ?? null);
  if (mark) await queueRefreshAfterMark(tx, mark, extra);
  // A refusal after the fee was paid returns it (exactly once: one outbox job key per dossier).
  await refundFeeAfterRefusal(tx, updated, action);
  return updated;
}
