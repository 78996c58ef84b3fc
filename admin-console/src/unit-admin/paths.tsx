import type { ReactElement } from 'react';
import { Menu, useBasename } from 'react-admin';

/**
 * Absolute paths inside the console. react-admin prefixes its own links with the Admin's
 * basename (/admin); links and navigation written here must do the same.
 */
export function useAdminPath(): (path: string) => string {
  const base = useBasename();
  return (path) => `${base}${path}`;
}

/** A menu entry to one of this section's pages. */
export function MenuLink(props: { to: string; primaryText: string; leftIcon: ReactElement }) {
  const path = useAdminPath();
  return <Menu.Item to={path(props.to)} primaryText={props.primaryText} leftIcon={props.leftIcon} />;
}

export const builderPath = (id: string | number) => `/unit-admin/forms/${id}/builder`;
