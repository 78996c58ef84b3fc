import { conflict } from '../../errors';
import type { ProcedureAction, ProcedureStatus } from './schema';

/**
 * A procedure's life: a draft is published to the public catalog; a published one is archived when
 * it stops applying, and may be published again. Nothing goes back to draft.
 */
export const procedureTransitions: Record<
  ProcedureStatus,
  Partial<Record<ProcedureAction, ProcedureStatus>>
> = {
  draft: { publish: 'published', archive: 'archived' },
  published: { archive: 'archived' },
  archived: { publish: 'published' },
};

export const statusLabels: Record<ProcedureStatus, { vi: string; en: string }> = {
  draft: { vi: 'Dự thảo', en: 'draft' },
  published: { vi: 'Công bố', en: 'published' },
  archived: { vi: 'Ngừng áp dụng', en: 'archived' },
};

export function actionsFrom(status: ProcedureStatus): ProcedureAction[] {
  return Object.keys(procedureTransitions[status]) as ProcedureAction[];
}

/** The status an action leads to, or a conflict naming both. */
export function nextStatus(status: ProcedureStatus, action: ProcedureAction): ProcedureStatus {
  const to = procedureTransitions[status][action];
  if (!to)
    throw conflict({
      vi: `Không thể ${action === 'publish' ? 'công bố' : 'ngừng áp dụng'} thủ tục đang ở trạng thái "${statusLabels[status].vi}"`,
      en: `A ${status} procedure cannot be ${action === 'publish' ? 'published' : 'archived'}`,
    });
  return to;
}

/** Whether a catalog import may move a procedure from one status to another (same, or one step). */
export function importMayMove(from: ProcedureStatus, to: ProcedureStatus): boolean {
  return from === to || Object.values(procedureTransitions[from]).includes(to);
}
