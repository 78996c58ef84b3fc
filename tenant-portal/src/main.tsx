import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './app.css';
import { Portal, Providers } from './App';
import { initialLang } from './i18n';
import { prefetchProcedure } from './pages/Procedure';

const app = (
  <Providers>
    <BrowserRouter>
      <Portal />
    </BrowserRouter>
  </Providers>
);

/**
 * The server sends the home page already rendered in Vietnamese (prerender.tsx, at build time), and
 * every other path a frame with a loading line. The home is hydrated as it is; elsewhere, or for a
 * reader who chose English, React draws the page afresh over the frame.
 */
function start(): void {
  const container = document.getElementById('root')!;
  const prerendered = container.dataset.prerendered;
  if (prerendered === window.location.pathname && initialLang() === 'vi') hydrateRoot(container, app);
  else createRoot(container).render(app);
}

// A procedure page is drawn once its data is there (the server asked the browser to preload it
// with the page): one render with the content, not a loading line first. Failures render too.
void prefetchProcedure(window.location.pathname).then(start);
