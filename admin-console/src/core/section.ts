import type { ReactNode } from 'react';
import type { Permissions } from './authProvider';

/** Messages of one section, merged under its own key into the catalogue (e.g. "desk.receive"). */
export interface SectionMessages {
  vi: Record<string, unknown>;
  en: Record<string, unknown>;
}

/**
 * One part of the console (operator, finance, unit admin, dossier work). App composes the
 * sections; each decides from the signed-in role whether it shows, and brings its resources,
 * custom pages, menu entries and message catalogue. The API stays the guard.
 */
export interface Section {
  key: string;
  messages: SectionMessages;
  visible(p: Permissions): boolean;
  /** <Resource> elements. */
  resources(p: Permissions): ReactNode[];
  /** <Route> elements for pages that are not resources (rendered inside the layout). */
  routes?(p: Permissions): ReactNode[];
  /** Menu entries (<Menu.Item>/<Menu.ResourceItem>) in the order shown. */
  menu(p: Permissions): ReactNode[];
  /** The first screen for this role, when this is the signed-in person's main section. */
  dashboard?: (p: Permissions) => ReactNode;
}
