import { AutocompleteInput, ReferenceInput, SelectInput } from 'react-admin';
import { invoiceKindChoices } from './kinds';

const tenantLabel = (r: { code: string; name: string }) => `${r.name} (${r.code})`;

/** The invoice lists' filters: the unit (searched by name or code) and the kind. */
export const tenantFilter = (
  <ReferenceInput key="t" source="tenantId" reference="tenants" alwaysOn>
    <AutocompleteInput
      label="finance.common.tenant"
      optionText={tenantLabel}
      filterToQuery={(q: string) => ({ q })}
      sx={{ minWidth: 360 }}
    />
  </ReferenceInput>
);

export const kindFilter = (
  <SelectInput key="k" source="kind" label="finance.invoices.kind" choices={invoiceKindChoices} alwaysOn />
);
