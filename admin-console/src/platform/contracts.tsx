import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField as MuiText,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Create,
  Datagrid,
  DateInput,
  Edit,
  EditButton,
  Labeled,
  List,
  NumberField,
  NumberInput,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { apiFetch } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { DateText, MoneyText, StatusChip } from '../core/fields';
import { validatePaymentTermsDays } from './paymentTerms';

const tenantLabel = (r: { code: string; name: string }) => `${r.name} (${r.code})`;

const filters = [
  <ReferenceInput key="t" source="tenantId" reference="tenants" alwaysOn>
    <AutocompleteInput
      label="platform.contracts.tenant"
      optionText={tenantLabel}
      filterToQuery={(q: string) => ({ q })}
    />
  </ReferenceInput>,
  <SelectInput
    key="s"
    source="status"
    label="platform.common.status"
    choices={['active', 'suspended', 'terminated'].map((s) => ({ id: s, name: `platform.status.${s}` }))}
    alwaysOn
  />,
];

export function ContractList() {
  return (
    <List
      sort={{ field: 'startDate', order: 'DESC' }}
      filters={filters}
      empty={<EmptyState title="platform.contracts.empty" hint="platform.contracts.empty_hint" />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="tenantName" label="platform.contracts.tenant" sortable={false} />
        <TextField source="planName" label="platform.contracts.plan" sortable={false} />
        <DateText source="startDate" label="platform.contracts.start" />
        <DateText source="lastDay" label="platform.contracts.last_day" sortable={false} />
        <NumberField source="quota" label="platform.contracts.quota" sortable={false} locales="vi-VN" />
        <MoneyText source="leaseFee" label="platform.contracts.lease_fee" sortable={false} />
        <StatusChip source="status" prefix="platform.status" label="platform.common.status" />
      </Datagrid>
    </List>
  );
}

export function ContractCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ instalments: 1 }}>
        <ReferenceInput source="tenantId" reference="tenants">
          <AutocompleteInput
            label="platform.contracts.tenant"
            optionText={tenantLabel}
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
            sx={{ minWidth: 400 }}
          />
        </ReferenceInput>
        <ReferenceInput source="planId" reference="plans" filter={{ status: 'active' }}>
          <SelectInput label="platform.contracts.plan" optionText="name" validate={required()} />
        </ReferenceInput>
        <DateInput source="startDate" label="platform.contracts.start" validate={required()} />
        <DateInput source="endDate" label="platform.contracts.end" />
        <NumberInput source="instalments" label="platform.contracts.instalments" min={1} max={12} />
        <NumberInput source="quotaOverride" label="platform.contracts.quota_override" min={0} />
        <NumberInput source="priceOverride" label="platform.contracts.price_override" min={0} />
        <PaymentTermsInput />
      </SimpleForm>
    </Create>
  );
}

/** Days to pay the contract's invoices; empty (null) keeps the plan version's. */
function PaymentTermsInput() {
  return (
    <NumberInput
      source="paymentTermsDays"
      label="platform.contracts.payment_terms"
      helperText="platform.contracts.payment_terms_help"
      validate={validatePaymentTermsDays}
    />
  );
}

/** PATCH of the instalments and the payment terms (overrides go through finance's approval). */
export function ContractEdit() {
  const t = useTranslate();
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextField source="tenantName" label="platform.contracts.tenant" />
        <NumberInput source="instalments" label="platform.contracts.instalments" min={1} max={12} />
        <PaymentTermsInput />
        <Labeled label="platform.contracts.effective_payment_terms">
          <NumberField source="effectivePaymentTermsDays" />
        </Labeled>
        <Typography variant="body2" color="text.secondary">
          {t('platform.contracts.edit_hint')}
        </Typography>
      </SimpleForm>
    </Edit>
  );
}

/** Suspend (reason), resume, terminate (reason, last day): each its own POST. */
function ContractActions() {
  const record = useRecordContext<{ id: string; status: string }>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [action, setAction] = useState<'suspend' | 'terminate' | null>(null);
  const [reason, setReason] = useState('');
  const [lastDay, setLastDay] = useState('');
  if (!record || record.status === 'terminated') return null;
  const post = async (verb: string, body: Record<string, unknown>) => {
    try {
      await apiFetch(`/contracts/${record.id}/${verb}`, { method: 'POST', body: JSON.stringify(body) });
      notify('platform.contracts.done', { type: 'success' });
      setAction(null);
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <TopToolbar>
      <EditButton />
      {record.status === 'active' ? (
        <Button color="warning" onClick={() => setAction('suspend')}>
          {t('platform.contracts.suspend')}
        </Button>
      ) : (
        <Button onClick={() => post('resume', {})}>{t('platform.contracts.resume')}</Button>
      )}
      <Button color="error" onClick={() => setAction('terminate')}>
        {t('platform.contracts.terminate')}
      </Button>
      <Dialog open={action !== null} onClose={() => setAction(null)} fullWidth>
        <DialogTitle>{action && t(`platform.contracts.${action}`)}</DialogTitle>
        <DialogContent>
          <MuiText
            autoFocus
            fullWidth
            multiline
            margin="dense"
            label={t('platform.common.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {action === 'terminate' && (
            <MuiText
              type="date"
              margin="dense"
              label={t('platform.contracts.last_day_input')}
              value={lastDay}
              onChange={(e) => setLastDay(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAction(null)}>{t('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!reason.trim()}
            onClick={() =>
              action &&
              post(action, {
                reason: reason.trim(),
                ...(lastDay && action === 'terminate' ? { lastDay } : {}),
              })
            }
          >
            {t('platform.common.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </TopToolbar>
  );
}

export function ContractShow() {
  return (
    <Show actions={<ContractActions />}>
      <SimpleShowLayout>
        <TextField source="tenantName" label="platform.contracts.tenant" />
        <TextField source="planName" label="platform.contracts.plan" />
        <NumberField source="planVersion" label="platform.plans.version" />
        <DateText source="startDate" label="platform.contracts.start" />
        <DateText source="lastDay" label="platform.contracts.last_day" />
        <NumberField source="quota" label="platform.contracts.quota" locales="vi-VN" />
        <MoneyText source="leaseFee" label="platform.contracts.lease_fee" />
        <NumberField source="instalments" label="platform.contracts.instalments" />
        <NumberField
          source="paymentTermsDays"
          label="platform.contracts.payment_terms"
          emptyText="platform.contracts.plan_terms"
        />
        <NumberField source="effectivePaymentTermsDays" label="platform.contracts.effective_payment_terms" />
        <StatusChip source="status" prefix="platform.status" label="platform.common.status" />
        <TextField source="statusReason" label="platform.common.reason" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
