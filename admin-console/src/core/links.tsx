import type { ComponentProps } from 'react';
import { Menu, useBasename } from 'react-admin';

/**
 * The console runs under /admin inside a BrowserRouter (main.tsx): react-admin's own links add the
 * basename, plain react-router paths do not. Custom pages and links go through these two.
 */
export function useAdminPath(): (to: string) => string {
  const basename = useBasename();
  return (to) => `${basename}${to.startsWith('/') ? to : `/${to}`}`;
}

/** A menu entry to a path of the console, e.g. to="/onboarding". */
export function SectionMenuItem(props: ComponentProps<typeof Menu.Item> & { to: string }) {
  const path = useAdminPath();
  return <Menu.Item {...props} to={path(props.to)} />;
}
