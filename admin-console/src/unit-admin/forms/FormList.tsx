import { Chip } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../core/format';
import { builderPath, useAdminPath } from '../paths';

/** The API sorts only by its own columns (react-admin's default is `id`). */
const BY_CODE = { field: 'nationalCode', order: 'ASC' } as const;

export function FormList() {
  const t = useTranslate();
  const navigate = useNavigate();
  const path = useAdminPath();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <ReferenceInput key="procedureId" source="procedureId" reference="procedures" sort={BY_CODE}>
      <AutocompleteInput
        label="unitAdmin.forms.fields.procedure"
        optionText={(r: RaRecord) => `${r.nationalCode as string} — ${r.name as string}`}
        filterToQuery={(q: string) => ({ q })}
        sx={{ minWidth: 360 }}
      />
    </ReferenceInput>,
  ];
  return (
    <List
      title="unitAdmin.forms.title"
      filters={filters}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      sort={{ field: 'updatedAt', order: 'DESC' }}
    >
      <Datagrid
        rowClick={(id) => (navigate(path(builderPath(id as string))), false)}
        bulkActionButtons={false}
      >
        <TextField source="name" label="unitAdmin.forms.fields.name" />
        <ReferenceField
          source="procedureId"
          reference="procedures"
          label="unitAdmin.forms.fields.procedure"
          link="edit"
          sortable={false}
        >
          <TextField source="name" />
        </ReferenceField>
        <FunctionField
          source="latestVersion"
          label="unitAdmin.forms.fields.latestVersion"
          render={(r: RaRecord) =>
            r.latestVersion ? (
              <Chip size="small" color="success" label={`v${r.latestVersion as number}`} />
            ) : (
              <Chip size="small" label={t('unitAdmin.builder.never_published')} />
            )
          }
        />
        <FunctionField
          source="updatedAt"
          label="unitAdmin.forms.fields.updatedAt"
          render={(r: RaRecord) => formatDateTime(r.updatedAt as string)}
        />
      </Datagrid>
    </List>
  );
}

export function FormCreate() {
  const navigate = useNavigate();
  const path = useAdminPath();
  return (
    <Create
      title="unitAdmin.forms.create"
      mutationOptions={{ onSuccess: (data: RaRecord) => navigate(path(builderPath(data.id as string))) }}
    >
      <SimpleForm>
        <ReferenceInput source="procedureId" reference="procedures" sort={BY_CODE}>
          <AutocompleteInput
            label="unitAdmin.forms.fields.procedure"
            optionText={(r: RaRecord) => `${r.nationalCode as string} — ${r.name as string}`}
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
            sx={{ minWidth: 480 }}
          />
        </ReferenceInput>
        <TextInput source="name" label="unitAdmin.forms.fields.name" validate={required()} fullWidth />
      </SimpleForm>
    </Create>
  );
}
