import { Datagrid, FunctionField, List, TextField } from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { DateText, MoneyText, StatusChip } from '../core/fields';
import { formatMoney, localToday } from '../core/format';
import { kindFilter, tenantFilter } from './filters';
import type { Invoice } from './invoices';

const DAY_MS = 86_400_000;

/**
 * Issued invoices past their due date with something left after credit notes: the server's
 * filter {"overdue":true} (today in Asia/Ho_Chi_Minh), oldest due date first, paged by the API.
 */
export function OverdueList() {
  const today = localToday();
  return (
    <List
      resource="invoices"
      filter={{ overdue: true }}
      filters={[tenantFilter, kindFilter]}
      sort={{ field: 'dueDate', order: 'ASC' }}
      actions={false}
      title="finance.menu.overdue"
      storeKey="invoices.overdue"
      empty={<EmptyState title="finance.invoices.overdue_empty" />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="number" label="finance.invoices.number" />
        <TextField source="tenantName" label="finance.common.tenant" sortable={false} />
        <StatusChip source="kind" prefix="finance.kind" label="finance.invoices.kind" sortable={false} />
        <MoneyText source="total" label="finance.invoices.total" />
        <FunctionField
          label="finance.invoices.left_to_pay"
          textAlign="right"
          render={(r: Invoice) => formatMoney(r.total - (r.credited ?? 0))}
        />
        <DateText source="dueDate" label="finance.invoices.due" />
        <FunctionField
          label="finance.invoices.days_late"
          textAlign="right"
          render={(r: Invoice) => (
            <span data-testid="days-late">
              {Math.round((Date.parse(today) - Date.parse(r.dueDate!)) / DAY_MS)}
            </span>
          )}
        />
      </Datagrid>
    </List>
  );
}
