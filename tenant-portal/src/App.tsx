import { StrictMode, Suspense, lazy, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import type { Lang } from './form-renderer/types';
import { I18nProvider, useI18n } from './i18n';
import { Layout, Status } from './Layout';
import Home from './pages/Home';
import Procedure from './pages/Procedure';
import Search from './pages/Search';
import { SessionProvider } from './session';

// The home, search and procedure pages are in the first bundle; everything else, above all the
// form (renderer, validation, uploads), loads when it is opened.
const Fill = lazy(() => import('./pages/Fill'));
const Units = lazy(() => import('./pages/Units'));
const Unit = lazy(() => import('./pages/Unit'));
const Track = lazy(() => import('./pages/Track'));
const Verify = lazy(() => import('./pages/Verify'));
const MyDossiers = lazy(() => import('./pages/MyDossiers'));
const MyDossier = lazy(() => import('./pages/MyDossier'));
const DataStore = lazy(() => import('./pages/DataStore'));
const PaymentReturn = lazy(() => import('./pages/PaymentReturn'));

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('notFound')}</h1>
      <Link to="/">{t('backHome')}</Link>
    </>
  );
}

/** The pages inside the frame; the router around it is the browser's (main.tsx) or a static one (prerender.tsx). */
export function Portal() {
  return (
    <Layout>
      <Suspense fallback={<Status loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/thu-tuc" element={<Search />} />
          <Route path="/thu-tuc/:id" element={<Procedure />} />
          <Route path="/thu-tuc/:id/nop-ho-so" element={<Fill />} />
          <Route path="/don-vi" element={<Units />} />
          <Route path="/don-vi/:id" element={<Unit />} />
          <Route path="/tra-cuu" element={<Track />} />
          <Route path="/tra-cuu/:code" element={<Track />} />
          <Route path="/xac-minh" element={<Verify />} />
          <Route path="/ho-so-cua-toi" element={<MyDossiers />} />
          <Route path="/ho-so-cua-toi/:id" element={<MyDossier />} />
          <Route path="/kho-du-lieu" element={<DataStore />} />
          <Route path="/thanh-toan/ket-qua" element={<PaymentReturn />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

/** What every page stands in: the language and the signed-in citizen. */
export function Providers({ children, lang }: { children: ReactNode; lang?: Lang }) {
  return (
    <StrictMode>
      <I18nProvider lang={lang}>
        <SessionProvider>{children}</SessionProvider>
      </I18nProvider>
    </StrictMode>
  );
}
