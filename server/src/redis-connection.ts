import { Redis, type RedisOptions } from 'ioredis';
import type { Env } from './config/index';

/**
 * The one place a Redis connection is opened from configuration: REDIS_URL, or the master that the
 * sentinels in REDIS_SENTINELS name (failover is followed by ioredis). `duplicate()` keeps this choice,
 * so BullMQ's connections follow the master too.
 */
export function openRedis(
  env: Pick<Env, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME' | 'REDIS_PASSWORD'>,
  options: RedisOptions = {},
): Redis {
  const password = env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {};
  if (env.REDIS_SENTINELS) {
    const sentinels = env.REDIS_SENTINELS.split(',').map((hp) => {
      const i = hp.lastIndexOf(':');
      return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
    });
    return new Redis({
      sentinels,
      name: env.REDIS_SENTINEL_NAME,
      ...password,
      ...(env.REDIS_PASSWORD ? { sentinelPassword: env.REDIS_PASSWORD } : {}),
      ...options,
    });
  }
  if (!env.REDIS_URL) throw new Error('openRedis needs REDIS_URL or REDIS_SENTINELS');
  return new Redis(env.REDIS_URL, { ...password, ...options });
}
