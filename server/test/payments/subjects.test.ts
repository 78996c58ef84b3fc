import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { findDossier } from '../../src/modules/dossiers/queries';
import { submitDossier, submitInput } from '../../src/modules/dossiers/submit';
import { createMerchantAccount, createPayment, paymentsGatewayFrom } from '../../src/modules/payments/index';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
import '../../src/modules/dossiers/fees';
import { createBillingPlan, invoicesOf, newRun, unitWithUsage } from '../billing/fixtures';
import { createDossierUnit, createPublishedProcedure, desk, newCitizen } from '../dossiers/fixture';
import {
  bearer,
  createTestPlatformKey,
  createTestTenantKey,
  uniqueSuffix,
  type TestUnit,
} from '../support/app';
import { decideOnGateway, startPaymentsWorld, type PaymentsWorld } from './fixtures';

/** The two real subjects through the simulator: a dossier's level-4 fee and a unit's invoice. */
let w: PaymentsWorld;
let finance: IssuedKey;
beforeAll(async () => {
  w = await startPaymentsWorld();
  finance = await createTestPlatformKey(w.running, 'finance');
}, 60_000);
afterAll(() => w.close());

const as = (key: IssuedKey) => ({
  get: (p: string) => request(w.running.url).get(`/api/v1${p}`).set('Authorization', bearer(key)),
  post: (p: string, body: object = {}) =>
    request(w.running.url).post(`/api/v1${p}`).set('Authorization', bearer(key)).send(body),
});
const dossier = async (id: string) => (await w.running.transactor.withSystem((tx) => findDossier(tx, id)))!;
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('dossier fees (level 4)', () => {
  let unit: TestUnit;
  let dossierId: string;
  let citizenId: string;
  let paymentId: string;

  beforeAll(async () => {
    unit = await createDossierUnit(w.running);
    const vault = signingKeysFrom(w.running.env);
    await w.running.transactor.withSystem((tx) =>
      createMerchantAccount(tx, vault, {
        tenantId: unit.tenant.id,
        tmnCode: `D${uniqueSuffix().toUpperCase()}`,
        secret: `DOSSIERSECRET${uniqueSuffix()}${uniqueSuffix()}`,
      }),
    );
    const procedureId = await createPublishedProcedure(w.running, unit.tenant.id);
    await w.running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, (tx) =>
      tx('procedures')
        .where({ id: procedureId })
        .update({ fees: JSON.stringify([{ name: 'Lệ phí', amount: 8_000 }]), fee_total: 8_000 }),
    );
    citizenId = await newCitizen(w.running);
    // The submission carries no files: any use of the file store would be a bug here.
    const store = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('no files in this test');
        },
      },
    ) as Parameters<typeof submitDossier>[4];
    const input = submitInput.parse({ procedureId, data: { 'applicant.full_name': 'NGUYỄN VĂN AN' } });
    dossierId = (await submitDossier(w.running.transactor, citizenId, input, null, store)).dossier.id;
  }, 60_000);

  it('the fee is fixed at submission; pay → IPN → the dossier is paid, with a history entry', async () => {
    expect((await dossier(dossierId)).fee_total).toBe(8_000);
    const gw = paymentsGatewayFrom(w.running.env, w.running.url);
    const pay = () =>
      createPayment(w.running.transactor, gw, {
        kind: 'dossier_fee',
        subjectId: dossierId,
        payerCitizenId: citizenId,
        payerIp: '127.0.0.1',
        locale: 'vn',
        createdBy: null,
      });
    const { payment, redirectUrl } = await pay();
    paymentId = payment.id;
    expect(payment.amount).toBe(8_000);
    await decideOnGateway(redirectUrl, 'approve');
    await w.gw.idle();
    const d = await dossier(dossierId);
    expect(d.fee_paid_at).not.toBeNull();
    expect(d.fee_payment_id).toBe(payment.id);
    const detail = await as(desk(unit)!).get(`/dossiers/${dossierId}`);
    expect(detail.body.fee).toMatchObject({ total: 8_000, status: 'paid', paymentId: payment.id });
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toContain('pay-fee');
    // Nothing is owed any more.
    await expect(pay()).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the unit prints the receipt; another unit gets 404', async () => {
    const pdf = await as(desk(unit)!).get(`/payments/${paymentId}/receipt.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(
      Buffer.from(pdf.body as Buffer)
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
    const other = await createDossierUnit(w.running, { contract: false });
    expect((await as(desk(other)!).get(`/payments/${paymentId}/receipt.pdf`)).status).toBe(404);
  });

  it('refusing the paid dossier refunds the fee once, through the outbox job', async () => {
    const res = await as(desk(unit)!).post(`/dossiers/${dossierId}/refuse`, { reason: 'Thiếu giấy tờ' });
    expect(res.status, res.text).toBe(200);
    const d = await until(
      () => dossier(dossierId),
      (x) => x.fee_refunded === 8_000,
    );

    expect(d.fee_refunded).toBe(8_000);
    const p = await as(finance).get(`/payments/${paymentId}`);
    expect(p.body).toMatchObject({ status: 'refunded', refundedAmount: 8_000 });
    const detail = await as(desk(unit)!).get(`/dossiers/${dossierId}`);
    expect(detail.body.fee.status).toBe('refunded');
    expect(detail.body.timeline.filter((e: { action: string }) => e.action === 'refund-fee')).toHaveLength(1);
  });
});

describe('invoice payments', () => {
  it('a unit admin pays an issued invoice; it becomes paid with the gateway number; finance sees it', async () => {
    const plan = await createBillingPlan(w.running);
    const contract = await unitWithUsage(w.running, plan.id, '2011-04-14', '2012-04-13', 1_050);
    const run = await newRun(w.running, 'overage', '2012-04-13', '2012-04-13');
    await executeInvoiceRun(w.running.transactor, run.id, new Date());
    const [inv] = await invoicesOf(w.running, [contract.id]);
    expect((await as(finance).post(`/invoices/${inv!.id}/approve`)).status).toBe(200);
    // The platform's own terminal (one active at a time): this file's, known to its simulator.
    const vault = signingKeysFrom(w.running.env);
    await w.running.transactor.withSystem(async (tx) => {
      await tx('merchant_accounts')
        .whereNull('tenant_id')
        .where({ status: 'active' })
        .update({ status: 'disabled' });
      await createMerchantAccount(tx, vault, {
        tenantId: null,
        tmnCode: `P${uniqueSuffix().toUpperCase()}`,
        secret: `PLATFORMSECRET${uniqueSuffix()}${uniqueSuffix()}`,
      });
    });
    const admin = await createTestTenantKey(w.running, contract.tenantId, 'tenant_admin');
    const stranger = await createTestTenantKey(w.running, w.tenantId, 'tenant_admin');
    expect((await as(stranger).post(`/invoices/${inv!.id}/payments`)).status).toBe(404);

    const opened = await as(admin).post(`/invoices/${inv!.id}/payments`);
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body.amount).toBe(inv!.total);
    await decideOnGateway(opened.body.redirectUrl as string, 'approve');
    await w.gw.idle();
    const payment = await as(finance).get(`/payments/${opened.body.paymentId}`);
    expect(payment.body).toMatchObject({ kind: 'invoice', status: 'paid' });
    expect(payment.body.gatewayTransactionNo).toMatch(/^\d+$/);
    const paid = await as(finance).get(`/invoices/${inv!.id}`);
    expect(paid.body).toMatchObject({ status: 'paid' });
    expect(paid.body.paymentReference).toBe(`VNPAY ${payment.body.gatewayTransactionNo}`);
    expect((await as(admin).post(`/invoices/${inv!.id}/payments`)).status).toBe(404);
  });
});
