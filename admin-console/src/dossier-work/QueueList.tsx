import { Typography } from '@mui/material';
import { useMemo } from 'react';
import {
  CreateButton,
  DatagridConfigurable,
  ExportButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectArrayInput,
  SelectColumnsButton,
  TextField,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useParams } from 'react-router-dom';
import type { Permissions } from '../core/authProvider';
import { EmptyState } from '../core/EmptyState';
import { AssigneeField, DateField, DueField, StatusField } from './bits';
import { QUEUES, queueFilter, type Queue } from './queues';
import { StepField } from './StepField';
import { DOSSIER_STATUSES, type DossierSummary } from './types';

function QueueActions({ canEnter }: { canEnter: boolean }) {
  return (
    <TopToolbar>
      <SelectColumnsButton />
      {canEnter && <CreateButton resource="dossiers" label="dossierWork.menu.desk_entry" />}
      <ExportButton />
    </TopToolbar>
  );
}

/** One work queue (GET /dossiers with the queue's filter), sorted, filterable, paginated. */
export function QueueList({ queue }: { queue: Queue }) {
  const t = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const isDesk = permissions?.roles.includes('desk_officer') ?? false;
  const filters = useMemo(
    () => [
      <SearchInput key="q" source="q" alwaysOn placeholder={t('dossierWork.field.q')} />,
      <ReferenceInput key="p" source="procedureId" reference="procedures" alwaysOn>
        <AutocompleteInput
          label="dossierWork.field.procedure"
          optionText="name"
          filterToQuery={(q: string) => (q ? { q } : {})}
          sx={{ minWidth: 320 }}
        />
      </ReferenceInput>,
      ...(queue.statuses
        ? []
        : [
            <SelectArrayInput
              key="s"
              source="status"
              label="dossierWork.field.status"
              choices={DOSSIER_STATUSES.map((s) => ({ id: s, name: `dossierWork.status.${s}` }))}
              sx={{ minWidth: 220 }}
            />,
          ]),
    ],
    [queue.statuses, t],
  );
  return (
    <List
      resource="dossiers"
      storeKey={`dossierWork.${queue.key}`}
      title={t(`dossierWork.menu.${queue.key}`)}
      filter={queueFilter(queue)}
      filters={filters}
      sort={queue.sort}
      perPage={25}
      actions={<QueueActions canEnter={isDesk && queue.key === 'reception'} />}
      empty={<EmptyState title="dossierWork.empty.queue" hint="dossierWork.empty.queue_hint" />}
      disableSyncWithLocation={false}
    >
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1 }}>
        {t(`dossierWork.queue_hint.${queue.key}`)}
      </Typography>
      <DatagridConfigurable
        rowClick="show"
        bulkActionButtons={false}
        empty={<EmptyState title="dossierWork.empty.filtered" />}
        data-testid={`queue-${queue.key}`}
      >
        <FunctionField
          source="code"
          label="dossierWork.field.code"
          render={(r: DossierSummary) => r.code ?? `(${t('dossierWork.detail.no_code')})`}
        />
        <ReferenceField
          source="procedureId"
          reference="procedures"
          link={false}
          label="dossierWork.field.procedure"
        >
          <TextField source="name" />
        </ReferenceField>
        <TextField source="applicantName" label="dossierWork.field.applicant" />
        <FunctionField
          source="channel"
          label="dossierWork.field.channel"
          render={(r: DossierSummary) => t(`dossierWork.channel.${r.channel}`)}
        />
        <DateField source="submittedAt" label="dossierWork.field.submittedAt" />
        {queue.dueDates && <DueField source="dueAt" label="dossierWork.field.dueAt" />}
        {queue.dueDates && <StepField label="dossierWork.field.step" />}
        {queue.dueDates && <AssigneeField label="dossierWork.field.assignee" />}
        <StatusField source="status" label="dossierWork.field.status" />
      </DatagridConfigurable>
    </List>
  );
}

/** /work/:queue — the queue named in the address. */
export function QueuePage() {
  const { queue } = useParams();
  const q = QUEUES.find((x) => x.key === queue) ?? QUEUES.find((x) => x.key === 'all')!;
  return <QueueList key={q.key} queue={q} />;
}

export const AllDossiers = () => <QueueList queue={QUEUES.find((x) => x.key === 'all')!} />;
