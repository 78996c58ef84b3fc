import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is parsed here, and a bad one is reported with
 * its own message, so an operator sees all mistakes at once instead of one per restart.
 */
const optionalUrl = z.url().optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: optionalUrl,
  DATABASE_URL: optionalUrl,
  DATABASE_APP_URL: optionalUrl,
  DATABASE_APP_PASSWORD: z.string().min(8).default('motcua_app_dev'),
  DATA_DIR: z.string().default('./data'),
  // Files (papers, results) in an S3-compatible store (MinIO) when set, else in DATA_DIR/objects.
  OBJECT_STORE_URL: optionalUrl,
  OBJECT_STORE_BUCKET: z.string().min(3).default('motcua'),
  OBJECT_STORE_ACCESS_KEY: z.string().min(1).optional(),
  OBJECT_STORE_SECRET_KEY: z.string().min(1).optional(),
  OBJECT_STORE_REGION: z.string().default('us-east-1'),
  REDIS_URL: optionalUrl,
  REDIS_PREFIX: z.string().default('motcua'),
  // Redis behind Sentinel (the cluster deployment): "host:port,host:port" and the master set's name.
  // The sentinels are asked for the master; REDIS_URL must still be set and names nothing else then.
  REDIS_SENTINELS: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'host:port,host:port')
    .optional(),
  REDIS_SENTINEL_NAME: z.string().default('motcua'),
  // Overrides the password in REDIS_URL (and authenticates to the sentinels), so it can come from a secret.
  REDIS_PASSWORD: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  OIDC_ISSUER: optionalUrl,
  OIDC_STAFF_CLIENT_ID: z.string().default('motcua-staff'),
  OIDC_STAFF_CLIENT_SECRET: z.string().default('dev-staff-secret'),
  OIDC_CITIZEN_ISSUER: optionalUrl,
  OIDC_CITIZEN_CLIENT_ID: z.string().default('motcua-citizen'),
  OIDC_CITIZEN_CLIENT_SECRET: z.string().default('dev-citizen-secret'),
  DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  SMTP_URL: optionalUrl,
  DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  MAIL_FROM: z.string().default('MotCua <no-reply@motcua.local>'),
  // SMS through an HTTP gateway (POST <url>/sms, JSON, X-Api-Key). Unset: the development simulator
  // (on DEV_SMS_PORT, a free port by default) when dev services run, else SMS is not sent (the job
  // fails and stays visible in /jobs).
  SMS_GATEWAY_URL: optionalUrl,
  SMS_GATEWAY_API_KEY: z.string().min(1).optional(),
  DEV_SMS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(300),
  BODY_LIMIT: z.string().default('1mb'),
  // Encrypts the units' signing keys at rest (AES-256-GCM, key derived with HKDF). Required in
  // production; development and tests use DEV_SIGNING_KEY_SECRET.
  SIGNING_KEY_SECRET: z.string().min(32).optional(),
  // The VNPay-protocol gateway: payment page and querydr/refund API (development: the simulator's).
  VNPAY_URL: optionalUrl,
  VNPAY_API_URL: optionalUrl,
  VNPAY_RETURN_URL: optionalUrl,
  DEV_VNPAY_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  PAYMENT_EXPIRY_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  VNPAY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // How often this process enqueues payment reconciliation (querydr on payments still pending
  // after PAYMENTS_RECONCILE_AFTER_MINUTES) and the daily mismatch report; 0 turns the timer off.
  PAYMENTS_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  PAYMENTS_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  // SIGTERM (npm start, start:api, start:worker): /readyz answers 503 for SHUTDOWN_DRAIN_SECONDS while requests are
  // still served, so load balancers stop routing here; then in-flight requests and jobs finish. A process
  // still busy after SHUTDOWN_TIMEOUT_SECONDS exits 1 (BullMQ hands its stalled jobs to another worker).
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(5),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(25),
  // `npm start` seeds the demo province outside production; false starts it on your own data only.
  SEED_DEMO: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" — a common shape of .env files and CI variables.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (cleaned.OBJECT_STORE_URL && !(cleaned.OBJECT_STORE_ACCESS_KEY && cleaned.OBJECT_STORE_SECRET_KEY))
    problems.push('OBJECT_STORE_ACCESS_KEY, OBJECT_STORE_SECRET_KEY: required with OBJECT_STORE_URL');
  if (cleaned.NODE_ENV === 'production' && !cleaned.SIGNING_KEY_SECRET)
    problems.push('SIGNING_KEY_SECRET: required in production (at least 32 characters)');
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** Known to everyone who reads the source: it protects development keys from nothing but accidents. */
export const DEV_SIGNING_KEY_SECRET = 'motcua-development-signing-key-secret-not-for-production';

/** The secret that encrypts signing keys; parseEnv already refused a production env without one. */
export function signingKeySecret(env: Pick<Env, 'SIGNING_KEY_SECRET'>): string {
  return env.SIGNING_KEY_SECRET ?? DEV_SIGNING_KEY_SECRET;
}

export function loadEnv(): Env {
  return parseEnv(process.env);
}
