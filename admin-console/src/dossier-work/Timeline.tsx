import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { formatDateTime } from '../core/format';
import { useActorName } from './bits';
import type { TimelineEntry } from './types';

/** Facts an event carries beyond its reason: a note, an assignee, a unit, a new date, a channel. */
function details(
  e: TimelineEntry,
  t: (k: string, o?: object) => string,
  name: (k: string, id: string | null) => string,
) {
  const d = e.data ?? {};
  const out: string[] = [];
  if (typeof d.note === 'string') out.push(d.note);
  if (typeof d.assigneeId === 'string') out.push(`→ ${name('staff', d.assigneeId)}`);
  if (typeof d.toUnitCode === 'string')
    out.push(`→ ${d.toUnitCode}${typeof d.part === 'string' ? `: ${d.part}` : ''}`);
  if (typeof d.newDueAt === 'string')
    out.push(`${t('dossierWork.dialog.new_due')}: ${formatDateTime(d.newDueAt)}`);
  if (typeof d.channel === 'string') out.push(t(`dossierWork.channel.${d.channel}`));
  if (typeof d.timeliness === 'string') out.push(t(`dossierWork.timeliness.${d.timeliness}`));
  return out.join(' · ');
}

/** The dossier's history (dossier_events): who did what, from which status to which, why, when. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useTranslate();
  const name = useActorName();
  if (entries.length === 0) return <EmptyState title="dossierWork.empty.timeline" />;
  const status = (s: string | null) => (s ? t(`dossierWork.status.${s}`, { _: s }) : '—');
  return (
    <Table size="small" data-testid="timeline">
      <TableHead>
        <TableRow>
          <TableCell>{t('dossierWork.timeline.at')}</TableCell>
          <TableCell>{t('dossierWork.timeline.action')}</TableCell>
          <TableCell>{t('dossierWork.timeline.actor')}</TableCell>
          <TableCell>{t('dossierWork.timeline.move')}</TableCell>
          <TableCell>{t('dossierWork.timeline.reason')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...entries].reverse().map((e) => (
          <TableRow key={e.seq} data-action={e.action}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</TableCell>
            <TableCell>{t(`dossierWork.action.${e.action}`, { _: e.action })}</TableCell>
            <TableCell>{name(e.actorKind, e.actorId)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {e.fromStatus === e.toStatus
                ? status(e.toStatus)
                : `${status(e.fromStatus)} → ${status(e.toStatus)}`}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap' }}>
              {[e.reason, details(e, t, name)].filter(Boolean).join('\n')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
