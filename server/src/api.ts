import { ConfigError, loadEnv } from './config/index';
import { boot } from './boot';
import { drainOnSignals } from './shutdown';

/**
 * `npm run start:api`: the HTTP API (and the front ends' static files) for a deployment with any
 * number of API and worker processes. Stateless: sessions and rate limits in Redis, data in
 * PostgreSQL, files in the object store. It relays its outbox rows to BullMQ; `start:worker`
 * processes run the jobs. Migrations run once per release (`npm run motcua -- migrate`), not here.
 */
async function main() {
  const env = loadEnv();
  if (!env.REDIS_URL || !env.DATABASE_URL) {
    console.error(
      'start:api cần DATABASE_URL và REDIS_URL; không có chúng thì dùng `npm start` (một tiến trình).\n' +
        'start:api needs DATABASE_URL and REDIS_URL; without them use `npm start` (one process).',
    );
    process.exit(1);
  }
  const running = await boot({ env, devServices: false, migrate: false, seedDemo: false, runJobs: false });
  running.logger.info({ url: running.url }, 'api started');
  drainOnSignals({
    logger: running.logger,
    stopAccepting: running.stopAccepting,
    drainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    close: running.close,
    timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
