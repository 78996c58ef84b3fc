import { Admin, CustomRoutes, usePermissions } from 'react-admin';
import { makeLayout } from './core/AppLayout';
import { authProvider, type Permissions } from './core/authProvider';
import { dataProvider } from './core/dataProvider';
import { EmptyState } from './core/EmptyState';
import { makeI18nProvider } from './core/i18n';
import { LoginPage } from './core/LoginPage';
import type { Section } from './core/section';
import { dossierWorkSection } from './dossier-work';
import { financeSection } from './finance';
import { platformSection } from './platform';
import { unitAdminSection } from './unit-admin';

/** Order matters: the first visible section with a dashboard gives the person's first screen. */
const sections: readonly Section[] = [platformSection, financeSection, unitAdminSection, dossierWorkSection];
const i18nProvider = makeI18nProvider(sections);

function visibleSections(p: Permissions | null | undefined): Section[] {
  return p ? sections.filter((s) => s.visible(p)) : [];
}

const RoleLayout = makeLayout(visibleSections);

/** The first screen: the dashboard of the person's main section, or a word on what to do. */
function FirstScreen() {
  const { permissions, isPending } = usePermissions<Permissions>();
  if (isPending) return null;
  const main = visibleSections(permissions).find((s) => s.dashboard);
  return main?.dashboard ? (
    <>{main.dashboard(permissions!)}</>
  ) : (
    <EmptyState title="shell.no_role" hint="shell.no_role_hint" />
  );
}

export function App() {
  return (
    <Admin
      basename="/admin"
      title="MotCua"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={RoleLayout}
      dashboard={FirstScreen}
      requireAuth
      // react-admin would fetch an image from marmelab.com on each load; the CSP blocks it anyway.
      disableTelemetry
    >
      {(permissions: Permissions) => {
        const visible = visibleSections(permissions);
        return [
          ...visible.flatMap((s) => s.resources(permissions)),
          <CustomRoutes key="routes">{visible.flatMap((s) => s.routes?.(permissions) ?? [])}</CustomRoutes>,
        ];
      }}
    </Admin>
  );
}
