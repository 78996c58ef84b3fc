/** Small pieces every dossier screen shows the same way: status, due date by urgency, people. */
import { Chip, type ChipProps } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { apiFetch } from '../core/api';
import { formatDate, formatDateTime } from '../core/format';
import type { DossierStatus, DossierSummary } from './types';
import { OPEN_STATUSES, urgencyOf, type Urgency } from './urgency';

const STATUS_COLOR: Record<DossierStatus, ChipProps['color']> = {
  submitted: 'info',
  supplement_requested: 'warning',
  refused: 'default',
  received: 'info',
  in_progress: 'primary',
  awaiting_supplement: 'warning',
  transferred: 'secondary',
  approved: 'success',
  result_issued: 'success',
  returned: 'default',
};

export function StatusChip({ status }: { status: DossierStatus }) {
  const t = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOR[status] ?? 'default'}
      label={t(`dossierWork.status.${status}`)}
      data-status={status}
    />
  );
}

type ColumnProps = { source?: string; label?: string; sortable?: boolean };

export function StatusField(_props: ColumnProps) {
  const r = useRecordContext<DossierSummary>();
  return r ? <StatusChip status={r.status} /> : null;
}

const URGENCY_COLOR: Record<Urgency, ChipProps['color']> = {
  late: 'error',
  today: 'warning',
  soon: 'info',
  later: 'default',
};

/** The due date, coloured by how pressing it is (Asia/Ho_Chi_Minh days); open dossiers only. */
export function DueChip({
  dueAt,
  status,
  now = new Date(),
}: {
  dueAt: string | null;
  status: string;
  now?: Date;
}) {
  const t = useTranslate();
  if (!dueAt) return null;
  const u = OPEN_STATUSES.has(status) ? urgencyOf(dueAt, now) : null;
  if (!u || u === 'later') return <span>{formatDateTime(dueAt)}</span>;
  return (
    <Chip
      size="small"
      color={URGENCY_COLOR[u]}
      variant={u === 'soon' ? 'outlined' : 'filled'}
      label={`${formatDateTime(dueAt)} · ${t(`dossierWork.urgency.${u}`)}`}
      data-urgency={u}
    />
  );
}

export function DueField(_props: ColumnProps) {
  const r = useRecordContext<DossierSummary>();
  return r ? <DueChip dueAt={r.dueAt} status={r.status} /> : null;
}

export function DateField({ source }: ColumnProps & { source: keyof DossierSummary }) {
  const r = useRecordContext<DossierSummary>();
  return r ? <span>{formatDate(r[source] as string | null)}</span> : null;
}

export interface Colleague {
  id: string;
  name: string;
  roles: string[];
}

let colleagues: Promise<Colleague[]> | null = null;

/** The unit's staff (GET /colleagues), loaded once per page load. */
export function useColleagues(): Colleague[] {
  const [list, setList] = useState<Colleague[]>([]);
  useEffect(() => {
    colleagues ??= apiFetch<Colleague[]>('/colleagues')
      .then((r) => r.json)
      .catch(() => {
        colleagues = null;
        return [];
      });
    let live = true;
    void colleagues.then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** Who did something: "You", a colleague's name, the citizen, the system. */
export function useActorName(): (kind: string, id: string | null) => string {
  const t = useTranslate();
  const people = useColleagues();
  const { identity } = useGetIdentity();
  return (kind, id) => {
    if (kind === 'staff' && id && identity?.id === id) return t('dossierWork.actor.you');
    const p = id ? people.find((c) => c.id === id) : undefined;
    if (p) return p.name;
    return t(`dossierWork.actor.${kind}`, { _: kind });
  };
}

export function AssigneeField(_props: ColumnProps) {
  const r = useRecordContext<DossierSummary>();
  const name = useActorName();
  return r?.assigneeId ? <span>{name('staff', r.assigneeId)}</span> : null;
}
