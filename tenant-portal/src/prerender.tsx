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
import type { Lang } from './form-renderer/types';
import { Layout, Status } from './Layout';
import type { PublicProcedureDetail } from './model';
import { procedureAtHand } from './pages/Procedure';

/** What the server read for the page; sent inside it (#page-data) so hydration starts from the same. */
export interface PageData {
  procedure?: PublicProcedureDetail;
}

/** lang: the reader's language (the server reads its cookie); Vietnamese when not given. */
export type Page = { lang?: Lang } & (
  { kind: 'home' } | { kind: 'frame' } | { kind: 'procedure'; url: string; procedure: PublicProcedureDetail }
);

const EMPTY_ROOT = '<div id="root"></div>';

function markup(location: string, tree: ReactNode, lang: Lang): string {
  return renderToString(
    <Providers lang={lang}>
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
  const lang = page.lang ?? 'vi';
  if (page.kind === 'home') {
    html = markup('/', <Portal />, lang);
    path = '/';
  } else if (page.kind === 'frame') {
    html = markup(
      '/',
      <Layout>
        <Status loading />
      </Layout>,
      lang,
    );
  } else {
    const release = procedureAtHand(page.procedure);
    try {
      html = markup(page.url, <Portal />, lang);
    } finally {
      release();
    }
    path = new URL(page.url, 'http://portal').pathname;
    data = { procedure: page.procedure };
  }
  // main.tsx hydrates only markup made for its path in the reader's language.
  const attr =
    (path ? ` data-prerendered="${path.replace(/[^A-Za-z0-9/._-]/g, '')}"` : '') +
    (lang === 'vi' ? '' : ` data-lang="${lang}"`);
  // JSON in a data block is not run (the CSP allows no inline script); '<' escaped so it cannot close it.
  const json = data
    ? `<script type="application/json" id="page-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`
    : '';
  return template
    .replace('<html lang="vi">', `<html lang="${lang}">`)
    .replace(EMPTY_ROOT, () => `<div id="root"${attr}>${html}</div>${json}`);
}
