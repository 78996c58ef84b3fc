import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Request } from 'express';
import type { Transactor } from '../db/transactor';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { getPublicProcedure } from '../modules/catalog/detail';
import type { PublicProcedureDetail } from '../modules/catalog/schema';

/** The portal's prerender module (tenant-portal/src/prerender.tsx, built for Node). */
interface PrerenderModule {
  renderDocument(
    template: string,
    page: { kind: 'procedure'; url: string; procedure: PublicProcedureDetail },
  ): string;
}

export type PortalPageRenderer = (req: Request) => Promise<string | null>;

/**
 * Portal pages the server sends with their content: a procedure page (/thu-tuc/:id) rendered by the
 * portal's own components from the same public read as GET /public/procedures/:id, its data inside
 * the page for hydration — so its largest paint is in the HTML, not after the bundle has run and
 * fetched. Null (the caller sends the frame, the browser reads the API) for other paths, for a
 * procedure that is not public, and when the build made no prerender module.
 */
export function portalPageRenderer(ssrDir: string, transactor: Transactor): PortalPageRenderer | null {
  const file = path.join(ssrDir, 'prerender.js');
  if (!existsSync(file)) return null;
  let loaded: Promise<PrerenderModule> | null = null;
  return async (req) => {
    const id = /^\/thu-tuc\/([^/]+)\/?$/.exec(req.path)?.[1];
    if (!id || !isUuid(id)) return null;
    loaded ??= import(pathToFileURL(file).href) as Promise<PrerenderModule>;
    let procedure: PublicProcedureDetail;
    try {
      procedure = await transactor.withPublic((tx) => getPublicProcedure(tx, id));
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
    // Read each time, like the static pages: a rebuild under a running server names new assets.
    const template = await readFile(path.join(ssrDir, 'template.html'), 'utf8');
    return (await loaded).renderDocument(template, { kind: 'procedure', url: req.originalUrl, procedure });
  };
}
