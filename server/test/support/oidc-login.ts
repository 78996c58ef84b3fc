/**
 * A browser without JavaScript for the OIDC sign-in: fetch with manual redirects and one cookie jar
 * per origin (the server and the development identity provider are both 127.0.0.1, on different
 * ports, so each needs its own jar). Used by every test that signs a person in for real.
 */

export type Audience = 'staff' | 'citizen';

/** Keeps cookies by name; paths and expiry dates are ignored, which is enough for one test. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface Followed {
  /** The last response fetched. */
  res: Response;
  /** Its URL. */
  url: string;
  /** Every URL fetched, in order. */
  visited: string[];
  /** Set when following stopped before this redirect target (see `stopBefore`). */
  stoppedBefore?: string;
}

export class Browser {
  readonly #jars = new Map<string, CookieJar>();

  jar(url: string): CookieJar {
    const origin = new URL(url).origin;
    let jar = this.#jars.get(origin);
    if (!jar) {
      jar = new CookieJar();
      this.#jars.set(origin, jar);
    }
    return jar;
  }

  /** One request, no redirect followed; cookies are stored in the jar of the URL's origin. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.jar(url);
    const headers = new Headers(init.headers);
    const cookie = jar.header();
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(res);
    return res;
  }

  /** Follows redirects across origins, until a non-redirect answer or a target `stopBefore` picks. */
  async follow(
    url: string,
    init: RequestInit = {},
    stopBefore: (next: URL) => boolean = () => false,
  ): Promise<Followed> {
    const visited = [url];
    let current = url;
    let res = await this.fetch(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 15) throw new Error(`too many redirects from ${url}`);
      const next = new URL(res.headers.get('location') ?? '', current);
      if (stopBefore(next)) return { res, url: current, visited, stoppedBefore: next.toString() };
      current = next.toString();
      visited.push(current);
      res = await this.fetch(current);
    }
    return { res, url: current, visited };
  }

  /** Submits the page's first form: its hidden inputs plus `fields`, as a browser would. */
  submitForm(
    pageUrl: string,
    html: string,
    fields: Record<string, string> = {},
    stopBefore?: (next: URL) => boolean,
  ): Promise<Followed> {
    const form = formOf(html);
    const body = new URLSearchParams(form.hidden);
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    return this.follow(
      new URL(form.action, pageUrl).toString(),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      stopBefore,
    );
  }
}

const unescapeHtml = (s: string) =>
  s
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The first form's action and hidden fields, read from server-rendered HTML. */
export function formOf(html: string): { action: string; hidden: [string, string][] } {
  const form = /<form\b[^>]*>[\s\S]*?<\/form>/i.exec(html)?.[0];
  const action = form && /\baction="([^"]*)"/i.exec(form)?.[1];
  if (!form || action === undefined) throw new Error(`no form in page:\n${html}`);
  const hidden: [string, string][] = [];
  for (const [input] of form.matchAll(/<input\b[^>]*>/gi)) {
    if (!/\btype="hidden"/i.test(input)) continue;
    const name = /\bname="([^"]*)"/i.exec(input)?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(input)?.[1] ?? '';
    if (name) hidden.push([unescapeHtml(name), unescapeHtml(value)]);
  }
  return { action: unescapeHtml(action), hidden };
}

export const isLoginForm = (html: string) => /name="password"/.test(html) && /name="login"/.test(html);

export interface Authorized {
  /** Where the server sent the browser at the provider (the authorization request). */
  authorizationUrl: string;
  /** The provider's redirect back to the server, not yet fetched: `/auth/<audience>/callback?code&state&iss`. */
  callbackUrl: string;
}

/**
 * Runs the flow up to, not including, the callback: the server's login route, the provider's
 * login form (skipped when the provider still has a session for this browser) and its redirects.
 */
export async function authorize(
  browser: Browser,
  serverUrl: string,
  audience: Audience,
  login: string,
  password: string,
  returnTo?: string,
): Promise<Authorized> {
  const server = new URL(serverUrl);
  const start = new URL(`/auth/${audience}/login`, server);
  if (returnTo !== undefined) start.searchParams.set('returnTo', returnTo);
  const atCallback = (next: URL) =>
    next.origin === server.origin && next.pathname === `/auth/${audience}/callback`;

  const first = await browser.fetch(start.toString());
  const authorizationUrl = first.headers.get('location');
  if (first.status < 300 || first.status >= 400 || !authorizationUrl)
    throw new Error(`login route answered ${first.status}: ${await first.text()}`);

  let step = await browser.follow(authorizationUrl, {}, atCallback);
  if (!step.stoppedBefore) {
    const html = await step.res.text();
    if (!isLoginForm(html)) throw new Error(`expected the provider's login form at ${step.url}:\n${html}`);
    step = await browser.submitForm(step.url, html, { login, password }, atCallback);
  }
  if (!step.stoppedBefore)
    throw new Error(`sign-in of ${login} did not come back to the server:\n${await step.res.text()}`);
  return { authorizationUrl, callbackUrl: step.stoppedBefore };
}

/** What GET /api/v1/me answers. */
export interface Me {
  kind: 'staff' | 'citizen' | 'api_key' | 'system';
  id: string;
  name: string;
  platformRoles: string[];
  memberships: { tenantId: string; roles: string[] }[];
  tenantId: string | null;
  roles: string[];
  pid?: string;
  csrfToken?: string;
}

export interface SignedIn {
  browser: Browser;
  /** `motcua.sid=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  me: Me;
  /** Where the callback sent the browser (the honoured returnTo, or the audience's landing page). */
  landedAt: string;
}

/** Signs a person in through the provider, the way a browser does, and reads /api/v1/me. */
export async function signIn(
  serverUrl: string,
  audience: Audience,
  login: string,
  password: string,
  returnTo?: string,
  browser: Browser = new Browser(),
): Promise<SignedIn> {
  const { callbackUrl } = await authorize(browser, serverUrl, audience, login, password, returnTo);
  const back = await browser.fetch(callbackUrl);
  const landedAt = back.headers.get('location');
  if (back.status !== 303 || !landedAt)
    throw new Error(`callback answered ${back.status}: ${await back.text()}`);
  const sid = browser.jar(serverUrl).get('motcua.sid');
  if (!sid) throw new Error('the callback set no session cookie');
  const meRes = await browser.fetch(new URL('/api/v1/me', serverUrl).toString());
  if (meRes.status !== 200) throw new Error(`/api/v1/me answered ${meRes.status}: ${await meRes.text()}`);
  const me = (await meRes.json()) as Me;
  if (!me.csrfToken) throw new Error('/api/v1/me gave no csrfToken to a cookie session');
  return { browser, cookie: `motcua.sid=${sid}`, csrfToken: me.csrfToken, me, landedAt };
}
