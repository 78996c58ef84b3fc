import { Button } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  List,
  NumberField,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { apiFetch } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { DateText, StatusChip } from '../core/fields';

const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'select',
  'multi_select',
  'boolean',
  'pid',
  'phone',
  'email',
  'tax_code',
  'address',
  'file',
];
const typeChoices = FIELD_TYPES.map((t) => ({ id: t, name: t }));

const filters = [
  <TextInput key="q" source="q" label="platform.common.search" alwaysOn />,
  <SelectInput key="type" source="type" label="platform.dictionary.type" choices={typeChoices} alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    label="platform.common.status"
    choices={[
      { id: 'active', name: 'platform.status.active' },
      { id: 'retired', name: 'platform.status.retired' },
    ]}
  />,
];

export function DictionaryList() {
  return (
    <List
      sort={{ field: 'key', order: 'ASC' }}
      filters={filters}
      empty={<EmptyState title="platform.dictionary.empty" hint="platform.dictionary.empty_hint" />}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="key" label="platform.dictionary.key" />
        <TextField source="label" label="platform.dictionary.label" />
        <TextField source="type" label="platform.dictionary.type" />
        <NumberField source="revision" label="platform.dictionary.revision" />
        <StatusChip source="status" prefix="platform.status" label="platform.common.status" />
        <DateText source="updatedAt" label="platform.common.updated_at" />
      </Datagrid>
    </List>
  );
}

function FieldInputs() {
  return (
    <>
      <TextInput source="label" label="platform.dictionary.label" validate={required()} fullWidth />
      <TextInput source="label_en" label="platform.dictionary.label_en" validate={required()} fullWidth />
      <SelectInput
        source="type"
        label="platform.dictionary.type"
        choices={typeChoices}
        validate={required()}
      />
      <BooleanInput source="validation.required" label="platform.dictionary.required" />
      <ArrayInput source="options" label="platform.dictionary.options">
        <SimpleFormIterator inline>
          <TextInput source="value" label="platform.dictionary.value" validate={required()} />
          <TextInput source="label" label="platform.dictionary.label" validate={required()} />
          <TextInput source="label_en" label="platform.dictionary.label_en" validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="help" label="platform.dictionary.help" multiline fullWidth />
      <TextInput source="help_en" label="platform.dictionary.help_en" multiline fullWidth />
    </>
  );
}

export function DictionaryCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ options: [], validation: {} }}>
        <TextInput source="key" label="platform.dictionary.key" validate={required()} />
        <FieldInputs />
      </SimpleForm>
    </Create>
  );
}

function RetireButton() {
  const record = useRecordContext<{ key: string; status: string }>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.status !== 'active') return null;
  return (
    <Button
      color="warning"
      onClick={async () => {
        try {
          await apiFetch(`/dictionary/${encodeURIComponent(record.key)}/retire`, { method: 'POST' });
          notify('platform.dictionary.retired', { type: 'success' });
          refresh();
        } catch (e) {
          notify((e as Error).message, { type: 'error' });
        }
      }}
    >
      {t('platform.dictionary.retire')}
    </Button>
  );
}

export function DictionaryEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      actions={
        <TopToolbar>
          <RetireButton />
        </TopToolbar>
      }
    >
      <SimpleForm>
        <TextField source="key" label="platform.dictionary.key" />
        <FieldInputs />
      </SimpleForm>
    </Edit>
  );
}
