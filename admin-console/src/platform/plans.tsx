import { Button, Dialog, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import {
  ArrayField,
  ArrayInput,
  Create,
  Datagrid,
  DateInput,
  Edit,
  FormDataConsumer,
  List,
  NumberField,
  NumberInput,
  SaveButton,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  Toolbar,
  TopToolbar,
  EditButton,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  HttpError,
} from 'react-admin';
import { apiFetch } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { DateText, MoneyText, StatusChip } from '../core/fields';
import { validatePaymentTermsDays } from './paymentTerms';

const STATUS_CHOICES = [
  { id: 'active', name: 'platform.status.active' },
  { id: 'retired', name: 'platform.status.retired' },
];

/** The terms of one plan version, under `prefix` ("terms." on create, "" for a new version). */
function TermsInputs({ prefix }: { prefix: string }) {
  return (
    <>
      <NumberInput
        source={`${prefix}annualFee`}
        label="platform.plans.annual_fee"
        validate={required()}
        min={0}
      />
      <NumberInput
        source={`${prefix}includedDossiers`}
        label="platform.plans.included"
        validate={required()}
        min={0}
      />
      <SelectInput
        source={`${prefix}overage.model`}
        label="platform.plans.overage_model"
        choices={[
          { id: 'flat', name: 'platform.plans.flat' },
          { id: 'graduated', name: 'platform.plans.graduated' },
        ]}
        validate={required()}
      />
      <FormDataConsumer>
        {({ formData }) => {
          const model = (prefix ? formData.terms : formData)?.overage?.model;
          return model === 'graduated' ? (
            <ArrayInput source={`${prefix}overage.tiers`} label="platform.plans.tiers">
              <SimpleFormIterator inline>
                <NumberInput source="upTo" label="platform.plans.up_to" min={1} />
                <NumberInput
                  source="unitPrice"
                  label="platform.plans.unit_price"
                  min={0}
                  validate={required()}
                />
              </SimpleFormIterator>
            </ArrayInput>
          ) : (
            <NumberInput source={`${prefix}overage.unitPrice`} label="platform.plans.unit_price" min={0} />
          );
        }}
      </FormDataConsumer>
      <NumberInput source={`${prefix}vatRateBp`} label="platform.plans.vat" min={0} max={10000} />
      <TextInput source={`${prefix}vatNote`} label="platform.plans.vat_note" fullWidth />
      <NumberInput
        source={`${prefix}paymentTermsDays`}
        label="platform.plans.payment_terms"
        helperText="platform.plans.payment_terms_help"
        validate={validatePaymentTermsDays}
      />
      <DateInput
        source={`${prefix}effectiveFrom`}
        label="platform.plans.effective_from"
        validate={required()}
      />
      <DateInput source={`${prefix}effectiveTo`} label="platform.plans.effective_to" />
    </>
  );
}

export function PlanList() {
  return (
    <List
      sort={{ field: 'code', order: 'ASC' }}
      filters={[<TextInput key="q" source="q" label="platform.common.search" alwaysOn />]}
      empty={<EmptyState title="platform.plans.empty" hint="platform.plans.empty_hint" />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="code" label="platform.common.code" />
        <TextField source="name" label="platform.common.name" />
        <NumberField source="latestVersion.version" label="platform.plans.version" sortable={false} />
        <MoneyText source="latestVersion.annualFee" label="platform.plans.annual_fee" sortable={false} />
        <NumberField
          source="latestVersion.includedDossiers"
          label="platform.plans.included"
          sortable={false}
          locales="vi-VN"
        />
        <DateText
          source="latestVersion.effectiveFrom"
          label="platform.plans.effective_from"
          sortable={false}
        />
        <StatusChip source="status" prefix="platform.status" label="platform.common.status" />
      </Datagrid>
    </List>
  );
}

export function PlanCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ terms: { overage: { model: 'flat' }, vatRateBp: 0 } }}>
        <TextInput source="code" label="platform.common.code" validate={required()} />
        <TextInput source="name" label="platform.common.name" validate={required()} fullWidth />
        <TextInput source="description" label="platform.common.description" multiline fullWidth />
        <TermsInputs prefix="terms." />
      </SimpleForm>
    </Create>
  );
}

export function PlanEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextInput source="name" label="platform.common.name" validate={required()} fullWidth />
        <TextInput source="description" label="platform.common.description" multiline fullWidth />
        <SelectInput source="status" label="platform.common.status" choices={STATUS_CHOICES} />
      </SimpleForm>
    </Edit>
  );
}

/** A change of terms is a new version (POST /plans/:id/versions); old contracts keep theirs. */
function NewVersionButton() {
  const record = useRecordContext<{ id: string; name: string; latestVersion?: Record<string, unknown> }>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  const v = record.latestVersion ?? {};
  const submit = async (values: Record<string, unknown>) => {
    try {
      await apiFetch(`/plans/${record.id}/versions`, { method: 'POST', body: JSON.stringify(values) });
      notify('platform.plans.version_created', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (e) {
      if (e instanceof HttpError) return (e.body as { errors?: Record<string, string> }).errors;
      throw e;
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('platform.plans.new_version')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="md">
        <DialogTitle>{t('platform.plans.new_version_title', { name: record.name })}</DialogTitle>
        <DialogContent>
          <SimpleForm
            onSubmit={submit}
            record={{
              annualFee: v.annualFee,
              includedDossiers: v.includedDossiers,
              overage: v.overage,
              vatRateBp: v.vatRateBp,
              vatNote: v.vatNote,
              paymentTermsDays: v.paymentTermsDays,
            }}
            toolbar={
              <Toolbar>
                <SaveButton alwaysEnable />
              </Toolbar>
            }
          >
            <TermsInputs prefix="" />
          </SimpleForm>
        </DialogContent>
      </Dialog>
    </>
  );
}

export function PlanShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <NewVersionButton />
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="code" label="platform.common.code" />
        <TextField source="name" label="platform.common.name" />
        <TextField source="description" label="platform.common.description" emptyText="—" />
        <StatusChip source="status" prefix="platform.status" label="platform.common.status" />
        <ArrayField source="versions" label="platform.plans.versions">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <NumberField source="version" label="platform.plans.version" />
            <MoneyText source="annualFee" label="platform.plans.annual_fee" />
            <NumberField source="includedDossiers" label="platform.plans.included" locales="vi-VN" />
            <TextField source="overage.model" label="platform.plans.overage_model" />
            <NumberField
              source="paymentTermsDays"
              label="platform.plans.payment_terms"
              emptyText="platform.plans.payment_terms_help"
            />
            <DateText source="effectiveFrom" label="platform.plans.effective_from" />
            <DateText source="effectiveTo" label="platform.plans.effective_to" />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
