import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import RedisSessionStore from 'connect-redis';
import { pino, type Logger } from 'pino';
import {
  startIdentityProvider,
  startSmtpSink,
  startSmsGatewaySimulator,
  type SmsGatewayHandle,
  type IdentityProviderHandle,
  type SmtpSinkHandle,
} from '../../infra/src/index';
import { startPaymentGateway, type PaymentGatewayHandle } from '../../infra/src/payment-gateway-simulator';
import { paymentsGatewayFrom } from './modules/payments/gateway';
import { merchantByTmnCode } from './modules/payments/merchants';
import type { Env } from './config/index';
import { migrate, openDatabase, type Database } from './db/database';
import { Transactor } from './db/transactor';
import { assertSafeRuntimeRole } from './db/runtime-role-check';
import { OidcClients } from './auth/oidc';
import { createApp } from './http/app';
import { startJobs, type RunningJobs } from './jobs/index';
import { startPaymentsSchedule } from './jobs/payments/schedule';
import { objectStorageFrom } from './modules/storage/object-storage';
import { seedDemo } from './seed/seed-demo';
import { signingKeysFrom } from './modules/signing/key-vault';
import { demoCitizens, demoStaff } from './seed/demo-province';
import { openRedis } from './redis-connection';

export interface BootOptions {
  env: Env;
  logger?: Logger;
  /** Start the development identity provider and SMTP sink when none is configured. */
  devServices?: boolean;
  /** Migrate (server mode; embedded mode always migrates) and seed the demo province. */
  migrate?: boolean;
  seedDemo?: boolean;
  /**
   * Runs every transaction as this one role instead of the context roles, and skips the refusal to
   * run on a superuser or BYPASSRLS role. Only the rls-overhead benchmark sets it, to run its no-RLS
   * baseline through the same code; never in a deployment.
   */
  unsafeBenchmarkBaselineRole?: string;
  /**
   * Run the job handlers in this process too (default). `start:api` passes false when Redis is set:
   * it relays its outbox rows to BullMQ and the `start:worker` processes run them.
   */
  runJobs?: boolean;
}

export interface Running {
  url: string;
  env: Env;
  db: Database;
  transactor: Transactor;
  redis: Redis | null;
  logger: Logger;
  identityProvider: IdentityProviderHandle | null;
  smtpSink: SmtpSinkHandle | null;
  smsGateway: SmsGatewayHandle | null;
  paymentGateway: PaymentGatewayHandle | null;
  jobs: RunningJobs;
  issuer: string;
  /** Draining: /readyz answers 503 and responses close their connection, while requests are still served. */
  stopAccepting(): void;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const a = server.address();
      ok(typeof a === 'object' && a ? a.port : port);
    });
  });
}

