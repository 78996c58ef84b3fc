import { pino } from 'pino';
import { ConfigError, loadEnv } from './config/index';
import { openDatabase } from './db/database';
import { Transactor } from './db/transactor';
import { assertSafeRuntimeRole } from './db/runtime-role-check';
import { startJobs } from './jobs/index';
import { drainOnSignals } from './shutdown';
import { openRedis } from './redis-connection';

/** `npm run start:worker`: the job processors and the outbox relay, without HTTP. */
async function main() {
  const env = loadEnv();
  const logger = pino({ level: env.LOG_LEVEL });
  if (!env.REDIS_URL || !env.DATABASE_URL) {
    // In-process jobs belong to the one `npm start` process; a second runner would resume its jobs.
    console.error(
      'start:worker cần REDIS_URL và DATABASE_URL; không có Redis thì `npm start` tự chạy công việc nền.\n' +
        'start:worker needs REDIS_URL and DATABASE_URL; without Redis, `npm start` runs jobs in-process.',
    );
    process.exit(1);
  }
  const db = await openDatabase(env);
  const transactor = new Transactor(db);
  await assertSafeRuntimeRole(db);
  const redis = openRedis(env, { maxRetriesPerRequest: 3 });
  const jobs = await startJobs({ env, transactor, redis, logger });
  logger.info({ queues: jobs.backend.queues }, 'worker started');
  // No HTTP to drain: stop taking jobs at once, let the running ones finish.
  drainOnSignals({
    logger,
    drainSeconds: 0,
    timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
    close: async () => {
      await jobs.stop();
      await redis.quit();
      await db.close();
    },
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
