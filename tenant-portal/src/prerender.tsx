/**
 * Build-time rendering (infra/src/front-end-build.ts runs it after the browser build): the home page
 * as a Vietnamese reader first sees it, and the frame every other path shows while its code and data
 * arrive. The server sends these instead of an empty page, so the first paint has the header and, on
 * the home, the search; main.tsx hydrates the home and draws other pages over the frame.
 */
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { Portal, Providers } from './App';
import { Layout, Status } from './Layout';

export interface Prerendered {
  /** The path this markup is for: main.tsx hydrates only there. */
  path: string;
  html: string;
}

export function prerenderHome(): Prerendered {
  const html = renderToString(
    <Providers>
      <StaticRouter location="/">
        <Portal />
      </StaticRouter>
    </Providers>,
  );
  return { path: '/', html };
}

export function prerenderFrame(): Prerendered {
  const html = renderToString(
    <Providers>
      <StaticRouter location="/">
        <Layout>
          <Status loading />
        </Layout>
      </StaticRouter>
    </Providers>,
  );
  return { path: '', html };
}
