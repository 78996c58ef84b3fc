import { Datagrid, List, NumberField, SelectInput, TextField, TextInput } from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { DateTimeText, StatusChip } from '../core/fields';

const STATUSES = ['pending', 'queued', 'running', 'completed', 'failed'];

/** Background jobs, newest first (the API serves no other order). */
export function JobList() {
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={[
        <SelectInput
          key="s"
          source="status"
          label="platform.common.status"
          choices={STATUSES.map((s) => ({ id: s, name: `platform.jobs.${s}` }))}
          alwaysOn
        />,
        <TextInput key="q" source="queue" label="platform.jobs.queue" alwaysOn />,
      ]}
      empty={<EmptyState title="platform.jobs.empty" />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateTimeText source="createdAt" label="platform.common.created_at" />
        <TextField source="queue" label="platform.jobs.queue" sortable={false} />
        <TextField source="name" label="platform.jobs.name" sortable={false} />
        <StatusChip source="status" prefix="platform.jobs" label="platform.common.status" sortable={false} />
        <NumberField source="attempts" label="platform.jobs.attempts" sortable={false} />
        <TextField source="lastError" label="platform.jobs.last_error" sortable={false} emptyText="—" />
        <DateTimeText source="finishedAt" label="platform.jobs.finished_at" sortable={false} />
      </Datagrid>
    </List>
  );
}
