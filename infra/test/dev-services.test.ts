// Drives the development services over real sockets: openid-client against the identity provider
// (fetch with manual redirects and a hand-rolled cookie jar, like a browser without JavaScript) and
// nodemailer against the SMTP sink.
import nodemailer from 'nodemailer';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startIdentityProvider,
  startSmtpSink,
  type IdentityProviderHandle,
  type SmtpSinkHandle,
} from '../src';

const CLIENT = {
  clientId: 'motcua-portal',
  clientSecret: 'dev-secret-not-for-production',
  // Nothing listens here: the flow stops at the redirect and hands the URL to openid-client.
  redirectUris: ['http://127.0.0.1:9/auth/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1:9/'],
};
const CITIZEN = {
  sub: 'cd-0001',
  name: 'Nguyễn Văn An',
  email: 'an.nguyen@example.vn',
  password: 'matkhau-dev',
  kind: 'citizen' as const,
  pid: '001203004567',
};

/** Keeps cookies by name only: every request in these tests goes to the one provider origin. */
class CookieJar {
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

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Follows redirects until a non-redirect response, or until the next hop would leave the provider. */
async function browse(
  jar: CookieJar,
  url: string,
  init: RequestInit = {},
): Promise<{ res: Response; url: string }> {
  let current = url;
  let res = await fetch(current, {
    ...init,
    redirect: 'manual',
    headers: { ...init.headers, cookie: jar.header() },
  });
  jar.store(res);
  for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
    if (hops > 10) throw new Error('too many redirects');
    const next = new URL(res.headers.get('location') ?? '', current);
    if (next.origin !== new URL(url).origin) return { res, url: next.toString() };
    current = next.toString();
    res = await fetch(current, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
  }
  return { res, url: current };
}

/** Submits the first form of `html` with its hidden inputs plus `fields`. */
async function submitForm(
  jar: CookieJar,
  pageUrl: string,
  html: string,
  fields: Record<string, string> = {},
) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in page:\n${html}`);
  const body = new URLSearchParams();
  for (const [, name = '', value = ''] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
  )) {
    body.set(name, value);
  }
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return browse(jar, new URL(action.replaceAll('&amp;', '&'), pageUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

describe('development identity provider', () => {
  let idp: IdentityProviderHandle;
  let config: client.Configuration; // authenticates with client_secret_post (openid-client's default)
  let basicConfig: client.Configuration;

  beforeAll(async () => {
    idp = await startIdentityProvider({ port: 0, clients: [CLIENT], users: [CITIZEN] });
    config = await client.discovery(new URL(idp.issuer), CLIENT.clientId, CLIENT.clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    basicConfig = await client.discovery(
      new URL(idp.issuer),
      CLIENT.clientId,
      undefined,
      client.ClientSecretBasic(CLIENT.clientSecret),
      { execute: [client.allowInsecureRequests] },
    );
  });
  afterAll(() => idp?.close());

  async function startLogin(jar: CookieJar) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: CLIENT.redirectUris[0] ?? '',
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const page = await browse(jar, authorizationUrl.toString());
    return { verifier, state, nonce, page, html: await page.res.text() };
  }

  it('logs a citizen in with authorization code + PKCE and logs out without a confirm click', async () => {
    const jar = new CookieJar();
    const { verifier, state, nonce, page, html } = await startLogin(jar);
    expect(page.res.status).toBe(200);
    expect(html).toContain('Tên đăng nhập');
    expect(html).toContain('Mật khẩu');

    const done = await submitForm(jar, page.url, html, { login: CITIZEN.email, password: CITIZEN.password });
    const callbackUrl = new URL(done.url);
    expect(callbackUrl.toString().startsWith(CLIENT.redirectUris[0] ?? '-')).toBe(true);
    expect(callbackUrl.searchParams.get('state')).toBe(state);
    expect(callbackUrl.searchParams.get('code')).toBeTruthy();

    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()).toMatchObject({
      sub: CITIZEN.sub,
      name: CITIZEN.name,
      email: CITIZEN.email,
      pid: CITIZEN.pid,
    });
    expect(tokens.claims()?.pid).toMatch(/^\d{12}$/);

    const logoutUrl = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: CLIENT.postLogoutRedirectUris[0] ?? '',
      state: 'tam-biet',
    });
    const logoutPage = await browse(jar, logoutUrl.toString());
    const logoutHtml = await logoutPage.res.text();
    expect(logoutHtml).toContain('name="logout" value="yes"'); // auto-submitted in a browser
    const loggedOut = await submitForm(jar, logoutPage.url, logoutHtml);
    expect(loggedOut.url).toBe(`${CLIENT.postLogoutRedirectUris[0]}?state=tam-biet`);

    // The session is gone: a new authorization request asks for the password again.
    const again = await startLogin(jar);
    expect(again.html).toContain('Mật khẩu');
  });

  it('re-renders the form on a wrong password, then accepts the right one', async () => {
    const jar = new CookieJar();
    const { verifier, state, nonce, page, html } = await startLogin(jar);

    const wrong = await submitForm(jar, page.url, html, { login: CITIZEN.sub, password: 'sai-mat-khau' });
    expect(wrong.res.status).toBe(200);
    expect(wrong.res.headers.get('location')).toBeNull();
    const wrongHtml = await wrong.res.text();
    expect(wrongHtml).toContain('Sai tên đăng nhập hoặc mật khẩu');

    const right = await submitForm(jar, wrong.url, wrongHtml, {
      login: CITIZEN.sub,
      password: CITIZEN.password,
    });
    const tokens = await client.authorizationCodeGrant(basicConfig, new URL(right.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()?.sub).toBe(CITIZEN.sub);
  });

  it('rejects an authorization request without PKCE', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CLIENT.redirectUris[0] ?? '',
      scope: 'openid',
      state: 'x',
    });
    const { url: landed } = await browse(new CookieJar(), url.toString());
    expect(new URL(landed).searchParams.get('error')).toBe('invalid_request');
  });
});

describe('development SMTP sink', () => {
  let sink: SmtpSinkHandle;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0, httpPort: 0 });
  });
  afterAll(() => sink?.close());

  it('receives UTF-8 mail and lists it on its web page', async () => {
    const transport = nodemailer.createTransport({
      host: sink.host,
      port: sink.port,
      secure: false,
      auth: { user: 'motcua', pass: 'bat-ky' }, // any credentials are accepted
    });
    await transport.sendMail({
      from: 'MotCua <khong-tra-loi@motcua.test>',
      to: 'an.nguyen@example.vn',
      subject: 'Hồ sơ đã được tiếp nhận',
      text: 'Hồ sơ đã được tiếp nhận. Mã hồ sơ: H01-240101-0001.',
    });
    transport.close();

    const message = await sink.waitFor((m) => m.to.includes('an.nguyen@example.vn'), 3000);
    expect(message.from).toBe('khong-tra-loi@motcua.test');
    expect(message.subject).toBe('Hồ sơ đã được tiếp nhận');
    expect(message.text).toContain('Hồ sơ đã được tiếp nhận');

    const page = await (await fetch(`${sink.httpUrl}/`)).text();
    expect(page).toContain('Hộp thư phát triển');
    expect(page).toContain('Hồ sơ đã được tiếp nhận');
    const listed: unknown = await (await fetch(`${sink.httpUrl}/messages.json`)).json();
    expect(listed).toEqual([expect.objectContaining({ subject: 'Hồ sơ đã được tiếp nhận' })]);
  });

  it('times out when no matching message arrives', async () => {
    await expect(sink.waitFor((m) => m.subject === 'không có', 50)).rejects.toThrow(/no matching message/);
  });
});
