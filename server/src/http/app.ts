import { randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { Env } from '../config/index';
import type { Transactor } from '../db/transactor';
import { AppError } from '../errors';
import { resolveScope } from '../auth/resolve-scope';
import type { OidcClients } from '../auth/oidc';
import { signInRoutes } from '../auth/sign-in-routes';
import { mountRoutes } from './dispatch';
import { problemBody, problemHandler } from './problem';
import { openApiDocument } from './openapi';
import { assertRoutesDeclareAccess, type RouteDef } from './route-table';
import { routes as apiRoutes } from './routes';
import { HttpMetrics } from './metrics';
import { mountFrontEnds } from './front-ends';

export interface AppDeps {
  env: Env;
  logger: Logger;
  transactor: Transactor;
  redis: Redis | null;
  oidc: OidcClients;
  sessionStore: session.Store;
  sessionSecret: string;
  routes?: readonly RouteDef[];
  /** Turned false while draining, so load balancers stop sending work. */
  isAccepting?: () => boolean;
}

function limiterStore(redis: Redis | null, prefix: string): Store | undefined {
  if (!redis) return undefined; // in-memory, per process: fine for the single embedded process
  return new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<number>,
  });
}

export function createApp(deps: AppDeps) {
  const routes = deps.routes ?? apiRoutes;
  assertRoutesDeclareAccess(routes);
  const { env } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const metrics = new HttpMetrics();
  const baseUrl = (req: Request) =>
    env.PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Secrets never reach a log: no auth headers, no cookies.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use(metrics.middleware());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'form-action': ["'self'", ...(env.OIDC_ISSUER ? [env.OIDC_ISSUER] : [])],
          // The console shows a dossier's papers beside its form from blobs it fetched itself
          // (the unit header cannot ride on a frame's URL).
          'frame-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await deps.transactor.withSystem((tx) => tx.raw('select 1'));
      checks.database = 'ok';
    } catch {
      checks.database = 'down';
    }
    if (deps.redis)
      checks.redis = await deps.redis.ping().then(
        () => 'ok',
        () => 'down',
      );
    if (deps.isAccepting && !deps.isAccepting()) checks.http = 'draining';
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.render());
  });

  app.use(
    express.json({ limit: env.BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] }),
  );
  const cookieSession = session({
    name: 'motcua.sid',
    store: deps.sessionStore,
    secret: deps.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 8 * 3600_000, path: '/' },
  });
  // An API call with a Bearer key and no cookie has no session to load: express-session would still
  // make a new session object (a random id) and wrap the response on every such request.
  app.use((req, res, next) => {
    if (req.headers.authorization && !req.headers.cookie && req.path.startsWith('/api/')) return next();
    cookieSession(req, res, next);
  });

  const signInLimiter = rateLimit({
    windowMs: 60_000,
    limit: env.RATE_LIMIT_SIGNIN_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: limiterStore(deps.redis, `${env.REDIS_PREFIX}:rl:signin:`),
    handler: (req, res) => {
      const body = problemBody(
        new AppError('rate_limited', {
          vi: 'Đăng nhập quá nhiều lần, thử lại sau một phút',
          en: 'Too many sign-in attempts; try again in a minute',
        }),
        req,
      );
      res.status(429).type('application/problem+json').json(body);
    },
  });
  const publicLimiter = rateLimit({
    windowMs: 60_000,
    limit: env.RATE_LIMIT_PUBLIC_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: limiterStore(deps.redis, `${env.REDIS_PREFIX}:rl:public:`),
    handler: (req, res) => {
      const body = problemBody(
        new AppError('rate_limited', {
          vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
          en: 'Too many requests; try again later',
        }),
        req,
      );
      res.status(429).type('application/problem+json').json(body);
    },
  });

  app.use(signInRoutes({ oidc: deps.oidc, transactor: deps.transactor, baseUrl, limiter: signInLimiter }));

  const api = express.Router();
  const openapi = openApiDocument(routes);
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  api.use('/public', publicLimiter);
  api.use(resolveScope(deps.transactor));
  mountRoutes(api, routes, deps.transactor);
  api.use((req) => {
    throw new AppError('not_found', {
      vi: `Không có đường dẫn ${req.method} ${req.path}`,
      en: `No route ${req.method} ${req.path}`,
    });
  });
  app.use('/api/v1', api);

  mountFrontEnds(app, { transactor: deps.transactor, publicLimiter });
  app.use(problemHandler(deps.logger));
  return app;
}
