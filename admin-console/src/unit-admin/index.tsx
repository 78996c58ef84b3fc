/**
 * The unit admin's part of the console (tenant_admin of the chosen unit): procedures and their
 * forms and workflows, the unit's staff and roles, its usage against the quota, its invoices.
 * The form builder is its own chunk, loaded only on its page.
 */
import Assignment from '@mui/icons-material/Assignment';
import DynamicForm from '@mui/icons-material/DynamicForm';
import Groups from '@mui/icons-material/Groups';
import ReceiptLong from '@mui/icons-material/ReceiptLong';
import Speed from '@mui/icons-material/Speed';
import { lazy, Suspense } from 'react';
import { Loading, Resource } from 'react-admin';
import { Route } from 'react-router';
import type { Section } from '../core/section';
import { UnitInvoices } from './billing/UnitInvoices';
import { UnitUsage } from './billing/UnitUsage';
import { UnitDashboard } from './UnitDashboard';
import { FormCreate, FormList } from './forms/FormList';
import { unitAdminMessages } from './messages';
import { MenuLink } from './paths';
import { ProcedureCreate, ProcedureEdit } from './procedures/ProcedureEdit';
import { ProcedureList } from './procedures/ProcedureList';
import { UnitStaff } from './staff/UnitStaff';
import { WorkflowEditor } from './workflow/WorkflowEditor';

const FormBuilderPage = lazy(() => import('./forms/FormBuilderPage'));

function FormBuilder() {
  return (
    <Suspense fallback={<Loading />}>
      <FormBuilderPage />
    </Suspense>
  );
}

export const unitAdminSection: Section = {
  key: 'unitAdmin',
  messages: unitAdminMessages,
  visible: (p) => p.roles.includes('tenant_admin'),
  resources: () => [
    <Resource
      key="procedures"
      name="procedures"
      options={{ label: 'unitAdmin.menu.procedures' }}
      list={ProcedureList}
      edit={ProcedureEdit}
      create={ProcedureCreate}
      icon={Assignment}
    />,
    <Resource
      key="forms"
      name="forms"
      options={{ label: 'unitAdmin.menu.forms' }}
      list={FormList}
      create={FormCreate}
      icon={DynamicForm}
    />,
  ],
  routes: () => [
    <Route key="builder" path="/unit-admin/forms/:id/builder" element={<FormBuilder />} />,
    <Route key="workflow" path="/unit-admin/procedures/:id/workflow" element={<WorkflowEditor />} />,
    <Route key="staff" path="/unit-admin/staff" element={<UnitStaff />} />,
    <Route key="usage" path="/unit-admin/usage" element={<UnitUsage />} />,
    <Route key="invoices" path="/unit-admin/invoices" element={<UnitInvoices />} />,
  ],
  menu: () => [
    <MenuLink
      key="procedures"
      to="/procedures"
      primaryText="unitAdmin.menu.procedures"
      leftIcon={<Assignment />}
    />,
    <MenuLink key="forms" to="/forms" primaryText="unitAdmin.menu.forms" leftIcon={<DynamicForm />} />,
    <MenuLink key="staff" to="/unit-admin/staff" primaryText="unitAdmin.menu.staff" leftIcon={<Groups />} />,
    <MenuLink key="usage" to="/unit-admin/usage" primaryText="unitAdmin.menu.usage" leftIcon={<Speed />} />,
    <MenuLink
      key="invoices"
      to="/unit-admin/invoices"
      primaryText="unitAdmin.menu.invoices"
      leftIcon={<ReceiptLong />}
    />,
  ],
  dashboard: () => <UnitDashboard />,
};
