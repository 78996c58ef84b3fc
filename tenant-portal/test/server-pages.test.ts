import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/src/boot';
import { changeProcedureStatus } from '../../server/src/modules/procedures/service';
import { createPortalWorld, startPortalServer, type PortalWorld } from './portal';

/**
 * What the server sends for the portal's pages before any JavaScript runs: the home prerendered at
 * build time, a procedure page rendered with its content and data, every other path the frame.
 */
let running: Running;
let world: PortalWorld;

beforeAll(async () => {
  running = await startPortalServer();
  world = await createPortalWorld(running);
}, 90_000);
afterAll(async () => {
  await running?.close();
});

const rootOf = (html: string) => /<div id="root"([^>]*)>/.exec(html)?.[1] ?? null;

describe('portal pages from the server', () => {
  it('the home is in the HTML, marked for hydration at /', async () => {
    const res = await request(running.url).get('/').expect(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.vary).toContain('Cookie');
    expect(rootOf(res.text)).toBe(' data-prerendered="/"');
    expect(res.text).toContain('<h1 id="hero-title">Tìm thủ tục hành chính</h1>');
  });

  it('a procedure page carries its content and its data, no preload needed', async () => {
    const path = `/thu-tuc/${world.procedureId}`;
    const res = await request(running.url).get(path).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers.link).toBeUndefined();
    expect(rootOf(res.text)).toBe(` data-prerendered="${path}"`);
    expect(res.text).toContain('<h1>Đăng ký khai sinh</h1>');
    // Money never wraps between the number and the đồng sign (a no-break space).
    expect(res.text).toContain('8.000\u00a0₫');
    const data = /<script type="application\/json" id="page-data">(.*?)<\/script>/.exec(res.text)?.[1];
    expect(JSON.parse(data!)).toMatchObject({
      procedure: { id: world.procedureId, name: 'Đăng ký khai sinh' },
    });
    // The same answer the API gives.
    const api = await request(running.url).get(`/api/v1/public/procedures/${world.procedureId}`).expect(200);
    expect(JSON.parse(data!).procedure).toEqual(api.body);
  });

  it('a reader who chose English gets the home, a procedure page and the frame in English', async () => {
    const en = 'portal_lang=en';
    const home = await request(running.url).get('/').set('Cookie', en).expect(200);
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.headers.vary).toContain('Cookie');
    expect(home.text).toContain('<html lang="en">');
    expect(rootOf(home.text)).toBe(' data-prerendered="/" data-lang="en"');
    expect(home.text).toContain('<h1 id="hero-title">Find an administrative procedure</h1>');

    const path = `/thu-tuc/${world.procedureId}`;
    const page = await request(running.url).get(path).set('Cookie', `other=1; ${en}`).expect(200);
    expect(page.headers.vary).toContain('Cookie');
    expect(rootOf(page.text)).toBe(` data-prerendered="${path}" data-lang="en"`);
    expect(page.text).toContain('Processing time');
    expect(page.text).toContain('8.000\u00a0₫');
    const vi = await request(running.url).get(path).set('Cookie', 'portal_lang=vi').expect(200);
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('Thời hạn giải quyết');

    const frame = await request(running.url).get('/tra-cuu/ABC').set('Cookie', en).expect(200);
    expect(frame.headers.vary).toContain('Cookie');
    expect(frame.text).toContain('Loading…');
  });

  it('the portal and the console have an SVG favicon, hashed, long cached, allowed by the CSP', async () => {
    for (const page of ['/', '/admin/']) {
      const res = await request(running.url).get(page).expect(200);
      const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(res.text)?.[1];
      expect(href, page).toMatch(
        page === '/' ? /^\/assets\/favicon-.+\.svg$/ : /^\/admin\/assets\/favicon-.+\.svg$/,
      );
      expect(res.headers['content-security-policy']).toMatch(/img-src 'self'/);
      const icon = await request(running.url).get(href!).expect(200);
      expect(icon.headers['content-type']).toBe('image/svg+xml');
      expect(icon.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(icon.body ?? icon.text)).toContain('<svg');
    }
  });

  it('a procedure that is not public gets the frame, like any unknown one, with the API preloaded', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const frame = await request(running.url).get(`/thu-tuc/${unknown}`).expect(200);
    expect(rootOf(frame.text)).toBe('');
    expect(frame.text).not.toContain('page-data');
    expect(frame.headers.link).toBe(
      `</api/v1/public/procedures/${unknown}>; rel=preload; as=fetch; crossorigin`,
    );

    await running.transactor.withTenant({ tenantId: world.unit.tenant.id, actorId: null }, (tx) =>
      changeProcedureStatus(tx, world.unit.tenant.id, world.procedureId, 'archive', {
        kind: 'system',
        id: 'test',
      }),
    );
    const archived = await request(running.url).get(`/thu-tuc/${world.procedureId}`).expect(200);
    expect(archived.text).toBe(frame.text);
    expect(archived.text).not.toContain('Đăng ký khai sinh');
  });

  it('other paths get the frame; the server-side module is never served', async () => {
    const res = await request(running.url).get('/tra-cuu/ABC').expect(200);
    expect(res.text).toContain('Đang tải…');
    expect(res.headers.link).toBeUndefined();
    const ssr = await request(running.url).get('/.ssr/prerender.js');
    expect(ssr.text).not.toContain('renderToString');
  });
});
