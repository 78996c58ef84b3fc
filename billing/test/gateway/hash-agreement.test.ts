import { describe, expect, it } from 'vitest';
import { VNPay, HashAlgorithm, ProductCode, VnpLocale, ignoreLogger } from 'vnpay';
import { buildPaymentUrl, signParams, verifyIpn, verifyReturn, vnpDate } from '../../src/gateway/index';

/**
 * Our signing and the independent `vnpay` package must agree byte for byte, or a URL one side
 * builds fails verification on the other. The raw signer is compared on order info our own
 * validation would refuse (Vietnamese, spaces, '+', '&', '='), because the question here is the
 * hashing rule itself.
 */
const SECRET = 'AGREEMENTSECRET0123456789ABCDEFG';
const TMN = 'AGREE001';
const HOST = 'http://127.0.0.1:9';

const vnpay = new VNPay({
  tmnCode: TMN,
  secureSecret: SECRET,
  vnpayHost: HOST,
  hashAlgorithm: HashAlgorithm.SHA512,
  enableLog: false,
  loggerFn: ignoreLogger,
});

// A seeded generator keeps a failure reproducible.
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
const PIECES = [
  'Thanh toán',
  'lệ phí',
  'hồ sơ',
  'Đăng ký khai sinh',
  ' ',
  '+',
  '&',
  '=',
  'a+b=c&d',
  '100%',
  'Nguyễn Văn Ánh',
  '/',
  '?',
  '#',
  'ABC123',
  'ữ',
  '₫',
];

function orderInfo(r: () => number): string {
  const n = 1 + Math.floor(r() * 6);
  return Array.from({ length: n }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
}

describe('hash agreement with the vnpay package', () => {
  it('signs 300 generated parameter sets identically', () => {
    const r = rng(20261123);
    for (let i = 0; i < 300; i++) {
      const createdAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 3e10));
      const data = {
        vnp_Amount: 1 + Math.floor(r() * 50_000_000),
        vnp_IpAddr: r() < 0.5 ? '127.0.0.1' : '2001:db8::1',
        vnp_TxnRef: `T${i}X${Math.floor(r() * 1e9)}`,
        vnp_OrderInfo: orderInfo(r).trim() || 'x',
        vnp_OrderType: ProductCode.Other,
        vnp_ReturnUrl: `http://localhost:3000/api/v1/payments/vnpay/return?x=${i}&y=a b`,
        vnp_Locale: r() < 0.5 ? VnpLocale.VN : VnpLocale.EN,
        vnp_CreateDate: Number(vnpDate(createdAt)),
        vnp_ExpireDate: Number(vnpDate(new Date(createdAt.getTime() + 15 * 60_000))),
      };
      const theirs = new URL(vnpay.buildPaymentUrl(data));
      const params: Record<string, string> = {};
      theirs.searchParams.forEach((v, k) => (params[k] = v));
      const theirHash = params.vnp_SecureHash;
      delete params.vnp_SecureHash;
      const ours = signParams(params, SECRET);
      expect(ours.hash, data.vnp_OrderInfo).toBe(theirHash);
      expect(ours.query).toBe(theirs.search.slice(1).replace(/&vnp_SecureHash=[0-9a-f]+$/, ''));
    }
  });

  it('each side verifies what the other built', () => {
    const createdAt = new Date('2026-11-23T03:04:05Z');
    const url = buildPaymentUrl(
      {
        gatewayUrl: `${HOST}/paymentv2/vpcpay.html`,
        tmnCode: TMN,
        amount: 150_000,
        txnRef: 'MC123ABC',
        orderInfo: 'Nộp lệ phí hồ sơ 000 00 03 H34',
        orderType: 'other',
        locale: 'vn',
        returnUrl: 'http://localhost:3000/api/v1/payments/vnpay/return',
        ipAddr: '127.0.0.1',
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 900_000),
      },
      SECRET,
    );
    expect(url).toContain('vnp_CreateDate=20261123100405');
    const query = Object.fromEntries(new URL(url).searchParams);
    // Their verifier checks our URL (a payment URL is signed exactly like a return query).
    expect(vnpay.verifyReturnUrl(query as never).isVerified).toBe(true);
    // Ours checks theirs.
    const theirs = Object.fromEntries(
      new URL(
        vnpay.buildPaymentUrl({
          vnp_Amount: 99_000,
          vnp_IpAddr: '127.0.0.1',
          vnp_TxnRef: 'REF1',
          vnp_OrderInfo: 'Lệ phí + phí & thuế = 99.000',
          vnp_ReturnUrl: 'http://x/y',
        }),
      ).searchParams,
    );
    const checked = verifyIpn(theirs, SECRET);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.result.amount).toBe(99_000);
    expect(verifyReturn({ ...theirs, vnp_Amount: '9900001' }, SECRET)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses order info and references the encodings disagree on', () => {
    const base = {
      gatewayUrl: HOST,
      tmnCode: TMN,
      amount: 1000,
      txnRef: 'A1',
      orderInfo: 'Le phi',
      orderType: 'other',
      locale: 'vn' as const,
      returnUrl: 'http://x',
      ipAddr: '127.0.0.1',
      createdAt: new Date(0),
      expiresAt: new Date(1000),
    };
    for (const bad of ["it's", 'a(b)', 'x!', 'a~b', 'a*b', 'a+b', 'a&b', 'a=b', ' lead'])
      expect(() => buildPaymentUrl({ ...base, orderInfo: bad }, SECRET), bad).toThrow();
    expect(() => buildPaymentUrl({ ...base, txnRef: 'A-1' }, SECRET)).toThrow();
    expect(() => buildPaymentUrl({ ...base, amount: 10.5 }, SECRET)).toThrow();
    expect(buildPaymentUrl(base, SECRET)).toContain('vnp_Amount=100000');
  });
});
