import {
  Create,
  Datagrid,
  DateInput,
  Edit,
  List,
  NumberInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { DateText, StatusChip } from '../core/fields';

const kindChoices = [
  { id: 'holiday', name: 'platform.holidays.holiday' },
  { id: 'compensatory_workday', name: 'platform.holidays.compensatory_workday' },
];
const thisYear = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
);

export function HolidayList() {
  return (
    <List
      sort={{ field: 'day', order: 'ASC' }}
      filterDefaultValues={{ year: thisYear }}
      filters={[
        <NumberInput key="year" source="year" label="platform.common.year" alwaysOn />,
        <SelectInput key="kind" source="kind" label="platform.common.kind" choices={kindChoices} alwaysOn />,
      ]}
      empty={<EmptyState title="platform.holidays.empty" hint="platform.holidays.empty_hint" />}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <DateText source="day" label="platform.holidays.day" />
        <TextField source="name" label="platform.common.name" />
        <TextField source="name_en" label="platform.common.name_en" />
        <StatusChip source="kind" prefix="platform.holidays" label="platform.common.kind" />
      </Datagrid>
    </List>
  );
}

export function HolidayCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ kind: 'holiday' }}>
        <DateInput source="day" label="platform.holidays.day" validate={required()} />
        <TextInput source="name" label="platform.common.name" validate={required()} fullWidth />
        <TextInput source="name_en" label="platform.common.name_en" fullWidth />
        <SelectInput source="kind" label="platform.common.kind" choices={kindChoices} />
      </SimpleForm>
    </Create>
  );
}

export function HolidayEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <DateText source="day" label="platform.holidays.day" />
        <TextInput source="name" label="platform.common.name" validate={required()} fullWidth />
        <TextInput source="name_en" label="platform.common.name_en" fullWidth />
        <SelectInput source="kind" label="platform.common.kind" choices={kindChoices} />
      </SimpleForm>
    </Edit>
  );
}
