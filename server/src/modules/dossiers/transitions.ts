import type { TenantRole } from '../../db/transactor';

/**
 * The dossier's status machine, as data (STYLE.md habit 6). `transition()` in transition.ts is the
 * only code that changes a dossier's status, and the allowedActions the API returns come from this
 * same table, filtered by the caller's roles and the dossier's current workflow step.
 */
export const DOSSIER_STATUSES = [
  'submitted',
  'supplement_requested',
  'refused',
  'received',
  'in_progress',
  'awaiting_supplement',
  'transferred',
  'approved',
  'result_issued',
  'returned',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_ACTIONS = [
  'receive',
  'refuse',
  'request-supplement',
  'supplement',
  'assign',
  'approve',
  'send-back',
  'transfer',
  'transfer-returned',
  'result',
  'return',
  'apologize',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** Who may act: a unit role, the dossier's own citizen, the system, or `step` = the current step's role. */
export type Who = TenantRole | 'citizen' | 'system' | 'step';

export interface Transition {
  from: DossierStatus;
  action: DossierAction;
  to: DossierStatus;
  roles: readonly Who[];
  /** Guards on the workflow step: `more` = not the last step, `last`, `not_first`. */
  step?: 'more' | 'last' | 'not_first';
}

const DESK: readonly Who[] = ['desk_officer'];
const STEP: readonly Who[] = ['step'];

/** A late dossier may get an apology slip with a new date at any point before it is returned. */
const APOLOGY_FROM: DossierStatus[] = [
  'received',
  'in_progress',
  'awaiting_supplement',
  'transferred',
  'approved',
  'result_issued',
];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'submitted', action: 'receive', to: 'received', roles: DESK },
  { from: 'submitted', action: 'refuse', to: 'refused', roles: DESK },
  // Before reception there is no clock yet: the supplement sends the dossier back to checking.
  { from: 'submitted', action: 'request-supplement', to: 'supplement_requested', roles: DESK },
  { from: 'supplement_requested', action: 'supplement', to: 'submitted', roles: ['citizen', 'desk_officer'] },
  { from: 'supplement_requested', action: 'refuse', to: 'refused', roles: DESK },
  { from: 'received', action: 'assign', to: 'in_progress', roles: ['desk_officer', 'leader'] },
  { from: 'in_progress', action: 'assign', to: 'in_progress', roles: ['leader', 'step'] },
  { from: 'in_progress', action: 'approve', to: 'in_progress', roles: STEP, step: 'more' },
  { from: 'in_progress', action: 'approve', to: 'approved', roles: STEP, step: 'last' },
  { from: 'in_progress', action: 'send-back', to: 'in_progress', roles: STEP, step: 'not_first' },
  { from: 'in_progress', action: 'transfer', to: 'transferred', roles: ['leader', 'step'] },
  // After reception the clock stops until the supplement, then processing resumes at the same step.
  { from: 'in_progress', action: 'request-supplement', to: 'awaiting_supplement', roles: STEP },
  {
    from: 'awaiting_supplement',
    action: 'supplement',
    to: 'in_progress',
    roles: ['citizen', 'desk_officer'],
  },
  { from: 'transferred', action: 'transfer-returned', to: 'in_progress', roles: ['system'] },
  { from: 'approved', action: 'result', to: 'result_issued', roles: ['leader', 'processing_officer'] },
  { from: 'result_issued', action: 'return', to: 'returned', roles: DESK },
  ...APOLOGY_FROM.map((s): Transition => ({
    from: s,
    action: 'apologize',
    to: s,
    roles: ['desk_officer', 'leader'],
  })),
];

export interface StepPosition {
  /** 1-based; null outside processing. */
  seq: number | null;
  count: number;
  /** The role of the current step, when in processing. */
  role: TenantRole | null;
}

function stepGuardHolds(t: Transition, step: StepPosition): boolean {
  if (!t.step) return true;
  if (step.seq === null) return false;
  if (t.step === 'more') return step.seq < step.count;
  if (t.step === 'last') return step.seq >= step.count;
  return step.seq > 1;
}

function mayAct(t: Transition, roles: readonly Who[], step: StepPosition): boolean {
  return t.roles.some((r) =>
    r === 'step' ? step.role !== null && roles.includes(step.role) : roles.includes(r),
  );
}

/** The transition this caller would take, or undefined when the move is not allowed for them. */
export function findTransition(
  status: DossierStatus,
  action: DossierAction,
  roles: readonly Who[],
  step: StepPosition,
): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.from === status && t.action === action && stepGuardHolds(t, step) && mayAct(t, roles, step),
  );
}

/** What this caller may do now, in table order, each action once. */
export function allowedActions(
  status: DossierStatus,
  roles: readonly Who[],
  step: StepPosition,
): DossierAction[] {
  const out = TRANSITIONS.filter(
    (t) => t.from === status && stepGuardHolds(t, step) && mayAct(t, roles, step),
  ).map((t) => t.action);
  return [...new Set(out)].filter((a) => a !== 'transfer-returned' || roles.includes('system'));
}
