import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPayment,
  getPayment,
  paymentEvents,
  paymentsGatewayFrom,
  type PaymentsGateway,
} from '../../src/modules/payments/index';
import { credited, ipnQuery, newSubject, startPaymentsWorld, type PaymentsWorld } from './fixtures';

let w: PaymentsWorld;
let gw: PaymentsGateway;
beforeAll(async () => {
  w = await startPaymentsWorld();
  gw = paymentsGatewayFrom(w.running.env, w.running.url);
});
afterAll(() => w.close());

const open = (amount = 50_000) =>
  createPayment(w.running.transactor, gw, {
    kind: 'test',
    subjectId: newSubject(w, amount),
    payerCitizenId: null,
    payerIp: '127.0.0.1',
    locale: 'vn',
    createdBy: null,
  });
const ipn = async (q: string) =>
  (await fetch(`${w.running.url}/api/v1/payments/vnpay/ipn?${q}`)).json() as Promise<{
    RspCode: string;
    Message: string;
  }>;
const status = async (id: string) =>
  (await w.running.transactor.withSystem((tx) => getPayment(tx, id)))!.status;

describe('IPN answers, in the protocol order', () => {
  it('97 bad signature, 01 unknown order, 04 wrong amount, 00 recorded, then 02 and nothing changes', async () => {
    const { payment } = await open();
    expect(
      await ipn(ipnQuery(w, { txnRef: payment.txnRef, amount: 50_000 }, 'WRONGSECRETWRONGSECRET')),
    ).toMatchObject({ RspCode: '97' });
    expect(
      await ipn(
        ipnQuery(w, { txnRef: payment.txnRef, amount: 50_000 }).replace(
          'vnp_Amount=5000000',
          'vnp_Amount=100',
        ),
      ),
    ).toMatchObject({ RspCode: '97' });
    expect(await ipn('vnp_TxnRef=x')).toMatchObject({ RspCode: '97' });
    expect(await ipn(ipnQuery(w, { txnRef: 'NOSUCHREF1', amount: 50_000 }))).toMatchObject({ RspCode: '01' });
    expect(await ipn(ipnQuery(w, { txnRef: payment.txnRef, amount: 49_999 }))).toMatchObject({
      RspCode: '04',
    });
    expect(await status(payment.id)).toBe('pending');
    expect(await ipn(ipnQuery(w, { txnRef: payment.txnRef, amount: 50_000 }))).toEqual({
      RspCode: '00',
      Message: 'Confirm Success',
    });
    expect(await status(payment.id)).toBe('paid');
    // A replay, and a reordered "cancelled" arriving late: both 02, still paid.
    expect(await ipn(ipnQuery(w, { txnRef: payment.txnRef, amount: 50_000 }))).toMatchObject({
      RspCode: '02',
    });
    expect(
      await ipn(ipnQuery(w, { txnRef: payment.txnRef, amount: 50_000, code: '24', status: '02' })),
    ).toMatchObject({ RspCode: '02' });
    expect(await status(payment.id)).toBe('paid');
    const events = await w.running.transactor.withSystem((tx) => paymentEvents(tx, payment.id));
    expect(events.map((e: { to: string }) => e.to)).toEqual(['pending', 'paid']);
  });

  it('answers 00 for a failed or cancelled payment, and records it', async () => {
    const a = await open();
    expect(
      await ipn(ipnQuery(w, { txnRef: a.payment.txnRef, amount: 50_000, code: '24', status: '02' })),
    ).toMatchObject({ RspCode: '00' });
    expect(await status(a.payment.id)).toBe('cancelled');
    const b = await open();
    expect(
      await ipn(ipnQuery(w, { txnRef: b.payment.txnRef, amount: 50_000, code: '51', status: '02' })),
    ).toMatchObject({ RspCode: '00' });
    expect(await status(b.payment.id)).toBe('failed');
    // Paid needs both codes '00'.
    const c = await open();
    expect(
      await ipn(ipnQuery(w, { txnRef: c.payment.txnRef, amount: 50_000, code: '00', status: '02' })),
    ).toMatchObject({ RspCode: '00' });
    expect(await status(c.payment.id)).toBe('failed');
  });

  it('20 concurrent identical IPNs credit once', async () => {
    const { payment } = await open(75_000);
    const q = ipnQuery(w, { txnRef: payment.txnRef, amount: 75_000 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => ipn(q)));
    const codes = answers.map((a) => a.RspCode).sort();
    expect(codes.filter((c) => c === '00')).toHaveLength(1);
    expect(codes.filter((c) => c === '02')).toHaveLength(19);
    expect(credited.filter((p) => p.id === payment.id)).toHaveLength(1);
  });
});
