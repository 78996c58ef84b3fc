import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPayment,
  getPayment,
  paymentEvents,
  paymentsGatewayFrom,
  reconcilePending,
  refundPayment,
  type PaymentsGateway,
} from '../../src/modules/payments/index';
import { credited, decideOnGateway, newSubject, startPaymentsWorld, type PaymentsWorld } from './fixtures';

/** Whole flows through the simulator: the page, the return redirect, the IPN, querydr and refund. */
let w: PaymentsWorld;
let gw: PaymentsGateway;
beforeAll(async () => {
  w = await startPaymentsWorld();
  gw = paymentsGatewayFrom(w.running.env, w.running.url);
});
afterAll(() => w.close());

const open = (amount: number) =>
  createPayment(w.running.transactor, gw, {
    kind: 'test',
    subjectId: newSubject(w, amount),
    payerCitizenId: null,
    payerIp: '127.0.0.1',
    locale: 'vn',
    createdBy: null,
  });
const read = async (id: string) => (await w.running.transactor.withSystem((tx) => getPayment(tx, id)))!;
const events = (id: string) => w.running.transactor.withSystem((tx) => paymentEvents(tx, id));

describe('payment flows through the simulator', () => {
  it('pay → IPN → paid; the return page reports it', async () => {
    const { payment, redirectUrl } = await open(120_000);
    const back = await decideOnGateway(redirectUrl, 'approve');
    await w.gw.idle();
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ paymentId: payment.id, amount: 120_000, gatewayOutcome: 'paid' });
    const p = await read(payment.id);
    expect(p).toMatchObject({ status: 'paid', bankCode: 'NCB' });
    expect(p.gatewayTransactionNo).toBe(w.gw.transaction(w.tmnCode, payment.txnRef)!.transactionNo);
    expect(credited.filter((c) => c.id === payment.id)).toHaveLength(1);
    expect(w.gw.ipnDeliveries.filter((d) => d.txnRef === payment.txnRef).map((d) => d.rspCode)).toEqual([
      '00',
    ]);
  });

  it('cancel and expire are recorded from the IPN, and nothing is credited', async () => {
    const a = await open(30_000);
    await decideOnGateway(a.redirectUrl, 'cancel');
    const b = await open(30_000);
    await decideOnGateway(b.redirectUrl, 'expire');
    await w.gw.idle();
    expect((await read(a.payment.id)).status).toBe('cancelled');
    expect((await read(b.payment.id)).status).toBe('expired');
    expect(credited.filter((c) => c.id === a.payment.id || c.id === b.payment.id)).toHaveLength(0);
  });

  it('refunds part, then the rest; a third refund is refused', async () => {
    const { payment, redirectUrl } = await open(200_000);
    await decideOnGateway(redirectUrl, 'approve');
    await w.gw.idle();
    const refund = (amount?: number) =>
      refundPayment(w.running.transactor, gw, { paymentId: payment.id, amount, by: 'test', reason: 'thu' });
    expect(await refund(50_000)).toMatchObject({ status: 'partially_refunded', refundedAmount: 50_000 });
    expect(await refund()).toMatchObject({ status: 'refunded', refundedAmount: 200_000 });
    await expect(refund(1)).rejects.toMatchObject({ code: 'conflict' });
    expect(w.gw.transaction(w.tmnCode, payment.txnRef)).toMatchObject({ status: 'refunded' });
    expect((await events(payment.id)).map((e: { to: string }) => e.to)).toEqual([
      'pending',
      'paid',
      'partially_refunded',
      'refunded',
    ]);
  });

  it('a lost IPN leaves the payment pending until reconciliation settles it by querydr', async () => {
    w.gw.dropIpn(true);
    try {
      const { payment, redirectUrl } = await open(45_000);
      const back = await decideOnGateway(redirectUrl, 'approve');
      // The browser came back saying "paid", but the return page establishes nothing.
      expect(back.body).toMatchObject({ status: 'pending', gatewayOutcome: 'paid' });
      expect((await read(payment.id)).status).toBe('pending');
      const r = await reconcilePending(w.running.transactor, gw, { olderThanMinutes: 0 });
      expect(r.settled).toBeGreaterThanOrEqual(1);
      expect((await read(payment.id)).status).toBe('paid');
      expect(credited.filter((c) => c.id === payment.id)).toHaveLength(1);
      expect((await events(payment.id)).at(-1)).toMatchObject({ to: 'paid', source: 'querydr' });
      // Run again: nothing changes, nothing is credited twice.
      await reconcilePending(w.running.transactor, gw, { olderThanMinutes: 0 });
      expect(credited.filter((c) => c.id === payment.id)).toHaveLength(1);
    } finally {
      w.gw.dropIpn(false);
    }
  });

  it('a tampered return URL is refused and marks nothing paid', async () => {
    w.gw.dropIpn(true);
    try {
      const { payment, redirectUrl } = await open(60_000);
      const cancelled = await decideOnGateway(redirectUrl, 'cancel');
      // Turn the cancellation into a success without the secret: the signature no longer matches.
      const forged = cancelled.returnQuery
        .replace('vnp_ResponseCode=24', 'vnp_ResponseCode=00')
        .replace('vnp_TransactionStatus=02', 'vnp_TransactionStatus=00');
      const res = await fetch(`${w.running.url}/api/v1/payments/vnpay/return?${forged}`);
      expect(res.status).toBe(400);
      expect((await read(payment.id)).status).toBe('pending');
    } finally {
      w.gw.dropIpn(false);
    }
  });

  it('no secret reaches the logs', () => {
    const all = w.logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(w.secret);
    // The request logs do carry vnp_SecureHash: a MAC travelling in the URL, not a secret.
    expect(all).toContain('vnp_SecureHash');
  });
});
