/**
 * The portal rendered outside the browser, into the page the browser build made (index.html):
 * at build time (infra/src/front-end-build.ts) the home as a Vietnamese reader first sees it and the
 * frame other paths show while their code and data arrive; at request time (the server's
 * front-ends.ts) a procedure page with its content. The first paint then needs no JavaScript;
 * main.tsx hydrates the markup made for its path and draws other pages over the frame.
 */
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { Portal, Providers } from './App';
import { Layout, Status } from './Layout';
import type { PublicProcedureDetail } from './model';
import { procedureAtHand } from './pages/Procedure';

/** What the server read for the page; sent inside it (#page-data) so hydration starts from the same. */
export interface PageData {
  procedure?: PublicProcedureDetail;
}

export type Page =
  { kind: 'home' } | { kind: 'frame' } | { kind: 'procedure'; url: string; procedure: PublicProcedureDetail };

const EMPTY_ROOT = '<div id="root"></div>';

function markup(location: string, tree: ReactNode): string {
  return renderToString(
    <Providers>
      <StaticRouter location={location}>{tree}</StaticRouter>
    </Providers>,
  );
}

/** The whole document for a page, from the browser build's index.html (which has an empty root). */
export function renderDocument(template: string, page: Page): string {
  if (!template.includes(EMPTY_ROOT)) throw new Error('the page template has no empty <div id="root"></div>');
  let html: string;
  let path = '';
  let data: PageData | null = null;
  if (page.kind === 'home') {
    html = markup('/', <Portal />);
    path = '/';
  } else if (page.kind === 'frame') {
    html = markup(
      '/',
      <Layout>
        <Status loading />
      </Layout>,
    );
  } else {
    const release = procedureAtHand(page.procedure);
    try {
      html = markup(page.url, <Portal />);
    } finally {
      release();
    }
    path = new URL(page.url, 'http://portal').pathname;
    data = { procedure: page.procedure };
  }
  const attr = path ? ` data-prerendered="${path.replace(/[^A-Za-z0-9/._-]/g, '')}"` : '';
  // JSON in a data block is not run (the CSP allows no inline script); '<' escaped so it cannot close it.
  const json = data
    ? `<script type="application/json" id="page-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`
    : '';
  return template.replace(EMPTY_ROOT, () => `<div id="root"${attr}>${html}</div>${json}`);
}
