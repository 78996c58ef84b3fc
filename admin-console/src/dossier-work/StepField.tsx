import { useEffect, useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { workflowOf, type WorkflowStep } from './calls';
import type { DossierSummary } from './types';

/** "1/2 · Xử lý hồ sơ": the dossier's place in its procedure's workflow. */
export function useSteps(procedureId: string | undefined): WorkflowStep[] {
  const [steps, setSteps] = useState<WorkflowStep[]>([]);
  useEffect(() => {
    if (!procedureId) return;
    let live = true;
    void workflowOf(procedureId).then((s) => live && setSteps(s));
    return () => {
      live = false;
    };
  }, [procedureId]);
  return steps;
}

export function StepField(_props: { label?: string }) {
  const r = useRecordContext<DossierSummary>();
  const steps = useSteps(r?.step ? r.procedureId : undefined);
  const t = useTranslate();
  if (!r?.step) return null;
  const s = steps[r.step - 1];
  return (
    <span title={s ? t(`dossierWork.role.${s.role}`, { _: s.role }) : undefined}>
      {r.step}/{steps.length || '…'}
      {s ? ` · ${s.name}` : ''}
    </span>
  );
}
