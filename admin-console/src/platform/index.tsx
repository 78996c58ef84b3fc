import AccountTree from '@mui/icons-material/AccountTree';
import Assignment from '@mui/icons-material/Assignment';
import Key from '@mui/icons-material/Key';
import Event from '@mui/icons-material/Event';
import LibraryBooks from '@mui/icons-material/LibraryBooks';
import PlaylistAdd from '@mui/icons-material/PlaylistAdd';
import Sell from '@mui/icons-material/Sell';
import WorkHistory from '@mui/icons-material/WorkHistory';
import { Resource } from 'react-admin';
import { Route } from 'react-router';
import { lazyPage } from '../core/lazyPage';
import { SectionMenuItem } from '../core/links';
import type { Section } from '../core/section';
import { PlatformApiKeyList, UnitApiKeyList } from './api-keys/ApiKeyList';
import { ContractCreate, ContractEdit, ContractList, ContractShow } from './contracts';
import { DictionaryCreate, DictionaryEdit, DictionaryList } from './dictionary';
import { HolidayCreate, HolidayEdit, HolidayList } from './holidays';
import { JobList } from './jobs';
import { platformMessages } from './messages';
import { PlanCreate, PlanEdit, PlanList, PlanShow } from './plans';
import { TenantShow, TenantTree } from './tenants';

const Dashboard = lazyPage(() => import('./Dashboard'));
const Onboarding = lazyPage(() => import('./Onboarding'));

/** The operator (platform_admin): units, plans, contracts, dictionary, holidays, jobs, API keys. */
export const platformSection: Section = {
  key: 'platform',
  messages: platformMessages,
  visible: (p) => p.platformRoles.includes('platform_admin'),
  resources: () => [
    <Resource
      key="tenants"
      name="tenants"
      list={TenantTree}
      show={TenantShow}
      options={{ label: 'platform.menu.tenants' }}
      recordRepresentation="name"
    />,
    <Resource
      key="plans"
      name="plans"
      list={PlanList}
      create={PlanCreate}
      edit={PlanEdit}
      show={PlanShow}
      options={{ label: 'platform.menu.plans' }}
      recordRepresentation="name"
    />,
    <Resource
      key="contracts"
      name="contracts"
      list={ContractList}
      create={ContractCreate}
      edit={ContractEdit}
      show={ContractShow}
      options={{ label: 'platform.menu.contracts' }}
    />,
    <Resource
      key="dictionary"
      name="dictionary"
      list={DictionaryList}
      create={DictionaryCreate}
      edit={DictionaryEdit}
      options={{ label: 'platform.menu.dictionary' }}
      recordRepresentation="label"
    />,
    <Resource
      key="holidays"
      name="holidays"
      list={HolidayList}
      create={HolidayCreate}
      edit={HolidayEdit}
      options={{ label: 'platform.menu.holidays' }}
      recordRepresentation="name"
    />,
    <Resource key="jobs" name="jobs" list={JobList} options={{ label: 'platform.menu.jobs' }} />,
    <Resource
      key="api-keys"
      name="api-keys"
      list={UnitApiKeyList}
      options={{ label: 'platform.menu.api_keys' }}
    />,
    <Resource
      key="platform-api-keys"
      name="platform-api-keys"
      list={PlatformApiKeyList}
      options={{ label: 'platform.menu.api_keys' }}
    />,
  ],
  routes: () => [<Route key="onboarding" path="/onboarding" element={<Onboarding />} />],
  menu: () => [
    <SectionMenuItem
      key="tenants"
      to="/tenants"
      primaryText="platform.menu.tenants"
      leftIcon={<AccountTree />}
    />,
    <SectionMenuItem
      key="onboarding"
      to="/onboarding"
      primaryText="platform.menu.onboarding"
      leftIcon={<PlaylistAdd />}
    />,
    <SectionMenuItem key="plans" to="/plans" primaryText="platform.menu.plans" leftIcon={<Sell />} />,
    <SectionMenuItem
      key="contracts"
      to="/contracts"
      primaryText="platform.menu.contracts"
      leftIcon={<Assignment />}
    />,
    <SectionMenuItem
      key="dictionary"
      to="/dictionary"
      primaryText="platform.menu.dictionary"
      leftIcon={<LibraryBooks />}
    />,
    <SectionMenuItem
      key="holidays"
      to="/holidays"
      primaryText="platform.menu.holidays"
      leftIcon={<Event />}
    />,
    <SectionMenuItem key="jobs" to="/jobs" primaryText="platform.menu.jobs" leftIcon={<WorkHistory />} />,
    <SectionMenuItem key="api-keys" to="/api-keys" primaryText="platform.menu.api_keys" leftIcon={<Key />} />,
  ],
  dashboard: () => <Dashboard />,
};
