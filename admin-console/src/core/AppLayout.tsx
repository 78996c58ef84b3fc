import {
  AppBar,
  Layout,
  LoadingIndicator,
  LocalesMenuButton,
  Menu,
  TitlePortal,
  usePermissions,
  type LayoutProps,
} from 'react-admin';
import type { Permissions } from './authProvider';
import type { Section } from './section';
import { UnitPicker } from './UnitPicker';

/** The frame: app bar with the unit picker and the language switch, the menu the role allows. */
export function makeLayout(visibleSections: (p: Permissions | null | undefined) => Section[]) {
  function RoleMenu() {
    const { permissions } = usePermissions<Permissions>();
    return (
      <Menu>
        <Menu.DashboardItem />
        {visibleSections(permissions).flatMap((s) => s.menu(permissions!))}
      </Menu>
    );
  }
  function ShellAppBar() {
    return (
      <AppBar
        toolbar={
          <>
            <UnitPicker />
            <LocalesMenuButton />
            <LoadingIndicator />
          </>
        }
      >
        <TitlePortal />
      </AppBar>
    );
  }
  return function RoleLayout(props: LayoutProps) {
    return <Layout {...props} menu={RoleMenu} appBar={ShellAppBar} />;
  };
}
