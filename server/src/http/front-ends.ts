import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { type Express, type RequestHandler, type Response } from 'express';
import type { Transactor } from '../db/transactor';
import { portalLangOf, portalPageRenderer } from './portal-pages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Data a client route's first render needs, which the browser may fetch alongside the page (a
 * `Link: rel=preload` header) instead of after the page's JavaScript has run — when the server did
 * not render the page with it. Same URL and request mode as the page's own fetch, so the browser
 * hands that fetch the preloaded answer.
 */
const preloads: Record<string, [RegExp, (m: RegExpExecArray) => string][]> = {
  '/': [[/^\/thu-tuc\/([0-9a-f-]{36})\/?$/, (m) => `/api/v1/public/procedures/${m[1]}`]],
};

/**
 * The citizens' portal at / and the admin console at /admin, from their production builds (dist/,
 * made by `npm start` / the test setup / the Dockerfile through infra/src/front-end-build.ts).
 * Compressed; hashed assets are cached for a year, the HTML page never, so a deploy shows at once.
 */
export function mountFrontEnds(
  app: Express,
  deps: { transactor: Transactor; publicLimiter: RequestHandler },
): void {
  const compress = compression();
  const serve = (mount: string, folder: string) => {
    const dir = path.join(root, folder, 'dist');
    if (!existsSync(path.join(dir, 'index.html'))) return;
    const prefix = mount === '/' ? '' : mount;
    app.use(
      `${prefix}/assets`,
      compress,
      express.static(path.join(dir, 'assets'), {
        immutable: true,
        maxAge: '365d',
        index: false,
        fallthrough: false,
      }),
    );
    // The portal's pages are rendered in the reader's language (its cookie): in Vietnamese at build
    // time, in English by the server; Vary: Cookie keeps a cache from handing one reader the other's.
    const render = mount === '/' ? portalPageRenderer(path.join(dir, '.ssr'), deps.transactor) : null;
    const html = (res: Response) => {
      res.setHeader('Cache-Control', 'no-cache');
      if (render) res.setHeader('Vary', 'Cookie');
    };
    if (render)
      app.get('/', compress, async (req, res, next) => {
        if (portalLangOf(req) !== 'en') return next();
        html(res);
        res.type('html').send(await render.english('home'));
      });
    app.use(
      mount,
      compress,
      express.static(dir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          if (file.endsWith('.html')) html(res);
        },
      }),
    );
    // Client-side routes fall back to the app's page, or to its prerendered frame when the build
    // made one (the home's markup would be the wrong page to show first).
    const frame = path.join(dir, existsSync(path.join(dir, 'frame.html')) ? 'frame.html' : 'index.html');
    // Pages rendered with their content read the database: limited like the public API.
    if (render)
      app.get('/thu-tuc/:id', deps.publicLimiter, compress, async (req, res, next) => {
        const page = await render.procedure(req);
        if (page === null) return next();
        html(res);
        res.type('html').send(page);
      });
    app.get(`${prefix}/{*rest}`, compress, async (req, res, next) => {
      if (req.path.startsWith('/api/') || req.path.startsWith('/auth/')) return next();
      html(res);
      const links = (preloads[mount] ?? []).flatMap(([re, url]) => {
        const m = re.exec(req.path.slice(prefix.length));
        return m ? [`<${url(m)}>; rel=preload; as=fetch; crossorigin`] : [];
      });
      if (links.length) res.setHeader('Link', links.join(', '));
      if (render && portalLangOf(req) === 'en') res.type('html').send(await render.english('frame'));
      else res.sendFile(frame);
    });
  };
  serve('/admin', 'admin-console');
  serve('/', 'tenant-portal');
}
