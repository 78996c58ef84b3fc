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

export type PortalLang = 'vi' | 'en';

/** The portal's prerender module (tenant-portal/src/prerender.tsx, built for Node). */
interface PrerenderModule {
  renderDocument(
    template: string,
    page: { lang: PortalLang } & (
      | { kind: 'home' }
      | { kind: 'frame' }
      | { kind: 'procedure'; url: string; procedure: PublicProcedureDetail }
    ),
  ): string;
}

/**
 * The reader's language, from the cookie the portal writes when they choose one
 * (tenant-portal/src/i18n.tsx, LANG_COOKIE); Vietnamese without it.
 */
export function portalLangOf(req: Request): PortalLang {
  return /(?:^|;\s*)portal_lang=en(?:;|$)/.test(req.headers.cookie ?? '') ? 'en' : 'vi';
}

export interface PortalPageRenderer {
  /** A procedure page in the reader's language; null when the path is not one or it is not public. */
  procedure(req: Request): Promise<string | null>;
  /**
   * The home or the frame in English (the build prerendered them in Vietnamese into dist/): rendered
   * once per template, i.e. per build, then sent from memory.
   */
  english(kind: 'home' | 'frame'): Promise<string>;
}

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
  const load = () => (loaded ??= import(pathToFileURL(file).href) as Promise<PrerenderModule>);
  // Read each time, like the static pages: a rebuild under a running server names new assets.
  const template = () => readFile(path.join(ssrDir, 'template.html'), 'utf8');
  const englishPages = new Map<string, string>();
  const procedurePage = async (req: Request): Promise<string | null> => {
    const id = /^\/thu-tuc\/([^/]+)\/?$/.exec(req.path)?.[1];
    if (!id || !isUuid(id)) return null;
    let procedure: PublicProcedureDetail;
    try {
      procedure = await transactor.withPublic((tx) => getPublicProcedure(tx, id));
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
    return (await load()).renderDocument(await template(), {
      kind: 'procedure',
      lang: portalLangOf(req),
      url: req.originalUrl,
      procedure,
    });
  };
  const english = async (kind: 'home' | 'frame'): Promise<string> => {
    const html = await template();
    const key = `${kind}\n${html}`;
    let page = englishPages.get(key);
    if (page === undefined) {
      page = (await load()).renderDocument(html, { kind, lang: 'en' });
      if (englishPages.size > 8) englishPages.clear();
      englishPages.set(key, page);
    }
    return page;
  };
  return { procedure: procedurePage, english };
}
