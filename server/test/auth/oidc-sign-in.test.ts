// Sign-in end to end: the real server, the development identity provider over real sockets, real
// Postgres and Redis. The browser is fetch with manual redirects and a cookie jar per origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Running } from '../../src/boot';
import { findTenantByCode } from '../../src/modules/tenancy/queries';
import { testEnv } from '../support/app';
import { authorize, Browser, isLoginForm, signIn, type Me } from '../support/oidc-login';

const STP = '000.00.03.H34'; // Sở Tư pháp; 'stp.admin' is its tenant_admin
const PASSWORD = 'demo123';
let running: Running;
let stpId: string;

beforeAll(async () => {
  running = await boot({
    // Every sign-in passes the limiter twice (login and callback); this file signs in often.
    env: testEnv({ env: { RATE_LIMIT_SIGNIN_PER_MINUTE: '1000' } }),
    devServices: true,
    migrate: false,
    seedDemo: true,
  });
  const stp = await running.transactor.withSystem((tx) => findTenantByCode(tx, STP));
  stpId = stp!.id;
});
afterAll(() => running?.close());

const at = (path: string) => new URL(path, running.url).toString();

/** GET /api/v1/me with exactly this cookie, outside any jar. */
const meWith = (cookie: string) => fetch(at('/api/v1/me'), { headers: { cookie } });

async function expectProblem(res: Response, status: number, code: string): Promise<{ detail: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; status: number; detail: string };
  expect(body.type).toBe(`urn:motcua:problem:${code}`);
  expect(body.status).toBe(status);
  return body;
}

describe('staff sign-in (authorization code, PKCE, state, nonce)', () => {
  it('signs stp.admin in and gives a fresh HttpOnly, SameSite=Lax session', async () => {
    const browser = new Browser();
    const { authorizationUrl, callbackUrl } = await authorize(
      browser,
      running.url,
      'staff',
      'stp.admin',
      PASSWORD,
    );
    const auth = new URL(authorizationUrl);
    expect(auth.origin).toBe(new URL(running.issuer).origin);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toBe(at('/auth/staff/callback'));
    expect(auth.searchParams.get('response_type')).toBe('code');

    const callback = new URL(callbackUrl);
    expect(callback.searchParams.get('state')).toBe(auth.searchParams.get('state'));
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(running.issuer);

    // The login route already gave the browser a session (it holds the state); sign-in must replace it.
    const before = browser.jar(running.url).get('motcua.sid');
    expect(before).toBeTruthy();

    const back = await browser.fetch(callbackUrl);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/admin/');
    const setCookie = back.headers.getSetCookie().find((c) => c.startsWith('motcua.sid='));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    const after = browser.jar(running.url).get('motcua.sid');
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);

    const res = await meWith(`motcua.sid=${after}`);
    expect(res.status).toBe(200);
    const me = (await res.json()) as Me;
    expect(me.kind).toBe('staff');
    expect(me.memberships).toContainEqual({
      tenantId: stpId,
      tenantCode: STP,
      tenantName: 'Sở Tư pháp',
      roles: ['tenant_admin'],
    });
    expect(me.tenantId).toBe(stpId);
    expect(me.roles).toEqual(['tenant_admin']);
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);

    // Fixation defence: the pre-login session was destroyed, it does not turn into the signed-in one.
    expect((await meWith(`motcua.sid=${before}`)).status).toBe(401);
  });

  it('signs a citizen in with their personal identification number and creates their record', async () => {
    const { me, landedAt } = await signIn(running.url, 'citizen', 'congdan1', PASSWORD);
    expect(me.kind).toBe('citizen');
    expect(me.pid).toBe('056201001234');
    expect(me.memberships).toEqual([]);
    expect(me.platformRoles).toEqual([]);
    expect(landedAt).toBe('/');
    const row = (await running.transactor.withSystem((tx) =>
      tx('citizens').where({ oidc_subject: 'congdan1' }).first(),
    )) as { id: string; pid: string } | undefined;
    expect(row).toMatchObject({ id: me.id, pid: '056201001234' });
  });
});

describe('a callback that is not genuine', () => {
  it('refuses a wrong state with 401 and no session', async () => {
    const browser = new Browser();
    const { callbackUrl } = await authorize(browser, running.url, 'staff', 'stp.admin', PASSWORD);
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'not-the-state-we-sent');
    await expectProblem(await browser.fetch(forged.toString()), 401, 'unauthenticated');
    expect((await browser.fetch(at('/api/v1/me'))).status).toBe(401);
    // The state was spent by the failed attempt: the genuine answer no longer works either.
    await expectProblem(await browser.fetch(callbackUrl), 401, 'unauthenticated');
  });

  it('refuses a code the provider did not issue', async () => {
    const browser = new Browser();
    const { callbackUrl } = await authorize(browser, running.url, 'staff', 'stp.admin', PASSWORD);
    const forged = new URL(callbackUrl);
    forged.searchParams.set('code', 'forged-code');
    await expectProblem(await browser.fetch(forged.toString()), 401, 'unauthenticated');
    expect((await browser.fetch(at('/api/v1/me'))).status).toBe(401);
  });

  it('refuses an answer claiming to come from another issuer (mix-up defence)', async () => {
    const browser = new Browser();
    const { callbackUrl } = await authorize(browser, running.url, 'staff', 'stp.admin', PASSWORD);
    const forged = new URL(callbackUrl);
    forged.searchParams.set('iss', 'https://evil.example');
    await expectProblem(await browser.fetch(forged.toString()), 401, 'unauthenticated');
    expect((await browser.fetch(at('/api/v1/me'))).status).toBe(401);
  });

  it('refuses a replayed callback, from the same browser and from another', async () => {
    const browser = new Browser();
    const { callbackUrl } = await authorize(browser, running.url, 'staff', 'stp.admin', PASSWORD);
    const pre = browser.jar(running.url).get('motcua.sid');
    expect((await browser.fetch(callbackUrl)).status).toBe(303);

    await expectProblem(await browser.fetch(callbackUrl), 401, 'unauthenticated');
    const thief = new Browser();
    await expectProblem(await thief.fetch(callbackUrl), 401, 'unauthenticated');
    expect((await thief.fetch(at('/api/v1/me'))).status).toBe(401);
    // Nor does the pre-login cookie, which carried the state, work a second time.
    const withPre = await fetch(callbackUrl, {
      headers: { cookie: `motcua.sid=${pre}` },
      redirect: 'manual',
    });
    await expectProblem(withPre, 401, 'unauthenticated');
  });

  it('answers 401 to a callback without a code, and to the provider reporting an error', async () => {
    const browser = new Browser();
    await expectProblem(await browser.fetch(at('/auth/staff/callback')), 401, 'unauthenticated');
    await browser.fetch(at('/auth/staff/login'));
    const denied = at('/auth/staff/callback?error=access_denied&error_description=no&state=x');
    await expectProblem(await browser.fetch(denied), 401, 'unauthenticated');
    await expectProblem(await browser.fetch(at('/auth/nobody/callback?code=x')), 404, 'not_found');
  });
});

