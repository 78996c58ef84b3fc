import type { Section } from '../core/section';

// PLACEHOLDER: the finance section's screens are being built.
export const financeSection: Section = {
  key: 'finance',
  messages: { vi: {}, en: {} },
  visible: () => false,
  resources: () => [],
  menu: () => [],
};
