import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { signInUrl } from './api';
import { useI18n } from './i18n';
import { useSession } from './session';

async function signOut(csrf: string | undefined) {
  const res = await fetch('/auth/logout', {
    method: 'POST',
    headers: csrf ? { 'X-CSRF-Token': csrf } : {},
    credentials: 'same-origin',
  });
  const body = (await res.json().catch(() => ({}))) as { redirectTo?: string };
  window.location.assign(body.redirectTo ?? '/');
}

/** The page frame: skip link, header with navigation, language switch and sign-in, the main area. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            <span>
              <span className="brand-title">{t('portal')}</span>
              <span className="brand-sub">{t('province')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <button
              type="button"
              className="link-button lang-switch"
              lang={lang === 'vi' ? 'en' : 'vi'}
              aria-label={t('switchLangLabel')}
              onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            >
              {t('switchLang')}
            </button>
            {me ? (
              <>
                <span className="who">{me.name}</span>
                <button type="button" className="link-button" onClick={() => void signOut(me.csrfToken)}>
                  {t('signOut')}
                </button>
              </>
            ) : (
              <a className="button button-small" href={signInUrl(location.pathname + location.search)}>
                {t('signIn')}
              </a>
            )}
          </div>
        </div>
        <nav className="site-nav" aria-label={t('portal')}>
          <ul className="wrap">
            <li>
              <NavLink to="/thu-tuc">{t('navFind')}</NavLink>
            </li>
            <li>
              <NavLink to="/don-vi">{t('navUnits')}</NavLink>
            </li>
            <li>
              <NavLink to="/tra-cuu">{t('navTrack')}</NavLink>
            </li>
            <li>
              <NavLink to="/xac-minh">{t('navVerify')}</NavLink>
            </li>
            {me && (
              <>
                <li>
                  <NavLink to="/ho-so-cua-toi">{t('navMine')}</NavLink>
                </li>
                <li>
                  <NavLink to="/kho-du-lieu">{t('navStore')}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" className="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="wrap">
          {t('portal')} · {t('province')}
        </div>
      </footer>
    </>
  );
}

/** A loading line, or the error in the reader's language. */
export function Status({ error, loading }: { error?: unknown; loading?: boolean }) {
  const { t, lang } = useI18n();
  if (error)
    return (
      <p className="alert alert-error" role="alert">
        {error instanceof Error && 'words' in error
          ? (error as { words: (l: string) => string }).words(lang)
          : t('errorTitle')}
      </p>
    );
  if (loading)
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  return null;
}
