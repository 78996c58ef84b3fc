import Assessment from '@mui/icons-material/Assessment';
import PlayCircle from '@mui/icons-material/PlayCircle';
import ReceiptLong from '@mui/icons-material/ReceiptLong';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutlineOutlined';
import Warning from '@mui/icons-material/Warning';
import { Resource } from 'react-admin';
import { Route } from 'react-router';
import { lazyPage } from '../core/lazyPage';
import { SectionMenuItem } from '../core/links';
import type { Section } from '../core/section';
import { CreditNoteList } from './creditNotes';
import { InvoiceList, InvoiceShow } from './invoices';
import { OverdueList } from './overdue';
import { financeMessages } from './messages';
import { FinanceOverview } from './Overview';

// The chart page carries recharts: its own chunk, loaded when finance opens it.
const UsagePage = lazyPage(() => import('./UsagePage'));
const BillingRuns = lazyPage(() => import('./BillingRuns'));

/** Finance (platform role): usage vs quota, invoice review and approval, credit notes, runs, exports. */
export const financeSection: Section = {
  key: 'finance',
  messages: financeMessages,
  visible: (p) => p.platformRoles.includes('finance'),
  resources: () => [
    <Resource
      key="invoices"
      name="invoices"
      list={InvoiceList}
      show={InvoiceShow}
      options={{ label: 'finance.menu.invoices' }}
      recordRepresentation="number"
    />,
    <Resource
      key="credit-notes"
      name="credit-notes"
      list={CreditNoteList}
      options={{ label: 'finance.menu.credit_notes' }}
    />,
    <Resource key="tenants" name="tenants" recordRepresentation="name" />,
  ],
  routes: () => [
    <Route key="usage" path="/usage-quota" element={<UsagePage />} />,
    <Route key="overdue" path="/invoices-overdue" element={<OverdueList />} />,
    <Route key="runs" path="/billing-runs" element={<BillingRuns />} />,
  ],
  menu: () => [
    <SectionMenuItem
      key="usage"
      to="/usage-quota"
      primaryText="finance.menu.usage"
      leftIcon={<Assessment />}
    />,
    <SectionMenuItem
      key="invoices"
      to="/invoices"
      primaryText="finance.menu.invoices"
      leftIcon={<ReceiptLong />}
    />,
    <SectionMenuItem
      key="overdue"
      to="/invoices-overdue"
      primaryText="finance.menu.overdue"
      leftIcon={<Warning />}
    />,
    <SectionMenuItem
      key="credit"
      to="/credit-notes"
      primaryText="finance.menu.credit_notes"
      leftIcon={<RemoveCircleOutline />}
    />,
    <SectionMenuItem
      key="runs"
      to="/billing-runs"
      primaryText="finance.menu.runs"
      leftIcon={<PlayCircle />}
    />,
  ],
  dashboard: () => <FinanceOverview />,
};
