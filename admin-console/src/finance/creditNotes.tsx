import { Datagrid, List, ReferenceField, TextField } from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { DateText, MoneyText } from '../core/fields';

/** Credit notes; each is made from its invoice's page (Lập hóa đơn điều chỉnh giảm). */
export function CreditNoteList() {
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={<EmptyState title="finance.credit_notes.empty" />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="number" label="finance.credit_notes.number" />
        <ReferenceField
          source="invoiceId"
          reference="invoices"
          label="finance.credit_notes.invoice"
          link="show"
        >
          <TextField source="number" />
        </ReferenceField>
        <MoneyText source="amount" label="finance.invoices.amount" />
        <TextField source="reason" label="finance.common.reason" />
        <DateText source="createdAt" label="finance.invoices.issued_at" />
      </Datagrid>
    </List>
  );
}
