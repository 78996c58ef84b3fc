import type { Section } from '../core/section';

// PLACEHOLDER: the dossier-work section's screens are being built.
export const dossierWorkSection: Section = {
  key: 'dossierWork',
  messages: { vi: {}, en: {} },
  visible: () => false,
  resources: () => [],
  menu: () => [],
};
