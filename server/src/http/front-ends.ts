import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { type Express } from 'express';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The citizens' portal at / and the admin console at /admin, from their production builds (dist/,
 * made by `npm start` / the test setup / the Dockerfile through infra/src/front-end-build.ts).
 * Compressed; hashed assets are cached for a year, the HTML page never, so a deploy shows at once.
 */
export function mountFrontEnds(app: Express): void {
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
    app.use(
      mount,
      compress,
      express.static(dir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
    // Client-side routes fall back to the app's page.
    app.get(`${prefix}/{*rest}`, compress, (req, res, next) => {
      if (req.path.startsWith('/api/') || req.path.startsWith('/auth/')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dir, 'index.html'));
    });
  };
  serve('/admin', 'admin-console');
  serve('/', 'tenant-portal');
}
