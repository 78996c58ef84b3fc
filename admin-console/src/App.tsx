import { Admin, CustomRoutes, Layout, Menu, type LayoutProps } from 'react-admin';
import { authProvider, type Permissions } from './core/authProvider';
import { dataProvider } from './core/dataProvider';
import { makeI18nProvider } from './core/i18n';
import { LoginPage } from './core/LoginPage';
import type { Section } from './core/section';
import { dossierWorkSection } from './dossier-work';
import { financeSection } from './finance';
import { platformSection } from './platform';
import { unitAdminSection } from './unit-admin';
import { usePermissions } from 'react-admin';

/** Order matters: the first visible section with a dashboard gives the person's first screen. */
const sections: readonly Section[] = [platformSection, financeSection, unitAdminSection, dossierWorkSection];
const i18nProvider = makeI18nProvider(sections);

function visibleSections(p: Permissions | null | undefined): Section[] {
  return p ? sections.filter((s) => s.visible(p)) : [];
}

function RoleMenu() {
  const { permissions } = usePermissions<Permissions>();
  return <Menu>{visibleSections(permissions).flatMap((s) => s.menu(permissions!))}</Menu>;
}

function RoleLayout(props: LayoutProps) {
  return <Layout {...props} menu={RoleMenu} />;
}

function Dashboard() {
  const { permissions } = usePermissions<Permissions>();
  const main = visibleSections(permissions).find((s) => s.dashboard);
  return main?.dashboard ? <>{main.dashboard(permissions!)}</> : null;
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
      dashboard={Dashboard}
      requireAuth
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
