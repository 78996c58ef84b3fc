import polyglotI18nProvider from 'ra-i18n-polyglot';
import raEn from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { raVi } from './ra-vi';
import { shellMessages } from './shell-messages';
import type { Section } from './section';

/** Vietnamese by default, English switchable; each section brings its own keys. */
export function makeI18nProvider(sections: readonly Section[]) {
  const build = (lang: 'vi' | 'en'): TranslationMessages => {
    const out: Record<string, unknown> = { ...(lang === 'vi' ? raVi : raEn), ...shellMessages[lang] };
    for (const s of sections) out[s.key] = s.messages[lang];
    return out as unknown as TranslationMessages;
  };
  const catalogues = { vi: build('vi'), en: build('en') };
  return polyglotI18nProvider((locale) => catalogues[locale === 'en' ? 'en' : 'vi'], 'vi', [
    { locale: 'vi', name: 'Tiếng Việt' },
    { locale: 'en', name: 'English' },
  ]);
}
