import { Alert, Box, Card, CardContent, Divider, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  DateInput,
  Form,
  NumberInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  required,
  useNotify,
  useRedirect,
  useTranslate,
  HttpError,
} from 'react-admin';
import { apiFetch } from '../core/api';
import { localToday } from '../core/format';

const KINDS = ['department', 'district', 'commune', 'other'] as const;

interface OnboardingValues {
  tenant: { code: string; name: string; kind: string; parentId?: string | null };
  admin: { sub: string; name: string; email?: string | null };
  contract: { planId: string; startDate: string; instalments?: number };
}

/** Today in Vietnam, YYYY-MM-DD. */

/**
 * One guided flow: the unit, its first administrator, its contract on a plan. Each step is its own
 * API call; a step that fails keeps the ones done, shows its errors beside the fields, and the
 * next press continues from there.
 */
export function Onboarding() {
  const t = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [tenantId, setTenantId] = useState<string | null>(null);
  const [adminDone, setAdminDone] = useState(false);
  const [active, setActive] = useState(0);

  /** Field errors of one step, under that step's prefix, as the form expects. */
  const errorsOf = (prefix: string, e: unknown) => {
    if (!(e instanceof HttpError)) throw e;
    const fields = (e.body as { errors?: Record<string, string> } | undefined)?.errors ?? {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) out[`${prefix}.${k}`] = v;
    if (Object.keys(out).length === 0) notify(e.message, { type: 'error' });
    return out;
  };

  const submit = async (values: Record<string, unknown>) => {
    const v = values as unknown as OnboardingValues;
    let id = tenantId;
    if (!id) {
      setActive(0);
      try {
        const { json } = await apiFetch<{ id: string }>('/tenants', {
          method: 'POST',
          body: JSON.stringify({ ...v.tenant, parentId: v.tenant.parentId || null }),
        });
        id = json.id;
        setTenantId(id);
      } catch (e) {
        return errorsOf('tenant', e);
      }
    }
    if (!adminDone) {
      setActive(1);
      try {
        await apiFetch(`/tenants/${id}/admins`, {
          method: 'POST',
          body: JSON.stringify({ ...v.admin, email: v.admin.email || null }),
        });
        setAdminDone(true);
      } catch (e) {
        return errorsOf('admin', e);
      }
    }
    setActive(2);
    try {
      await apiFetch('/contracts', {
        method: 'POST',
        body: JSON.stringify({ tenantId: id, ...v.contract }),
      });
    } catch (e) {
      return errorsOf('contract', e);
    }
    setActive(3);
    notify('platform.onboarding.done', { type: 'success', messageArgs: { name: v.tenant.name } });
    redirect('show', 'tenants', id!);
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 900 }}>
      <Title title={t('platform.onboarding.title')} />
      <CardContent>
        <Stepper activeStep={active} sx={{ mb: 3 }}>
          {['step_tenant', 'step_admin', 'step_contract'].map((s) => (
            <Step key={s}>
              <StepLabel>{t(`platform.onboarding.${s}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {tenantId && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('platform.onboarding.resume')}
          </Alert>
        )}
        <Form
          onSubmit={submit}
          defaultValues={{
            tenant: { kind: 'department' },
            contract: { startDate: localToday(), instalments: 1 },
          }}
        >
          <Typography variant="h6">{t('platform.onboarding.step_tenant')}</Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <TextInput
              source="tenant.code"
              label="platform.common.code"
              validate={required()}
              disabled={!!tenantId}
            />
            <TextInput
              source="tenant.name"
              label="platform.common.name"
              validate={required()}
              disabled={!!tenantId}
              sx={{ minWidth: 360 }}
            />
            <SelectInput
              source="tenant.kind"
              label="platform.common.kind"
              choices={KINDS.map((k) => ({ id: k, name: `platform.kind.${k}` }))}
              validate={required()}
              disabled={!!tenantId}
            />
            <ReferenceInput
              source="tenant.parentId"
              reference="tenants"
              sort={{ field: 'code', order: 'ASC' }}
            >
              <AutocompleteInput
                label="platform.tenants.parent"
                optionText={(r: { code: string; name: string }) => `${r.name} (${r.code})`}
                filterToQuery={(q: string) => ({ q })}
                disabled={!!tenantId}
                sx={{ minWidth: 360 }}
              />
            </ReferenceInput>
          </Box>
          <Divider sx={{ my: 2 }} />
          <Typography variant="h6">{t('platform.onboarding.step_admin')}</Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <TextInput
              source="admin.sub"
              label="platform.onboarding.admin_sub"
              helperText="platform.onboarding.admin_sub_help"
              validate={required()}
              disabled={adminDone}
            />
            <TextInput
              source="admin.name"
              label="platform.onboarding.admin_name"
              validate={required()}
              disabled={adminDone}
            />
            <TextInput
              source="admin.email"
              label="platform.onboarding.admin_email"
              type="email"
              disabled={adminDone}
            />
          </Box>
          <Divider sx={{ my: 2 }} />
          <Typography variant="h6">{t('platform.onboarding.step_contract')}</Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <ReferenceInput source="contract.planId" reference="plans" filter={{ status: 'active' }}>
              <SelectInput label="platform.contracts.plan" optionText="name" validate={required()} />
            </ReferenceInput>
            <DateInput source="contract.startDate" label="platform.contracts.start" validate={required()} />
            <NumberInput
              source="contract.instalments"
              label="platform.contracts.instalments"
              min={1}
              max={12}
            />
          </Box>
          <SaveButton label="platform.onboarding.submit" alwaysEnable sx={{ mt: 2 }} />
        </Form>
      </CardContent>
    </Card>
  );
}

export default Onboarding;
