import { Chip, Tab, Tabs } from '@mui/material';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import {
  AutocompleteInput,
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { EmptyState } from '../../core/EmptyState';
import { DateTimeText } from '../../core/fields';
import { formatDateTime } from '../../core/format';
import { useAdminPath } from '../../core/links';
import { CreateKeyButton } from './CreateKeyDialog';
import { RevokeKeyButton } from './RevokeKeyButton';
import { keyScopes, roleChoices, type ApiKeyRecord, type KeyScope } from './scopes';

const tenantLabel = (r: { code: string; name: string }) => `${r.name} (${r.code})`;

function stateFilter(key: string) {
  return (
    <SelectInput
      key={key}
      source="revoked"
      label="platform.api_keys.state"
      choices={[
        { id: false, name: 'platform.api_keys.active' },
        { id: true, name: 'platform.api_keys.revoked' },
      ]}
      alwaysOn
    />
  );
}

const filtersOf: Record<KeyScope, ReactElement[]> = {
  unit: [
    <ReferenceInput key="t" source="tenantId" reference="tenants" alwaysOn>
      <AutocompleteInput
        label="platform.api_keys.unit"
        optionText={tenantLabel}
        filterToQuery={(q: string) => ({ q })}
        sx={{ minWidth: 320 }}
      />
    </ReferenceInput>,
    stateFilter('s'),
  ],
  platform: [stateFilter('s')],
};

/** Unit keys | platform keys, as links so each list keeps its own URL (filters, page). */
function ScopeTabs({ scope }: { scope: KeyScope }) {
  const t = useTranslate();
  const path = useAdminPath();
  return (
    <Tabs value={scope} sx={{ mt: 1 }}>
      {(['unit', 'platform'] as const).map((s) => (
        <Tab
          key={s}
          value={s}
          label={t(`platform.api_keys.${s}_keys`)}
          component={Link}
          to={path(`/${keyScopes[s].resource}`)}
        />
      ))}
    </Tabs>
  );
}

/** In use / revoked (with when); keyed by state so the chip is new, not a colour mid-transition. */
function KeyState(props: { label: string }) {
  const t = useTranslate();
  return (
    <FunctionField<ApiKeyRecord>
      label={props.label}
      render={(r) =>
        r.revokedAt ? (
          <Chip
            key="revoked"
            size="small"
            color="error"
            variant="outlined"
            label={`${t('platform.api_keys.revoked')} ${formatDateTime(r.revokedAt)}`}
          />
        ) : (
          <Chip key="active" size="small" color="success" label={t('platform.api_keys.active')} />
        )
      }
    />
  );
}

/** The keys of one scope: newest first, never their secrets (the API has only a hash). */
export function ApiKeyList({ scope }: { scope: KeyScope }) {
  const t = useTranslate();
  const roleName = Object.fromEntries(roleChoices(scope).map((c) => [c.id, c.name]));
  const create = <CreateKeyButton scope={scope} />;
  return (
    <>
      <ScopeTabs scope={scope} />
      <List
        resource={keyScopes[scope].resource}
        title="platform.api_keys.title"
        sort={{ field: 'createdAt', order: 'DESC' }}
        filters={filtersOf[scope]}
        actions={<TopToolbar>{create}</TopToolbar>}
        empty={
          <EmptyState title="platform.api_keys.empty" hint="platform.api_keys.empty_hint" action={create} />
        }
      >
        <Datagrid rowClick={false} bulkActionButtons={false} data-testid="api-key-list">
          <TextField source="name" label="platform.api_keys.name" />
          <FunctionField<ApiKeyRecord>
            label="platform.api_keys.key_id"
            sortable={false}
            render={(r) => (
              <code>
                {keyScopes[scope].prefix}
                {r.keyId}…
              </code>
            )}
          />
          {scope === 'unit' && (
            <ReferenceField
              source="tenantId"
              reference="tenants"
              label="platform.api_keys.unit"
              sortable={false}
            />
          )}
          <FunctionField<ApiKeyRecord>
            source="role"
            label="platform.api_keys.role"
            render={(r) => t(roleName[r.role] ?? r.role, { _: r.role })}
          />
          <DateTimeText source="createdAt" label="platform.api_keys.created_at" />
          <FunctionField<ApiKeyRecord>
            label="platform.api_keys.last_used_at"
            sortable={false}
            render={(r) => (r.lastUsedAt ? formatDateTime(r.lastUsedAt) : t('platform.api_keys.never_used'))}
          />
          <KeyState label="platform.api_keys.state" />
          <RevokeKeyButton scope={scope} />
        </Datagrid>
      </List>
    </>
  );
}

export const UnitApiKeyList = () => <ApiKeyList scope="unit" />;
export const PlatformApiKeyList = () => <ApiKeyList scope="platform" />;
