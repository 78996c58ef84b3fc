import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The citizens' portal at / and the admin console at /admin. Each serves its production build
 * (dist/) when there is one, else the shell page its folder keeps in public/.
 */
export function mountFrontEnds(app: Express): void {
  const serve = (mount: string, folder: string) => {
    const dist = path.join(root, folder, 'dist');
    const dir = existsSync(path.join(dist, 'index.html')) ? dist : path.join(root, folder, 'public');
    if (!existsSync(path.join(dir, 'index.html'))) return;
    app.use(mount, express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app's page.
    app.get(`${mount === '/' ? '' : mount}/{*rest}`, (req, res, next) => {
      if (req.path.startsWith('/api/') || req.path.startsWith('/auth/')) return next();
      res.sendFile(path.join(dir, 'index.html'));
    });
  };
  serve('/admin', 'admin-console');
  serve('/', 'tenant-portal');
}
