import { describe, expect, it } from 'vitest';
import {
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  TRANSITIONS,
  allowedActions,
  findTransition,
  type Who,
} from '../../src/modules/dossiers/transitions';
import type { StepPosition } from '../../src/modules/dossiers/transitions';

/** Every (status, action, role, step) against the table: allowed exactly when a row says so. */
const ROLES: Who[] = ['tenant_admin', 'desk_officer', 'processing_officer', 'leader', 'citizen', 'system'];
const STEPS: StepPosition[] = [
  { seq: null, count: 2, role: null },
  { seq: 1, count: 2, role: 'processing_officer' },
  { seq: 2, count: 2, role: 'leader' },
];

function expectedRow(status: string, action: string, role: Who, step: StepPosition) {
  return TRANSITIONS.find((t) => {
    if (t.from !== status || t.action !== action) return false;
    const guard =
      !t.step ||
      (step.seq !== null &&
        (t.step === 'more'
          ? step.seq < step.count
          : t.step === 'last'
            ? step.seq >= step.count
            : step.seq > 1));
    const who = t.roles.includes(role) || (t.roles.includes('step') && step.role === role);
    return guard && who;
  });
}

describe('the dossier transition table', () => {
  for (const status of DOSSIER_STATUSES)
    for (const role of ROLES)
      it(`${status} as ${role}: allowed exactly as the table says`, () => {
        for (const step of STEPS)
          for (const action of DOSSIER_ACTIONS) {
            const row = expectedRow(status, action, role, step);
            expect(
              findTransition(status, action, [role], step),
              `${status} ${action} ${role} step ${step.seq}`,
            ).toBe(row);
            expect(allowedActions(status, [role], step).includes(action)).toBe(row !== undefined);
          }
      });

  it('terminal states allow nothing; tenant_admin never processes', () => {
    for (const role of ROLES)
      for (const step of STEPS) {
        expect(allowedActions('refused', [role], step)).toEqual([]);
        expect(allowedActions('returned', [role], step)).toEqual([]);
      }
    for (const status of DOSSIER_STATUSES)
      expect(allowedActions(status, ['tenant_admin'], STEPS[1]!)).toEqual([]);
  });

  it('spot checks of the one-stop rules', () => {
    const s1 = STEPS[1]!;
    const s2 = STEPS[2]!;
    expect(findTransition('submitted', 'receive', ['desk_officer'], STEPS[0]!)?.to).toBe('received');
    expect(findTransition('in_progress', 'approve', ['processing_officer'], s1)?.to).toBe('in_progress');
    expect(findTransition('in_progress', 'approve', ['leader'], s1)).toBeUndefined();
    expect(findTransition('in_progress', 'approve', ['leader'], s2)?.to).toBe('approved');
    expect(findTransition('in_progress', 'send-back', ['processing_officer'], s1)).toBeUndefined();
    expect(findTransition('awaiting_supplement', 'supplement', ['citizen'], s1)?.to).toBe('in_progress');
    expect(findTransition('supplement_requested', 'supplement', ['citizen'], STEPS[0]!)?.to).toBe(
      'submitted',
    );
    expect(findTransition('result_issued', 'return', ['desk_officer'], STEPS[0]!)?.to).toBe('returned');
    expect(findTransition('approved', 'return', ['desk_officer'], STEPS[0]!)).toBeUndefined();
  });
});
