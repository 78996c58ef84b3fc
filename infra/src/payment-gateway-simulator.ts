import http from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';
import { hmacSha512, parseVnpDate, sameHash, signedQuery, vnpDate } from '../../billing/src/gateway/protocol';
import { handleApi } from './payment-gateway-api';
import { errorPage, paymentPage } from './payment-gateway-pages';
import type { IpnDelivery, MerchantSource, SimMerchant, SimTransaction } from './payment-gateway-state';
import { closeHttp, httpUrl, listen } from './net';

export type { SimMerchant, SimTransaction, IpnDelivery } from './payment-gateway-state';

/**
 * A local payment gateway speaking VNPay protocol 2.1.0 for development and tests: the payment
 * page (approve, cancel, or let it expire), the signed return redirect, the IPN call with bounded
 * retries, and the querydr/refund API. It checks signatures as strictly as the real one.
 */
export interface PaymentGatewayOptions {
  port: number;
  host?: string;
  merchants: MerchantSource;
  /** IPN attempts in all (the first plus retries) and the first back-off; it doubles each time. */
  ipnAttempts?: number;
  ipnBackoffMs?: number;
  now?: () => Date;
}

export interface PaymentGatewayHandle {
  url: string;
  /** The payment page, the merchant's vnp_Url. */
  paymentUrl: string;
  /** The querydr/refund endpoint. */
  apiUrl: string;
  port: number;
  addMerchant(tmnCode: string, merchant: SimMerchant): void;
  /** Simulates an IPN lost on the way: results are still recorded and the browser still returns. */
  dropIpn(drop: boolean): void;
  transaction(tmnCode: string, txnRef: string): SimTransaction | undefined;
  ipnDeliveries: IpnDelivery[];
  /** Resolves when no IPN delivery is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const RESULT: Record<
  'approve' | 'cancel' | 'expire',
  { code: string; status: string; state: SimTransaction['status'] }
> = {
  approve: { code: '00', status: '00', state: 'paid' },
  cancel: { code: '24', status: '02', state: 'cancelled' },
  expire: { code: '11', status: '02', state: 'expired' },
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 65536) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

export async function startPaymentGateway(opts: PaymentGatewayOptions): Promise<PaymentGatewayHandle> {
  const now = opts.now ?? (() => new Date());
  const host = opts.host ?? '127.0.0.1';
  const extra = new Map<string, SimMerchant>();
  const txns = new Map<string, SimTransaction>();
  const byId = new Map<string, SimTransaction>();
  const deliveries: IpnDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let dropping = false;
  let closed = false;

  const merchant = async (tmnCode: string): Promise<SimMerchant | null> => {
    const known = extra.get(tmnCode);
    if (known) return known;
    const src = opts.merchants;
    return typeof src === 'function' ? src(tmnCode) : (src[tmnCode] ?? null);
  };
  const key = (tmn: string, ref: string) => `${tmn}\u0000${ref}`;
  const sleep = (ms: number) =>
    new Promise<void>((ok) => {
      const t = setTimeout(() => (timers.delete(t), ok()), ms);
      timers.add(t);
    });

  async function deliverIpn(m: SimMerchant, t: SimTransaction, query: string): Promise<void> {
    const attempts = opts.ipnAttempts ?? 5;
    let wait = opts.ipnBackoffMs ?? 1000;
    for (let attempt = 1; attempt <= attempts && !closed; attempt++) {
      let rspCode: string | null = null;
      try {
        const res = await fetch(`${m.ipnUrl}${m.ipnUrl.includes('?') ? '&' : '?'}${query}`, {
          signal: AbortSignal.timeout(5000),
        });
        const body = (await res.json()) as { RspCode?: unknown };
        rspCode = typeof body.RspCode === 'string' ? body.RspCode : null;
        deliveries.push({ txnRef: t.txnRef, attempt, rspCode });
      } catch (err) {
        deliveries.push({
          txnRef: t.txnRef,
          attempt,
          rspCode: null,
          error: err instanceof Error ? err.message : 'error',
        });
      }
      // VNPay stops once the merchant confirms (00) or says it already had the result (02).
      if (rspCode === '00' || rspCode === '02') return;
      if (attempt < attempts) await sleep(wait);
      wait *= 2;
    }
  }

  async function pay(url: URL, res: http.ServerResponse): Promise<void> {
    const p = Object.fromEntries(url.searchParams);
    const send = (status: number, html: string): void =>
      void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    const m = await merchant(p.vnp_TmnCode ?? '');
    if (!m) return send(400, errorPage('02', 'Website chưa được phê duyệt / Merchant not registered'));
    if (!sameHash(hmacSha512(m.secret, signedQuery(p)), p.vnp_SecureHash ?? ''))
      return send(400, errorPage('70', 'Sai chữ ký / Invalid signature'));
    const amount100 = Number(p.vnp_Amount);
    if (
      p.vnp_Version !== '2.1.0' ||
      p.vnp_Command !== 'pay' ||
      p.vnp_CurrCode !== 'VND' ||
      !Number.isSafeInteger(amount100) ||
      amount100 <= 0 ||
      amount100 % 100 !== 0 ||
      !p.vnp_TxnRef ||
      !p.vnp_ReturnUrl
    )
      return send(400, errorPage('03', 'Dữ liệu gửi sang không đúng định dạng / Invalid data format'));
    // The vnpay package leaves vnp_ExpireDate out unless asked; fifteen minutes, as VNPay's sandbox allows.
    const expires = p.vnp_ExpireDate
      ? parseVnpDate(p.vnp_ExpireDate)
      : new Date(now().getTime() + 15 * 60_000);
    if (!expires || expires <= now())
      return send(400, errorPage('11', 'Giao dịch đã hết hạn chờ thanh toán / Expired'));
    const k = key(p.vnp_TmnCode!, p.vnp_TxnRef);
    let t = txns.get(k);
    if (t && t.status !== 'open')
      return send(400, errorPage('94', 'Giao dịch đã tồn tại / Duplicate transaction'));
    if (!t) {
      t = {
        id: randomBytes(12).toString('hex'),
        tmnCode: p.vnp_TmnCode!,
        txnRef: p.vnp_TxnRef,
        amount100,
        orderInfo: p.vnp_OrderInfo ?? '',
        returnUrl: p.vnp_ReturnUrl,
        createDate: p.vnp_CreateDate ?? '',
        expireDate: vnpDate(expires),
        status: 'open',
        transactionNo: String(randomInt(10_000_000, 99_999_999)),
        bankCode: '',
        payDate: '',
        refunded100: 0,
      };
      txns.set(k, t);
      byId.set(t.id, t);
    }
    send(
      200,
      paymentPage({
        id: t.id,
        merchant: t.tmnCode,
        txnRef: t.txnRef,
        amount: amount100 / 100,
        orderInfo: t.orderInfo,
        expiresAt: t.expireDate,
      }),
    );
  }

  async function decide(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const t = byId.get(form.get('id') ?? '');
    const action = form.get('action');
    if (!t || t.status !== 'open' || (action !== 'approve' && action !== 'cancel' && action !== 'expire'))
      return void res
        .writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
        .end(errorPage('03', 'Giao dịch không hợp lệ'));
    const m = await merchant(t.tmnCode);
    if (!m) return void res.writeHead(400).end();
    // Approving after the deadline is an expiry, whatever the button said.
    const expired = (parseVnpDate(t.expireDate)?.getTime() ?? 0) <= now().getTime();
    const r = RESULT[action === 'approve' && expired ? 'expire' : action];
    t.status = r.state;
    t.bankCode = r.state === 'paid' ? 'NCB' : '';
    t.payDate = vnpDate(now());
    const result: Record<string, string> = {
      vnp_Amount: String(t.amount100),
      vnp_BankCode: t.bankCode || 'VNPAY',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: t.orderInfo,
      vnp_PayDate: t.payDate,
      vnp_ResponseCode: r.code,
      vnp_TmnCode: t.tmnCode,
      vnp_TransactionNo: r.state === 'paid' ? t.transactionNo : '0',
      vnp_TransactionStatus: r.status,
      vnp_TxnRef: t.txnRef,
    };
    if (r.state === 'paid') result.vnp_BankTranNo = `VNP${t.transactionNo}`;
    const query = `${signedQuery(result)}&vnp_SecureHash=${hmacSha512(m.secret, signedQuery(result))}`;
    if (!dropping) {
      const p = deliverIpn(m, t, query).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    res.writeHead(302, { location: `${t.returnUrl}${t.returnUrl.includes('?') ? '&' : '?'}${query}` }).end();
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const out = await handleApi({ merchant, find: (tmn, ref) => txns.get(key(tmn, ref)), now }, body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const run =
      req.method === 'GET' && url.pathname === '/paymentv2/vpcpay.html'
        ? pay(url, res)
        : req.method === 'POST' && url.pathname === '/paymentv2/decide'
          ? decide(req, res)
          : req.method === 'POST' && url.pathname === '/merchant_webapi/api/transaction'
            ? api(req, res)
            : Promise.resolve(void res.writeHead(404).end());
    run.catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const port = await listen(server, opts.port, host);
  const url = httpUrl(host, port);
  return {
    url,
    port,
    paymentUrl: `${url}/paymentv2/vpcpay.html`,
    apiUrl: `${url}/merchant_webapi/api/transaction`,
    addMerchant: (tmn, m) => void extra.set(tmn, m),
    dropIpn: (d) => void (dropping = d),
    transaction: (tmn, ref) => txns.get(key(tmn, ref)),
    ipnDeliveries: deliveries,
    idle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    close: async () => {
      closed = true;
      for (const t of timers) clearTimeout(t);
      await closeHttp(server);
    },
  };
}
