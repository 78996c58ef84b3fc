import {
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  SearchInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { formatDate, formatDateTime } from '../core/format';

interface Reception {
  id: string;
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  receivedAt: string;
  dueAt: string | null;
}

/** What this desk received on behalf of other units (the competent unit processes them). */
export function DeskReceptionList() {
  const t = useTranslate();
  return (
    <List
      resource="desk-receptions"
      title={t('dossierWork.menu.desk_receptions')}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      actions={
        <TopToolbar>
          <CreateButton resource="dossiers" label="dossierWork.menu.desk_entry" />
        </TopToolbar>
      }
      empty={<EmptyState title="dossierWork.empty.receptions" />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="dossierCode" label="dossierWork.field.code" />
        <TextField source="procedureName" label="dossierWork.field.procedure" sortable={false} />
        <TextField source="applicantName" label="dossierWork.field.applicant" sortable={false} />
        <FunctionField
          source="receivedAt"
          label="dossierWork.field.receivedAt"
          render={(r: Reception) => formatDateTime(r.receivedAt)}
        />
        <FunctionField
          source="dueAt"
          label="dossierWork.field.dueAt"
          render={(r: Reception) => formatDate(r.dueAt)}
        />
      </Datagrid>
    </List>
  );
}
