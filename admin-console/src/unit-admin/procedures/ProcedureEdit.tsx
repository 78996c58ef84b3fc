import { Button, Chip, Stack } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  Create,
  Edit,
  NumberInput,
  SelectInput,
  SimpleForm,
  SaveButton,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  TopToolbar,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  required,
  type RaRecord,
} from 'react-admin';
import { Link } from 'react-router';
import { apiFetch } from '../../core/api';
import { useAdminPath } from '../paths';
import { useFieldsOfActivity } from './procedure-fields';
import { STATUS_COLOR } from './ProcedureList';

function ProcedureInputs() {
  const [locale] = useLocaleState();
  const fields = useFieldsOfActivity();
  const label = (k: string) => `unitAdmin.procedures.fields.${k}`;
  return (
    <>
      <Stack direction="row" spacing={2} sx={{ width: '100%' }}>
        <TextInput source="nationalCode" label={label('nationalCode')} validate={required()} />
        <SelectInput
          source="fieldCode"
          label={label('fieldCode')}
          validate={required()}
          choices={fields.map((f) => ({ id: f.code, name: (locale === 'en' && f.nameEn) || f.name }))}
          isLoading={fields.length === 0}
        />
        <SelectInput
          source="level"
          label={label('level')}
          validate={required()}
          choices={[1, 2, 3, 4].map((l) => ({ id: l, name: `unitAdmin.procedures.levels.${l}` }))}
        />
        <NumberInput source="processingDays" label={label('processingDays')} validate={required()} min={0} />
      </Stack>
      <TextInput source="name" label={label('name')} validate={required()} fullWidth multiline />
      <ArrayInput source="fees" label={label('fees')}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="name" label={label('feeName')} validate={required()} />
          <NumberInput source="amount" label={label('feeAmount')} validate={required()} min={0} step={1000} />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="requiredPapers" label={label('requiredPapers')}>
        <SimpleFormIterator inline>
          <TextInput source="name" label={label('paperName')} validate={required()} sx={{ minWidth: 360 }} />
          <NumberInput source="originals" label={label('originals')} min={0} defaultValue={1} />
          <NumberInput source="copies" label={label('copies')} min={0} defaultValue={0} />
          <BooleanInput source="fromDataStore" label={label('fromDataStore')} />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="resultType" label={label('resultType')} fullWidth />
      <TextInput source="description" label={label('description')} fullWidth multiline minRows={3} />
    </>
  );
}

/** Publish/archive from the status table (the record's `actions`), and the procedure's form and workflow. */
function EditActions() {
  const record = useRecordContext<RaRecord>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const path = useAdminPath();
  if (!record) return null;
  const act = (action: string) =>
    apiFetch(`/procedures/${record.id}/${action}`, { method: 'POST' })
      .then(() => {
        notify(`unitAdmin.procedures.${action}_done`, { type: 'success' });
        refresh();
      })
      .catch((e: Error) => notify(e.message, { type: 'error' }));
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <Chip
        size="small"
        color={STATUS_COLOR[record.status as keyof typeof STATUS_COLOR]}
        label={t(`unitAdmin.procedures.status.${record.status as string}`)}
      />
      <Button
        component={Link}
        to={`${path('/forms')}?filter=${encodeURIComponent(JSON.stringify({ procedureId: record.id }))}`}
      >
        {t('unitAdmin.procedures.forms')}
      </Button>
      <Button component={Link} to={path(`/unit-admin/procedures/${record.id}/workflow`)}>
        {t('unitAdmin.procedures.workflow')}
      </Button>
      {((record.actions as string[]) ?? []).map((a) => (
        <Button key={a} variant="outlined" onClick={() => void act(a)}>
          {t(`unitAdmin.procedures.${a}`)}
        </Button>
      ))}
    </TopToolbar>
  );
}

/** What the API accepts on PATCH/POST: no id, status, totals or timestamps. */
const editable = (r: RaRecord) => {
  const {
    nationalCode,
    name,
    fieldCode,
    level,
    processingDays,
    fees,
    requiredPapers,
    resultType,
    description,
  } = r;
  return {
    nationalCode,
    name,
    fieldCode,
    level,
    processingDays,
    fees: fees ?? [],
    requiredPapers: requiredPapers ?? [],
    resultType: resultType ?? '',
    description: description ?? '',
  };
};

export function ProcedureEdit() {
  return (
    <Edit actions={<EditActions />} mutationMode="pessimistic" transform={editable}>
      {/* No delete: a procedure is archived (dossiers and forms name it), never removed. */}
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <ProcedureInputs />
      </SimpleForm>
    </Edit>
  );
}

export function ProcedureCreate() {
  return (
    <Create redirect="edit" transform={editable}>
      <SimpleForm defaultValues={{ level: 3, processingDays: 5, fees: [], requiredPapers: [] }}>
        <ProcedureInputs />
      </SimpleForm>
    </Create>
  );
}
