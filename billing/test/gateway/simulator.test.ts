import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VNPay, HashAlgorithm, ignoreLogger } from 'vnpay';
import { startPaymentGateway, type PaymentGatewayHandle } from '../../../infra/src/payment-gateway-simulator';
import {
  buildPaymentUrl,
  queryTransaction,
  refund,
  verifyIpn,
  GatewayUnavailableError,
} from '../../src/gateway/index';

/** The simulator against our client and the independent `vnpay` package, over real HTTP. */
const SECRET = 'SIMULATORSECRET0123456789ABCDEFG';
const TMN = 'SIMTEST1';
let gw: PaymentGatewayHandle;
let ipn: http.Server;
const ipnCalls: Record<string, string>[] = [];
let answer = '00';

beforeAll(async () => {
  ipn = http.createServer((req, res) => {
    ipnCalls.push(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ RspCode: answer, Message: 'x' }));
  });
  await new Promise<void>((ok) => ipn.listen(0, '127.0.0.1', ok));
  const port = (ipn.address() as { port: number }).port;
  gw = await startPaymentGateway({
    port: 0,
    merchants: { [TMN]: { secret: SECRET, ipnUrl: `http://127.0.0.1:${port}/ipn` } },
    ipnAttempts: 3,
    ipnBackoffMs: 20,
  });
});
afterAll(async () => {
  await gw.close();
  await new Promise((ok) => ipn.close(ok));
});

const ours = (txnRef: string, amount = 120_000) =>
  buildPaymentUrl(
    {
      gatewayUrl: gw.paymentUrl,
      tmnCode: TMN,
      amount,
      txnRef,
      orderInfo: 'Nop le phi ho so',
      orderType: 'other',
      locale: 'vn',
      returnUrl: 'http://127.0.0.1:1/return',
      ipAddr: '127.0.0.1',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 600_000),
    },
    SECRET,
  );

async function decide(paymentUrl: string, action: 'approve' | 'cancel' | 'expire') {
  const page = await fetch(paymentUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Thanh toán');
  const id = /name="id" value="([0-9a-f]+)"/.exec(html)![1]!;
  const res = await fetch(`${gw.url}/paymentv2/decide`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ id, action }),
  });
  expect(res.status).toBe(302);
  return Object.fromEntries(new URL(res.headers.get('location')!).searchParams);
}

describe('payment gateway simulator', () => {
  it('approves a URL our client built, redirects with a signed result and calls the IPN', async () => {
    const ret = await decide(ours('SIMA1'), 'approve');
    const v = verifyIpn(ret, SECRET);
    expect(v.ok && v.result.outcome).toBe('paid');
    await gw.idle();
    expect(ipnCalls.at(-1)?.vnp_TxnRef).toBe('SIMA1');
    expect(verifyIpn(ipnCalls.at(-1)!, SECRET).ok).toBe(true);
  });

  it('accepts a URL the vnpay package built, and the package verifies the result', async () => {
    const vnpay = new VNPay({
      tmnCode: TMN,
      secureSecret: SECRET,
      vnpayHost: gw.url,
      queryDrAndRefundHost: gw.url,
      hashAlgorithm: HashAlgorithm.SHA512,
      enableLog: false,
      loggerFn: ignoreLogger,
    });
    const url = vnpay.buildPaymentUrl({
      vnp_Amount: 50_000,
      vnp_IpAddr: '127.0.0.1',
      vnp_TxnRef: 'PKG1',
      vnp_OrderInfo: 'Lệ phí + thuế & phí = 50.000',
      vnp_ReturnUrl: 'http://127.0.0.1:1/r',
    });
    const ret = await decide(url, 'cancel');
    expect(ret.vnp_ResponseCode).toBe('24');
    expect(vnpay.verifyReturnUrl(ret as never).isVerified).toBe(true);
    const q = await vnpay.queryDr({
      vnp_RequestId: 'r1',
      vnp_TxnRef: 'PKG1',
      vnp_OrderInfo: 'q',
      vnp_TransactionDate: 20261123000000,
      vnp_CreateDate: 20261123000000,
      vnp_IpAddr: '127.0.0.1',
      vnp_TransactionNo: 0,
    } as never);
    expect(q.isVerified).toBe(true);
    expect(q.vnp_TransactionStatus).toBe('02');
  });

  it('refuses a tampered URL', async () => {
    const res = await fetch(ours('SIMT1').replace('vnp_Amount=12000000', 'vnp_Amount=100'));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sai chữ ký');
  });

  it('retries the IPN with back-off, a bounded number of times, while the answer is not 00', async () => {
    answer = '99';
    await decide(ours('SIMR1'), 'approve');
    await gw.idle();
    answer = '00';
    expect(gw.ipnDeliveries.filter((d) => d.txnRef === 'SIMR1').map((d) => d.attempt)).toEqual([1, 2, 3]);
  });

  it('answers querydr and refunds, full or partial, with checked checksums', async () => {
    const createdAt = new Date();
    await decide(ours('SIMQ1', 200_000), 'approve');
    const m = { tmnCode: TMN, secret: SECRET };
    const q = await queryTransaction(
      m,
      { txnRef: 'SIMQ1', transactionDate: createdAt, orderInfo: 'Tra cuu', ipAddr: '127.0.0.1' },
      { apiUrl: gw.apiUrl },
    );
    expect(q).toMatchObject({
      responseCode: '00',
      transactionStatus: '00',
      outcome: 'paid',
      amount: 200_000,
    });
    const base = {
      txnRef: 'SIMQ1',
      transactionNo: q.transactionNo,
      transactionDate: createdAt,
      createdBy: 'test',
      orderInfo: 'Hoan tien',
      ipAddr: '127.0.0.1',
    };
    expect(
      (await refund(m, { ...base, amount: 50_000, full: false }, { apiUrl: gw.apiUrl })).responseCode,
    ).toBe('00');
    expect(
      (await refund(m, { ...base, amount: 200_000, full: true }, { apiUrl: gw.apiUrl })).responseCode,
    ).toBe('03');
    expect(
      (await refund(m, { ...base, amount: 150_000, full: true }, { apiUrl: gw.apiUrl })).responseCode,
    ).toBe('00');
    expect(gw.transaction(TMN, 'SIMQ1')?.status).toBe('refunded');
    const unknown = await queryTransaction(
      m,
      { txnRef: 'NOPE', transactionDate: createdAt, orderInfo: 'x', ipAddr: '127.0.0.1' },
      { apiUrl: gw.apiUrl },
    );
    expect(unknown.responseCode).toBe('91');
    await expect(
      queryTransaction(
        { tmnCode: TMN, secret: 'WRONG' },
        { txnRef: 'SIMQ1', transactionDate: createdAt, orderInfo: 'x', ipAddr: '127.0.0.1' },
        { apiUrl: gw.apiUrl },
      ),
    ).rejects.toBeInstanceOf(GatewayUnavailableError);
  });
});
