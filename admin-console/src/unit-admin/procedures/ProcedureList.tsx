import Download from '@mui/icons-material/Download';
import { Button, Chip } from '@mui/material';
import {
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useLocaleState,
  useNotify,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { download } from '../../core/api';
import { formatDate, formatMoney } from '../../core/format';
import { ProcedureImportButton } from './ProcedureImport';
import { useFieldsOfActivity } from './procedure-fields';

export const STATUS_COLOR = { draft: 'default', published: 'success', archived: 'warning' } as const;

function ExportButton() {
  const t = useTranslate();
  const notify = useNotify();
  return (
    <Button
      size="small"
      startIcon={<Download />}
      onClick={() =>
        download('/procedures/export?format=xlsx', 'danh-muc-tthc.xlsx').catch((e: Error) =>
          notify(e.message, { type: 'error' }),
        )
      }
    >
      {t('unitAdmin.procedures.export')}
    </Button>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <CreateButton />
      <ProcedureImportButton />
      <ExportButton />
    </TopToolbar>
  );
}

export function ProcedureList() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const fields = useFieldsOfActivity();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={t('unitAdmin.procedures.search')} />,
    <SelectInput
      key="status"
      source="status"
      label="unitAdmin.procedures.fields.status"
      choices={['draft', 'published', 'archived'].map((s) => ({
        id: s,
        name: `unitAdmin.procedures.status.${s}`,
      }))}
    />,
    <SelectInput
      key="level"
      source="level"
      label="unitAdmin.procedures.fields.level"
      choices={[1, 2, 3, 4].map((l) => ({ id: l, name: `unitAdmin.procedures.levels.${l}` }))}
    />,
    <SelectInput
      key="fieldCode"
      source="fieldCode"
      label="unitAdmin.procedures.fields.fieldCode"
      choices={fields.map((f) => ({ id: f.code, name: (locale === 'en' && f.nameEn) || f.name }))}
    />,
  ];
  return (
    <List
      title="unitAdmin.procedures.title"
      filters={filters}
      actions={<Actions />}
      sort={{ field: 'nationalCode', order: 'ASC' }}
      perPage={25}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="nationalCode" label="unitAdmin.procedures.fields.nationalCode" />
        <TextField source="name" label="unitAdmin.procedures.fields.name" />
        <TextField source="fieldCode" label="unitAdmin.procedures.fields.fieldCode" />
        <NumberField source="level" label="unitAdmin.procedures.fields.level" />
        <NumberField source="processingDays" label="unitAdmin.procedures.fields.processingDays" />
        <FunctionField
          source="feeTotal"
          label="unitAdmin.procedures.fields.feeTotal"
          render={(r: RaRecord) =>
            r.feeTotal ? formatMoney(r.feeTotal as number) : t('unitAdmin.procedures.free')
          }
        />
        <FunctionField
          source="status"
          label="unitAdmin.procedures.fields.status"
          render={(r: RaRecord) => (
            <Chip
              size="small"
              color={STATUS_COLOR[r.status as keyof typeof STATUS_COLOR]}
              label={t(`unitAdmin.procedures.status.${r.status as string}`)}
            />
          )}
        />
        <FunctionField
          source="updatedAt"
          label="unitAdmin.procedures.fields.updatedAt"
          render={(r: RaRecord) => formatDate(r.updatedAt as string)}
        />
      </Datagrid>
    </List>
  );
}
