import AssessmentIcon from '@mui/icons-material/Assessment';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import AssignmentReturnIcon from '@mui/icons-material/AssignmentReturn';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import DrawIcon from '@mui/icons-material/Draw';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import InboxIcon from '@mui/icons-material/MoveToInbox';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import PendingActionsIcon from '@mui/icons-material/PendingActions';
import SearchIcon from '@mui/icons-material/Search';
import StorefrontIcon from '@mui/icons-material/Storefront';
import type { ReactElement } from 'react';
import { Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import type { Permissions } from '../core/authProvider';
import { SectionMenuItem } from '../core/links';
import { lazyPage } from '../core/lazyPage';
import type { Section } from '../core/section';
import { DeskEntry } from './DeskEntry';
import { DeskReceptionList } from './DeskReceptions';
import { DossierPage } from './DossierPage';
import { dossierWorkMessages } from './messages';
import { AllDossiers, QueuePage } from './QueueList';
import { queuesFor, workRolesOf } from './queues';
import { TransferList, TransferPage } from './Transfers';
import { WorkDashboard } from './WorkDashboard';

/** The charts load only when a leader opens monitoring (their own chunk). */
const MonitoringPage = lazyPage(() => import('./monitoring/MonitoringPage'));

const QUEUE_ICON: Record<string, ReactElement> = {
  reception: <InboxIcon />,
  mine: <AssignmentIndIcon />,
  to_assign: <PendingActionsIcon />,
  processing: <FolderSharedIcon />,
  to_issue: <DrawIcon />,
  to_return: <AssignmentReturnIcon />,
  all: <SearchIcon />,
};

const has = (p: Permissions, role: string) => p.roles.includes(role);

/** The one-stop work of desk officers, processing officers and leaders (issue 7, part 3). */
export const dossierWorkSection: Section = {
  key: 'dossierWork',
  messages: dossierWorkMessages,
  visible: (p) => workRolesOf(p.roles).length > 0,
  resources: (p) => [
    <Resource
      key="dossiers"
      name="dossiers"
      list={AllDossiers}
      show={DossierPage}
      create={has(p, 'desk_officer') ? DeskEntry : undefined}
    />,
    <Resource key="dossier-transfers" name="dossier-transfers" list={TransferList} show={TransferPage} />,
    <Resource key="desk-receptions" name="desk-receptions" list={DeskReceptionList} />,
  ],
  routes: (p) => [
    <Route key="queue" path="/work/:queue" element={<QueuePage />} />,
    ...(has(p, 'leader')
      ? [<Route key="monitoring" path="/work-monitoring" element={<MonitoringPage />} />]
      : []),
  ],
  menu: (p) => {
    const items = queuesFor(p.roles)
      .filter((q) => q.key !== 'all')
      .map((q) => (
        <SectionMenuItem
          key={`q-${q.key}`}
          to={`/work/${q.key}`}
          primaryText={`dossierWork.menu.${q.key}`}
          leftIcon={QUEUE_ICON[q.key]}
        />
      ));
    if (has(p, 'desk_officer'))
      items.push(
        <SectionMenuItem
          key="entry"
          to="/dossiers/create"
          primaryText="dossierWork.menu.desk_entry"
          leftIcon={<NoteAddIcon />}
        />,
        <SectionMenuItem
          key="receptions"
          to="/desk-receptions"
          primaryText="dossierWork.menu.desk_receptions"
          leftIcon={<StorefrontIcon />}
        />,
      );
    items.push(
      <SectionMenuItem
        key="transfers"
        to="/dossier-transfers"
        primaryText="dossierWork.menu.transfers"
        leftIcon={<CallSplitIcon />}
      />,
      <SectionMenuItem
        key="all"
        to="/dossiers"
        primaryText="dossierWork.menu.all"
        leftIcon={QUEUE_ICON.all}
      />,
    );
    if (has(p, 'leader'))
      items.push(
        <SectionMenuItem
          key="monitoring"
          to="/work-monitoring"
          primaryText="dossierWork.menu.monitoring"
          leftIcon={<AssessmentIcon />}
        />,
      );
    return items;
  },
  dashboard: (p) => <WorkDashboard roles={p.roles} />,
};
