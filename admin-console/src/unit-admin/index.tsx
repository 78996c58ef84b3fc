import type { Section } from '../core/section';

// PLACEHOLDER: the unit-admin section's screens are being built.
export const unitAdminSection: Section = {
  key: 'unitAdmin',
  messages: { vi: {}, en: {} },
  visible: () => false,
  resources: () => [],
  menu: () => [],
};
