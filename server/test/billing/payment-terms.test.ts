import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, approveInvoice, localDate, type Invoice } from '../../../billing/src/index';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import { renderInvoicePdf } from '../../src/modules/invoices/pdf';
import {
  bearer,
  createTestPlatformKey,
  createTestTenant,
  startTestServer,
  uniqueSuffix,
} from '../support/app';
import { invoicesOf, newRun } from './fixtures';

/** Payment terms: plan version → contract (may set its own) → invoice → due date → the overdue list. */
let running: Running;
let admin: IssuedKey;
let finance: IssuedKey;

const as = (key: IssuedKey) => ({
  get: (path: string) => request(running.url).get(`/api/v1${path}`).set('Authorization', bearer(key)),
  post: (path: string, body: object = {}) =>
    request(running.url).post(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
  patch: (path: string, body: object) =>
    request(running.url).patch(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
});

beforeAll(async () => {
  running = await startTestServer();
  admin = await createTestPlatformKey(running, 'platform_admin');
  finance = await createTestPlatformKey(running, 'finance');
});
afterAll(async () => {
  await running?.close();
});

const approveAt = (id: string, at: Date) =>
  running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
    approveInvoice(tx, id, 'test-finance', at, renderInvoicePdf),
  ) as Promise<Invoice>;

describe('payment terms', () => {
  it('plan and contract carry them, issued invoices fall due after them, the overdue list uses the due date', async () => {
    const code = `PT${uniqueSuffix()}`;
    const plan = await as(admin)
      .post('/plans', {
        code,
        name: `Gói ${code}`,
        terms: {
          annualFee: 36_500_000,
          includedDossiers: 1_000,
          overage: { model: 'flat', unitPrice: 10_000 },
          paymentTermsDays: 45,
          effectiveFrom: '2000-01-01',
        },
      })
      .expect(201);
    expect(plan.body.latestVersion.paymentTermsDays).toBe(45);
    const bad = await as(admin).post('/plans', {
      code: `${code}x`,
      name: 'x',
      terms: {
        annualFee: 1,
        includedDossiers: 1,
        overage: { model: 'flat', unitPrice: 1 },
        paymentTermsDays: 0,
        effectiveFrom: '2000-01-01',
      },
    });
    expect(bad.status).toBe(400);

    // Lease years 2013-07-01 … 2014-06-30: one contract with its own 10 days, one on the plan's 45.
    const own = await createTestTenant(running);
    const planTerms = await createTestTenant(running);
    const contract = (tenantId: string, extra: object) =>
      as(admin)
        .post('/contracts', { tenantId, planId: plan.body.id, startDate: '2013-07-01', ...extra })
        .expect(201);
    const c1 = (await contract(own.id, { paymentTermsDays: 10 })).body;
    const c2 = (await contract(planTerms.id, {})).body;
    expect(c1).toMatchObject({ paymentTermsDays: 10, effectivePaymentTermsDays: 10 });
    expect(c2).toMatchObject({ paymentTermsDays: null, effectivePaymentTermsDays: 45 });
    const changed = await as(admin).patch(`/contracts/${c2.id}`, { paymentTermsDays: 60 }).expect(200);
    expect(changed.body.effectivePaymentTermsDays).toBe(60);
    await as(admin).patch(`/contracts/${c2.id}`, { paymentTermsDays: null }).expect(200);

    const run = await newRun(running, 'lease', '2013-07-01', '2013-07-01');
    await executeInvoiceRun(running.transactor, run.id, new Date());
    const drafts = await invoicesOf(running, [c1.id, c2.id]);
    const idOf = (cid: string) => drafts.find((d) => d.contract_id === cid)!.id;

    // Issued on 2013-07-05 (Asia/Ho_Chi_Minh): due 10 and 45 days later.
    const issuedAt = new Date('2013-07-04T20:00:00Z'); // 03:00 on the 5th in Viet Nam
    const i1 = await approveAt(idOf(c1.id), issuedAt);
    expect(i1).toMatchObject({ paymentTermsDays: 10, dueDate: '2013-07-15' });
    // The second is issued today: not due yet.
    const now = new Date();
    const i2 = await approveAt(idOf(c2.id), now);
    expect(i2).toMatchObject({ paymentTermsDays: 45, dueDate: addDays(localDate(now), 45) });

    const overdue = async (tenantId: string) =>
      (
        await as(finance)
          .get(`/invoices?filter=${encodeURIComponent(JSON.stringify({ overdue: true, tenantId }))}`)
          .expect(200)
      ).body as { id: string; dueDate: string }[];
    expect((await overdue(own.id)).map((i) => i.id)).toEqual([i1.id]);
    expect(await overdue(planTerms.id)).toEqual([]);
    const summary = await as(finance).get(`/finance/summary?year=2013&tenantId=${own.id}`).expect(200);
    expect(summary.body.rows[0].overdue).toBe(i1.total);

    // Credited in full: nothing left to pay, no longer overdue.
    await as(finance)
      .post('/credit-notes', { invoiceId: i1.id, amount: i1.total, reason: 'Miễn phí' })
      .expect(201);
    expect(await overdue(own.id)).toEqual([]);
  });
});
