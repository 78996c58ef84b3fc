import { Router, type Request, type Response, type NextFunction, type RequestHandler } from 'express';
import { Passport } from 'passport';
import { AppError, forbidden } from '../errors';
import type { Transactor } from '../db/transactor';
import { citizenSignIn, staffSignIn } from '../modules/access/staff';
import type { Audience, OidcClients, SignedInClaims } from './oidc';
import '../http/express-types';
import { csrfTokenMatches, newCsrfToken } from './csrf';

const AUDIENCES: readonly Audience[] = ['staff', 'citizen'];
const defaultLanding: Record<Audience, string> = { staff: '/admin/', citizen: '/' };

/** Only paths on this site: no scheme, no host, no protocol-relative "//evil". */
function safeReturnTo(raw: unknown, audience: Audience): string {
  return typeof raw === 'string' && /^\/(?![/\\])/.test(raw) ? raw : defaultLanding[audience];
}

function audienceOf(req: Request): Audience {
  const a = req.params.audience as Audience;
  if (!AUDIENCES.includes(a))
    throw new AppError('not_found', { vi: 'Không có trang này', en: 'No such page' });
  return a;
}

const signInFailed = () =>
  new AppError('unauthenticated', {
    vi: 'Đăng nhập không thành công, vui lòng thử lại',
    en: 'Sign-in failed; please try again',
  });

const providerUnavailable = () =>
  new AppError('unavailable', {
    vi: 'Không kết nối được máy chủ định danh, vui lòng thử lại sau',
    en: 'The identity provider cannot be reached; try again later',
  });

const regenerate = (req: Request) =>
  new Promise<void>((ok, fail) => req.session.regenerate((e) => (e ? fail(e) : ok())));
const destroy = (req: Request) =>
  new Promise<void>((ok, fail) => req.session.destroy((e) => (e ? fail(e) : ok())));

/**
 * Sign-in through the province's (staff) or the national (citizen) OIDC provider, authorization
 * code flow with PKCE, state and nonce. Sessions are server-side; the cookie holds only their id.
 */
export function signInRoutes(deps: {
  oidc: OidcClients;
  transactor: Transactor;
  baseUrl: (req: Request) => string;
  limiter: RequestHandler;
}): Router {
  const router = Router();
  const passport = new Passport();
  const callbackUrl = (req: Request, a: Audience) => `${deps.baseUrl(req)}/auth/${a}/callback`;
  /** The provider may be down or misconfigured: say so (503), and log why, rather than a bare 500. */
  const strategyFor = (req: Request, a: Audience) =>
    deps.oidc.strategy(a, callbackUrl(req, a)).catch((err: unknown) => {
      req.log.error({ err, audience: a }, 'identity provider discovery failed');
      throw providerUnavailable();
    });

  router.get(
    '/auth/:audience/login',
    deps.limiter,
    async (req: Request, res: Response, next: NextFunction) => {
      const audience = audienceOf(req);
      req.session.returnTo = safeReturnTo(req.query.returnTo, audience);
      const strategy = await strategyFor(req, audience);
      passport.authenticate(strategy, { session: false })(req, res, next);
    },
  );

  router.get(
    '/auth/:audience/callback',
    deps.limiter,
    async (req: Request, res: Response, next: NextFunction) => {
      const audience = audienceOf(req);
      // Without code or error the strategy would start a new authorization request instead of
      // answering, and this handler would never settle.
      if (typeof req.query.code !== 'string' && typeof req.query.error !== 'string') throw signInFailed();
      const strategy = await strategyFor(req, audience);
      const claims = await new Promise<SignedInClaims>((ok, fail) => {
        passport.authenticate(strategy, { session: false }, (err: unknown, user: SignedInClaims | false) => {
          if (err || !user) {
            // Forged or replayed answers land here, but so does a wrong client secret: keep the reason.
            req.log.warn({ err, audience }, 'sign-in callback refused');
            return fail(signInFailed());
          }
          ok(user);
        })(req, res, next);
      });
      const principalId = await deps.transactor.withSystem(async (tx) => {
        if (audience === 'staff') return staffSignIn(tx, claims);
        if (!claims.pid || !/^[0-9]{12}$/.test(claims.pid)) return null;
        return citizenSignIn(tx, {
          sub: claims.sub,
          pid: claims.pid,
          name: claims.name ?? claims.pid,
          email: claims.email,
        });
      });
      if (!principalId)
        throw forbidden({
          vi: 'Tài khoản chưa được cấp quyền sử dụng hệ thống; liên hệ quản trị đơn vị',
          en: 'This account has not been given access; ask your unit administrator',
        });
      const returnTo = req.session.returnTo ?? defaultLanding[audience];
      // A fresh session id at sign-in defeats session fixation.
      await regenerate(req);
      req.session.principal = { kind: audience, id: principalId };
      req.session.signedInWith = audience;
      req.session.idToken = claims.idToken;
      req.session.csrfToken = newCsrfToken();
      res.redirect(303, returnTo);
    },
  );

  /** Ends the session here and at the provider (RP-initiated logout). Needs the CSRF token. */
  router.post('/auth/logout', async (req: Request, res: Response) => {
    if (req.session?.principal && !csrfTokenMatches(req))
      throw new AppError('csrf_failed', { vi: 'Thiếu mã X-CSRF-Token', en: 'Missing X-CSRF-Token' });
    const audience = req.session?.signedInWith;
    const idToken = req.session?.idToken;
    if (req.session) await destroy(req);
    res.clearCookie('motcua.sid', { path: '/' });
    const loggedOut = `${deps.baseUrl(req)}/auth/logged-out`;
    // Our session is already gone; a provider that cannot be reached only loses its own logout.
    const redirectTo = audience
      ? await deps.oidc.endSessionUrl(audience, idToken, loggedOut).catch((err: unknown) => {
          req.log.error({ err, audience }, 'identity provider discovery failed at logout');
          return null;
        })
      : null;
    res.json({ redirectTo: redirectTo ?? loggedOut });
  });

  router.get('/auth/logged-out', (_req, res) => {
    res
      .type('html')
      .send(
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đã đăng xuất</title><p>Bạn đã đăng xuất. <a href="/">Về trang chủ</a></p></html>',
      );
  });
  return router;
}
