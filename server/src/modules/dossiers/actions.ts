import { z } from 'zod';
import type { Tx } from '../../db/transactor';
import { AppError } from '../../errors';
import { loadCalendarFor } from '../calendar/load-calendar';
import { dueDateWithPauses, timeliness } from '../calendar/working-days';
import type { DossierRow, Pause } from './queries';
import { lockDossier, transition, type DossierActor } from './transition';
import type { DossierAction } from './transitions';
import { workflowOf } from './workflow';

const reason = z.string().trim().min(1).max(2000);
export const actionInputs = {
  refuse: z.object({ reason }).strict(),
  'request-supplement': z.object({ reason }).strict(),
  supplement: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
  assign: z.object({ assigneeId: z.uuid() }).strict(),
  approve: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
  'send-back': z.object({ reason }).strict(),
  return: z.object({ channel: z.enum(['desk', 'post', 'online']) }).strict(),
  apologize: z.object({ reason, newDueAt: z.iso.datetime({ offset: true }) }).strict(),
} as const;
export type SimpleAction = keyof typeof actionInputs;
export type ActionInput<A extends SimpleAction> = z.infer<(typeof actionInputs)[A]>;

/** The due date once the clock resumes: the working days spent paused are added (part A's rule). */
async function dueAfterPauses(tx: Tx, d: DossierRow, pauses: Pause[]): Promise<Date | null> {
  if (!d.received_at || d.processing_days === null) return null;
  const days = d.processing_days;
  const ps = pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
  const cal = await loadCalendarFor(tx, d.received_at, days, ps);
  return dueDateWithPauses(d.received_at, days, ps, cal);
}

async function assertColleague(tx: Tx, tenantId: string, userId: string): Promise<void> {
  const m = await tx('memberships')
    .where({ tenant_id: tenantId, user_id: userId })
    .whereIn('role', ['processing_officer', 'leader', 'desk_officer'])
    .first('user_id');
  if (!m)
    throw new AppError(
      'validation_failed',
      {
        vi: 'Người được giao không phải cán bộ của đơn vị',
        en: 'The assignee is not an officer of this unit',
      },
      [
        {
          path: 'assigneeId',
          message: 'Không phải cán bộ của đơn vị',
          message_en: 'Not an officer of this unit',
        },
      ],
    );
}

/**
 * The actions whose effect is the status plus a few columns. Each locks the dossier, lets
 * transition() check the move, and writes in the caller's one transaction.
 */
export async function actOnDossier<A extends SimpleAction>(
  tx: Tx,
  id: string,
  action: A,
  input: ActionInput<A>,
  actor: DossierActor,
  now: Date,
): Promise<DossierRow> {
  const d = await lockDossier(tx, id);
  const run = (
    patch: Partial<DossierRow> = {},
    extra: { reason?: string; data?: Record<string, unknown> } = {},
  ) => transition(tx, d, action as DossierAction, actor, { patch, ...extra }, now);
  switch (action) {
    case 'refuse':
      return run({}, { reason: (input as ActionInput<'refuse'>).reason });
    case 'request-supplement': {
      const why = (input as ActionInput<'request-supplement'>).reason;
      // After reception the clock stops: the pause opens now and closes at the supplement.
      if (d.status !== 'in_progress') return run({}, { reason: why });
      return run(
        { pauses: [...d.pauses, { from: now.toISOString(), to: null }], due_at: null },
        { reason: why, data: { pausedAt: now.toISOString() } },
      );
    }
    case 'supplement': {
      const note = (input as ActionInput<'supplement'>).note;
      const open = d.pauses.at(-1);
      if (d.status !== 'awaiting_supplement' || !open || open.to !== null)
        return run({}, { data: note ? { note } : {} });
      const pauses = [...d.pauses.slice(0, -1), { from: open.from, to: now.toISOString() }];
      const dueAt = await dueAfterPauses(tx, d, pauses);
      return run(
        { pauses, due_at: dueAt },
        {
          data: {
            resumedAt: now.toISOString(),
            dueAt: dueAt?.toISOString() ?? null,
            ...(note ? { note } : {}),
          },
        },
      );
    }
    case 'assign': {
      const { assigneeId } = input as ActionInput<'assign'>;
      await assertColleague(tx, d.tenant_id, assigneeId);
      return run({ assignee_id: assigneeId, step_seq: d.step_seq ?? 1 }, { data: { assigneeId } });
    }
    case 'approve': {
      const note = (input as ActionInput<'approve'>).note;
      const { steps } = await workflowOf(tx, d.procedure_id);
      const step = d.step_seq ?? 1;
      // The next step's role picks the dossier up from its queue; the last approval ends processing.
      const patch = step < steps.length ? { step_seq: step + 1, assignee_id: null } : {};
      return run(patch, { data: { step, ...(note ? { note } : {}) } });
    }
    case 'send-back': {
      const prev = Math.max((d.step_seq ?? 1) - 1, 1);
      return run(
        { step_seq: prev, assignee_id: null },
        { reason: (input as ActionInput<'send-back'>).reason, data: { fromStep: d.step_seq, toStep: prev } },
      );
    }
    case 'return': {
      const { channel } = input as ActionInput<'return'>;
      const t = d.due_at ? timeliness(d.due_at, now) : null;
      return run(
        { returned_at: now, return_channel: channel, timeliness: t },
        { data: { channel, timeliness: t } },
      );
    }
    case 'apologize': {
      const a = input as ActionInput<'apologize'>;
      // The due date the dossier is judged against stays; the apology's new date is recorded.
      return run(
        {},
        {
          reason: a.reason,
          data: { newDueAt: new Date(a.newDueAt).toISOString(), dueAt: d.due_at?.toISOString() ?? null },
        },
      );
    }
    default:
      throw new Error(`no effect for ${action}`);
  }
}
