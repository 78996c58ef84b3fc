import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract } from '../../../billing/src/index';
import type { Running } from '../../src/boot';
import {
  bearer,
  createTestPlatformKey,
  createTestUnit,
  startTestServer,
  uniqueSuffix,
  type TestUnit,
} from '../support/app';
import { apiEvent, createTestContract, createTestPlan } from './fixtures';

/** POST /usage/events: idempotent by key, refused whole when any item is bad, counted once under concurrency. */
let running: Running;
let unit: TestUnit;
let contract: Contract;

beforeAll(async () => {
  running = await startTestServer();
  unit = await createTestUnit(running, ['tenant_admin', 'desk_officer', 'leader']);
  const plan = await createTestPlan(running, { includedDossiers: 1_000_000 });
  contract = await createTestContract(running, unit.tenant.id, plan.id);
});

afterAll(async () => {
  await running?.close();
});

const post = (body: unknown, key = unit.keys.desk_officer!) =>
  request(running.url)
    .post('/api/v1/usage/events')
    .set('Authorization', bearer(key))
    .send(body as object);

async function counter(): Promise<{ quantity: number; events: number }> {
  return running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, async (tx) => {
    const row = (await tx('usage_counters')
      .where({ tenant_id: unit.tenant.id, contract_id: contract.id })
      .first()) as { quantity: number; event_count: number } | undefined;
    const [{ n }] = (await tx('usage_events')
      .where({ tenant_id: unit.tenant.id })
      .sum({ n: 'quantity' })) as [{ n: number | null }];
    expect(Number(n ?? 0), 'counter equals raw events').toBe(row?.quantity ?? 0);
    return { quantity: row?.quantity ?? 0, events: row?.event_count ?? 0 };
  });
}

describe('usage ingestion', () => {
  it('records a batch; a repeated key is acknowledged and not counted again', async () => {
    const before = await counter();
    const tag = uniqueSuffix();
    const batch = { events: [apiEvent(`a-${tag}`, 2), apiEvent(`b-${tag}`, 3)] };
    const first = await post(batch).expect(200);
    expect(first.body).toMatchObject({ received: 2, recorded: 2, duplicates: 0 });
    const again = await post(batch, unit.keys.tenant_admin!).expect(200);
    expect(again.body).toMatchObject({ received: 2, recorded: 0, duplicates: 2 });
    expect(again.body.items).toEqual([
      { idempotencyKey: `a-${tag}`, recorded: false, periodClosed: false },
      { idempotencyKey: `b-${tag}`, recorded: false, periodClosed: false },
    ]);
    // The same key twice inside one batch counts once.
    const inner = await post({ events: [apiEvent(`c-${tag}`, 4), apiEvent(`c-${tag}`, 4)] }).expect(200);
    expect(inner.body).toMatchObject({ recorded: 1, duplicates: 1 });
    expect((await counter()).quantity - before.quantity).toBe(9);
  });

  it('10 identical batches fired at once are counted once', async () => {
    const before = await counter();
    const tag = uniqueSuffix();
    const batch = { events: Array.from({ length: 50 }, (_, i) => apiEvent(`par-${tag}-${i}`, (i % 3) + 1)) };
    const expected = batch.events.reduce((s, e) => s + e.quantity, 0);
    const replies = await Promise.all(Array.from({ length: 10 }, () => post(batch)));
    for (const r of replies) expect(r.status, r.text).toBe(200);
    expect(replies.reduce((s, r) => s + (r.body as { recorded: number }).recorded, 0)).toBe(50);
    const after = await counter();
    expect(after.quantity - before.quantity).toBe(expected);
    expect(after.events - before.events).toBe(50);
  });

  it('refuses a malformed batch as a whole, with a reason per item, and applies nothing', async () => {
    const before = await counter();
    const tag = uniqueSuffix();
    const good = apiEvent(`good-${tag}`);
    const res = await post({
      events: [
        good,
        { ...apiEvent(`neg-${tag}`), quantity: -1 },
        { ...apiEvent(`zero-${tag}`), quantity: 0 },
        { ...apiEvent(`metric-${tag}`), metric: 'dossier.eaten' },
        { ...apiEvent(`date-${tag}`), occurredAt: 'hôm qua' },
        { ...apiEvent(`future-${tag}`), occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
        { ...apiEvent(`old-${tag}`), occurredAt: '2001-01-01T00:00:00Z' },
        { ...apiEvent(`extra-${tag}`), tenantId: unit.tenant.id },
        { quantity: 1 },
      ],
    });
    expect(res.status, res.text).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const paths = (res.body.errors as { path: string; message: string; message_en: string }[]).map(
      (e) => e.path,
    );
    for (const p of [
      'events.1.quantity',
      'events.2.quantity',
      'events.3.metric',
      'events.4.occurredAt',
      'events.8.idempotencyKey',
    ])
      expect(paths).toContain(p);
    expect(paths.some((p) => p.startsWith('events.7.'))).toBe(true);
    expect(paths.some((p) => p.startsWith('events.0'))).toBe(false);
    expect(await counter()).toEqual(before);

    // Dates are checked against the contracts only once every item parses: future and uncovered dates.
    const dated = await post({
      events: [
        good,
        { ...apiEvent(`future-${tag}`), occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
        { ...apiEvent(`old-${tag}`), occurredAt: '2001-01-01T00:00:00Z' },
      ],
    });
    expect(dated.status, dated.text).toBe(400);
    expect((dated.body.errors as { path: string }[]).map((e) => e.path)).toEqual([
      'events.1.occurredAt',
      'events.2.occurredAt',
    ]);
    expect(await counter()).toEqual(before);

    // The good event alone is then recorded: nothing of the refused batches was kept.
    const alone = await post({ events: [good] }).expect(200);
    expect(alone.body).toMatchObject({ recorded: 1 });
  });

  it('refuses an empty batch, a batch over 1000 events and a body without events', async () => {
    const over = { events: Array.from({ length: 1001 }, (_, i) => apiEvent(`over-${i}`)) };
    for (const body of [{ events: [] }, over, {}, { events: 'x' }]) {
      const res = await post(body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.errors[0].path).toBe('events');
    }
  });

  it('only unit roles allowed may send: a leader is refused, a platform key is refused', async () => {
    expect((await post({ events: [apiEvent(`l-${uniqueSuffix()}`)] }, unit.keys.leader!)).status).toBe(403);
    const finance = await createTestPlatformKey(running, 'finance');
    expect((await post({ events: [apiEvent(`f-${uniqueSuffix()}`)] }, finance)).status).toBe(403);
  });
});
