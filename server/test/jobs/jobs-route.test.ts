import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { enqueue } from '../../src/jobs/outbox';
import {
  bearer,
  createTestPlatformKey,
  createTestUnit,
  startTestServer,
  type TestUnit,
} from '../support/app';
import { defineProbeJobs, uniqueQueue, waitFor } from './support';

/** GET /api/v1/jobs on the booted product (BullMQ on Redis): the operator sees failed and pending jobs. */
const queue = uniqueQueue();
defineProbeJobs(queue); // defined before boot, so the server's relay and workers serve this queue too

let running: Running;
let unit: TestUnit;
let admin: IssuedKey;
let finance: IssuedKey;

beforeAll(async () => {
  running = await startTestServer();
  unit = await createTestUnit(running, ['tenant_admin']);
  admin = await createTestPlatformKey(running, 'platform_admin');
  finance = await createTestPlatformKey(running, 'finance');
});

afterAll(async () => {
  await running?.close();
});

const jobsList = (filter: object, auth: string) =>
  request(running.url)
    .get('/api/v1/jobs')
    .query({ filter: JSON.stringify(filter), range: '[0,9]' })
    .set('Authorization', auth);

describe('GET /api/v1/jobs', () => {
  it('lists a failed job for the platform admin, and no one else', async () => {
    const jobKey = `hopeless-${Date.now()}`;
    const tenantId = unit.tenant.id;
    await running.transactor.withTenant({ tenantId, actorId: null }, (tx) =>
      enqueue(tx, { tenantId, queue, name: 'hopeless', payload: { n: 1 }, jobKey }),
    );
    const res = await waitFor(
      () => jobsList({ status: 'failed', queue }, bearer(admin)),
      (r) => r.status !== 200 || r.body.length > 0,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-range']).toBe('jobs 0-0/1');
    expect(res.body[0]).toMatchObject({
      id: jobKey,
      queue,
      name: 'hopeless',
      tenantId,
      status: 'failed',
      attempts: 1,
      lastError: 'retrying cannot help',
    });

    expect((await jobsList({}, bearer(finance))).status).toBe(403);
    expect((await jobsList({}, bearer(unit.keys.tenant_admin!))).status).toBe(403);
    expect((await jobsList({ status: 'lost' }, bearer(admin))).status).toBe(400);
  });
});