describe('who may sign in', () => {
  it('refuses, in Vietnamese, a staff sign-in by a subject nobody provisioned', async () => {
    // congdan1 is a real account at the provider, but no staff member: the staff client must refuse it.
    const browser = new Browser();
    const { callbackUrl } = await authorize(browser, running.url, 'staff', 'congdan1', PASSWORD);
    const body = await expectProblem(await browser.fetch(callbackUrl), 403, 'forbidden');
    expect(body.detail).toBe('Tài khoản chưa được cấp quyền sử dụng hệ thống; liên hệ quản trị đơn vị');
    expect((await browser.fetch(at('/api/v1/me'))).status).toBe(401);
  });
});

describe('returnTo', () => {
  // One browser: after the first sign-in the provider remembers the person and skips its form.
  const browser = new Browser();
  const landing = (returnTo: string) =>
    signIn(running.url, 'staff', 'stp.admin', PASSWORD, returnTo, browser).then((s) => s.landedAt);

  it('honours a path on this site', async () => {
    expect(await landing('/admin/dossiers?status=received')).toBe('/admin/dossiers?status=received');
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'ignores %s',
    async (returnTo) => {
      expect(await landing(returnTo)).toBe('/admin/');
    },
  );
});

describe('logout', () => {
  it('needs the CSRF token, ends the session here and at the provider', async () => {
    const { browser, cookie, csrfToken } = await signIn(running.url, 'staff', 'stp.admin', PASSWORD);
    // While the provider's session lives, a new sign-in goes straight back without a form.
    const silent = await authorize(browser, running.url, 'staff', 'unused', 'unused');
    expect(silent.callbackUrl).toContain('/auth/staff/callback');

    await expectProblem(
      await fetch(at('/auth/logout'), { method: 'POST', headers: { cookie } }),
      403,
      'csrf_failed',
    );
    await expectProblem(
      await fetch(at('/auth/logout'), { method: 'POST', headers: { cookie, 'x-csrf-token': 'guess' } }),
      403,
      'csrf_failed',
    );
    expect((await meWith(cookie)).status).toBe(200);

    const out = await browser.fetch(at('/auth/logout'), {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(200);
    const { redirectTo } = (await out.json()) as { redirectTo: string };
    const discovery = (await (await fetch(`${running.issuer}/.well-known/openid-configuration`)).json()) as {
      end_session_endpoint: string;
    };
    const endSession = new URL(redirectTo);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(discovery.end_session_endpoint);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(at('/auth/logged-out'));

    const me = await meWith(cookie);
    await expectProblem(me, 401, 'unauthenticated');

    // The provider's page submits itself (xsrf + logout=yes); then it sends the browser back here.
    const page = await browser.follow(redirectTo);
    expect(page.res.status).toBe(200);
    const html = await page.res.text();
    expect(html).toContain('name="logout" value="yes"');
    const done = await browser.submitForm(page.url, html);
    expect(done.url).toBe(at('/auth/logged-out'));
    expect(done.res.status).toBe(200);

    // The provider forgot the person: signing in again shows its login form.
    const again = await browser.fetch(at('/auth/staff/login'));
    const form = await browser.follow(again.headers.get('location') ?? '');
    expect(form.res.status).toBe(200);
    expect(isLoginForm(await form.res.text())).toBe(true);
  });

  it('lets a browser without a session log out without a token', async () => {
    const res = await fetch(at('/auth/logout'), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ redirectTo: at('/auth/logged-out') });
  });
});

describe('an identity provider that cannot be reached', () => {
  it('answers 503 problem+json, not 500', async () => {
    // Port 9 (discard) has no listener here: discovery fails at once.
    const offline = await boot({
      env: testEnv({ env: { OIDC_ISSUER: 'http://127.0.0.1:9' } }),
      devServices: false,
      migrate: false,
      seedDemo: false,
    });
    try {
      const res = await fetch(new URL('/auth/staff/login', offline.url), { redirect: 'manual' });
      await expectProblem(res, 503, 'unavailable');
      const cb = await fetch(new URL('/auth/citizen/callback?code=x&state=y', offline.url), {
        redirect: 'manual',
      });
      await expectProblem(cb, 503, 'unavailable');
    } finally {
      await offline.close();
    }
  });
});