/** Wires the whole product: config → db → auth → routes. main.ts and the tests both start here. */
export async function boot(opts: BootOptions): Promise<Running> {
  const { env } = opts;
  const logger =
    opts.logger ??
    pino({
      level: env.LOG_LEVEL,
      redact: ['*.password', '*.secret', '*.token', '*.secret_sealed', '*.hashSecret'],
    });
  const closers: (() => Promise<unknown>)[] = [];
  // The HTTP server closes first, whenever it started: its in-flight requests may still need the
  // identity provider, the payment simulator, the jobs and the database, which close after it.
  let closeHttp: (() => Promise<void>) | null = null;
  const closeAll = async () => {
    await closeHttp?.().catch((err) => logger.warn({ err }, 'error while closing'));
    for (const c of closers.reverse()) await c().catch((err) => logger.warn({ err }, 'error while closing'));
  };
  try {
    if (env.DATABASE_URL && opts.migrate) await migrate(env.DATABASE_URL, env.DATABASE_APP_PASSWORD);
    const db = await openDatabase(env);
    closers.push(() => db.close());
    const baseline = opts.unsafeBenchmarkBaselineRole;
    const transactor = baseline
      ? new Transactor(db, { tenant: baseline, platform: baseline, citizen: baseline, public: baseline })
      : new Transactor(db);
    if (!baseline) await assertSafeRuntimeRole(db);
    if (opts.seedDemo) await seedDemo(transactor, signingKeysFrom(env));

    const redis = env.REDIS_URL ? openRedis(env, { maxRetriesPerRequest: 3, lazyConnect: false }) : null;
    if (redis) closers.push(() => redis.quit());

    let sessionStore: session.Store;
    if (redis) {
      sessionStore = new RedisSessionStore({ client: redis, prefix: `${env.REDIS_PREFIX}:sess:` });
    } else {
      // Sessions in the database when there is no Redis: a small pool of its own, on the runtime role.
      const pool = new pg.Pool({ connectionString: db.appUrl, max: 2 });
      closers.push(() => pool.end());
      const PgStore = connectPgSimple(session);
      sessionStore = new PgStore({
        pool,
        tableName: 'http_sessions',
        createTableIfMissing: false,
        pruneSessionInterval: 600,
      });
      closers.push(async () => (sessionStore as unknown as { close(): void }).close());
    }

    let smtpSink: SmtpSinkHandle | null = null;
    if (!env.SMTP_URL && opts.devServices) {
      smtpSink = await startSmtpSink({ port: env.DEV_SMTP_PORT, httpPort: 0 });
      closers.push(() => smtpSink!.close());
    }

    let smsGateway: SmsGatewayHandle | null = null;
    if (!env.SMS_GATEWAY_URL && opts.devServices) {
      smsGateway = await startSmsGatewaySimulator({ port: env.DEV_SMS_PORT });
      closers.push(() => smsGateway!.close());
    }

    // After the database, Redis and the SMTP sink; closed before them (closers run in reverse).
    const jobs = await startJobs({
      env,
      transactor,
      redis,
      logger,
      smtpUrl: smtpSink ? `smtp://127.0.0.1:${smtpSink.port}` : undefined,
      smsGateway: smsGateway ? { url: smsGateway.url, apiKey: smsGateway.apiKey } : undefined,
      work: opts.runJobs ?? true,
    });
    closers.push(() => jobs.stop());

    let issuer = env.OIDC_ISSUER ?? '';
    const oidc = new OidcClients({
      staff: {
        issuer: () => issuer,
        clientId: env.OIDC_STAFF_CLIENT_ID,
        clientSecret: env.OIDC_STAFF_CLIENT_SECRET,
      },
      citizen: {
        issuer: () => env.OIDC_CITIZEN_ISSUER ?? issuer,
        clientId: env.OIDC_CITIZEN_CLIENT_ID,
        clientSecret: env.OIDC_CITIZEN_CLIENT_SECRET,
      },
    });

    const sessionSecret = env.SESSION_SECRET ?? randomBytes(32).toString('hex');
    if (!env.SESSION_SECRET && env.NODE_ENV === 'production')
      throw new Error('SESSION_SECRET is required in production');
    let accepting = true;
    const app = createApp({
      env,
      logger,
      transactor,
      redis,
      oidc,
      sessionStore,
      sessionSecret,
      isAccepting: () => accepting,
    });
    app.locals.jobs = jobs.backend;
    app.locals.objects = objectStorageFrom(env);
    app.locals.signingKeys = signingKeysFrom(env);
    // Printed slips link to the public tracking page: the configured public address when set.
    app.locals.publicUrl = env.PUBLIC_URL?.replace(/\/$/, '');
    const server = http.createServer(app);
    // While draining, keep-alive clients are told to reconnect (to another instance) after this response.
    server.prependListener('request', (_req, res: http.ServerResponse) => {
      if (!accepting) res.shouldKeepAlive = false;
    });
    const port = await listen(server, env.PORT, env.HOST);
    closeHttp = () =>
      new Promise<void>((ok) => {
        accepting = false;
        // In-flight requests finish; connections are closed as each one falls idle.
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        server.close(() => {
          clearInterval(idle);
          ok();
        });
        server.closeIdleConnections();
      });
    const url =
      env.PUBLIC_URL?.replace(/\/$/, '') ??
      `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;

    let identityProvider: IdentityProviderHandle | null = null;
    if (!env.OIDC_ISSUER && opts.devServices) {
      identityProvider = await startIdentityProvider({
        port: env.DEV_IDP_PORT,
        clients: [
          {
            clientId: env.OIDC_STAFF_CLIENT_ID,
            clientSecret: env.OIDC_STAFF_CLIENT_SECRET,
            redirectUris: [`${url}/auth/staff/callback`],
            postLogoutRedirectUris: [`${url}/auth/logged-out`],
          },
          {
            clientId: env.OIDC_CITIZEN_CLIENT_ID,
            clientSecret: env.OIDC_CITIZEN_CLIENT_SECRET,
            redirectUris: [`${url}/auth/citizen/callback`],
            postLogoutRedirectUris: [`${url}/auth/logged-out`],
          },
        ],
        users: [
          ...demoStaff.map((p) => ({
            sub: p.sub,
            name: p.name,
            email: p.email,
            password: p.password,
            kind: 'staff' as const,
          })),
          ...demoCitizens.map((p) => ({
            sub: p.sub,
            name: p.name,
            email: p.email,
            password: p.password,
            kind: 'citizen' as const,
            pid: p.pid,
          })),
        ],
      });
      closers.push(() => identityProvider!.close());
      issuer = identityProvider.issuer;
    }
    if (!issuer) logger.warn('No OIDC_ISSUER configured and dev services are off: sign-in is unavailable');

    let paymentGateway: PaymentGatewayHandle | null = null;
    if (!env.VNPAY_URL && opts.devServices) {
      const vault = signingKeysFrom(env);
      paymentGateway = await startPaymentGateway({
        port: env.DEV_VNPAY_PORT,
        // The simulator knows the units' terminals from our own merchant accounts.
        merchants: async (tmnCode) => {
          const m = await transactor.withSystem((tx) => merchantByTmnCode(tx, vault, tmnCode));
          return m ? { secret: m.secret, ipnUrl: `${url}/api/v1/payments/vnpay/ipn` } : null;
        },
      });
      closers.push(() => paymentGateway!.close());
    }
    const payments = paymentsGatewayFrom(env, url, paymentGateway ?? {});
    app.locals.payments = payments;
    // Jobs started before the simulator's address was known; refunds and querydr need it.
    jobs.deps.payments = payments;
    if (env.PAYMENTS_RECONCILE_INTERVAL_SECONDS > 0) {
      const schedule = startPaymentsSchedule({
        transactor,
        logger,
        olderThanMinutes: env.PAYMENTS_RECONCILE_AFTER_MINUTES,
        intervalMs: env.PAYMENTS_RECONCILE_INTERVAL_SECONDS * 1000,
      });
      closers.push(async () => schedule.stop());
    }

    return {
      url,
      env,
      db,
      transactor,
      redis,
      logger,
      identityProvider,
      smtpSink,
      smsGateway,
      paymentGateway,
      jobs,
      issuer,
      stopAccepting: () => {
        accepting = false;
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
