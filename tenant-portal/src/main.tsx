import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './app.css';
import { Portal, Providers } from './App';
import { initialLang } from './i18n';
import { prefetchProcedure, procedureAtHand } from './pages/Procedure';
import type { PageData } from './prerender';

const app = (
  <Providers>
    <BrowserRouter>
      <Portal />
    </BrowserRouter>
  </Providers>
);

/** What the server read for this page and sent inside it (prerender.tsx), if anything. */
function pageData(): PageData {
  const text = document.getElementById('page-data')?.textContent;
  return text ? (JSON.parse(text) as PageData) : {};
}

/**
 * The server sends the home already rendered in Vietnamese, a procedure page with its content and
 * data, and other paths a frame with a loading line (prerender.tsx). Markup made for this path is
 * hydrated as it is when made in the reader's language (the server reads the language cookie for
 * procedure pages and the home); elsewhere React draws afresh over it.
 */
function start(): void {
  const container = document.getElementById('root')!;
  const prerendered = container.dataset.prerendered;
  const madeIn = container.dataset.lang ?? 'vi';
  document.documentElement.lang = initialLang();
  if (prerendered === window.location.pathname && initialLang() === madeIn) hydrateRoot(container, app);
  else createRoot(container).render(app);
}

const { procedure } = pageData();
if (procedure) procedureAtHand(procedure);
// Without the server's render (it could not read the procedure), the page is drawn once its data
// is there — the server asked the browser to preload it with the page. Failures render too.
void prefetchProcedure(window.location.pathname).then(start);
