import type { Section } from '../core/section';

// PLACEHOLDER: the platform section's screens are being built.
export const platformSection: Section = {
  key: 'platform',
  messages: { vi: {}, en: {} },
  visible: () => false,
  resources: () => [],
  menu: () => [],
};
