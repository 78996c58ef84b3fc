import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/index';
import { openRedis } from '../../src/redis-connection';
import { uniqueSuffix } from '../support/app';
import { testRedisUrl } from '../support/env';
import { freePort } from './processes';

/**
 * The cluster deployment reaches Redis through Sentinel. A real sentinel (redis-server --sentinel)
 * watches the test Redis as master "motcua-test-…"; the connection must find it through the sentinel
 * alone (REDIS_URL points nowhere).
 */
const master = new URL(testRedisUrl());
const name = `motcua-test-${uniqueSuffix()}`;
const dir = mkdtempSync(path.join(tmpdir(), 'motcua-sentinel-'));
let sentinel: ChildProcess;
let port: number;

beforeAll(async () => {
  port = await freePort();
  const conf = path.join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} ${master.hostname} ${master.port || 6379} 1`,
      '',
    ].join('\n'),
  );
  sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  const until = Date.now() + 10_000;
  for (;;) {
    const addr = await probe
      .connect()
      .catch(() => undefined)
      .then(() => probe.call('SENTINEL', 'get-master-addr-by-name', name))
      .catch(() => null);
    if (Array.isArray(addr)) break;
    if (Date.now() > until) throw new Error('sentinel did not start');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  probe.disconnect();
});

afterAll(() => {
  sentinel?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('Redis through Sentinel', () => {
  it('writes to the master the sentinel names', async () => {
    const env = parseEnv({
      REDIS_URL: 'redis://unreachable.invalid:1',
      REDIS_SENTINELS: `127.0.0.1:${port}`,
      REDIS_SENTINEL_NAME: name,
    });
    const viaSentinel = openRedis(env, { maxRetriesPerRequest: 3 });
    const direct = new Redis(testRedisUrl());
    const key = `${name}:probe`;
    try {
      await viaSentinel.set(key, 'đã ghi qua sentinel', 'EX', 60);
      expect(await direct.get(key)).toBe('đã ghi qua sentinel');
      // BullMQ's connections are duplicates: they must follow the sentinel too.
      const dup = viaSentinel.duplicate();
      expect(await dup.get(key)).toBe('đã ghi qua sentinel');
      dup.disconnect();
    } finally {
      await direct.del(key);
      viaSentinel.disconnect();
      direct.disconnect();
    }
  });

  it('refuses a malformed sentinel list', () => {
    expect(() => parseEnv({ REDIS_SENTINELS: 'redis-0, redis-1' })).toThrow(/REDIS_SENTINELS/);
  });
});
