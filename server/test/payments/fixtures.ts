import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { signParams, vnpDate } from '../../../billing/src/gateway/index';
import {
  startPaymentGateway,
  type PaymentGatewayHandle,
  type SimMerchant,
} from '../../../infra/src/payment-gateway-simulator';
import { boot, type Running } from '../../src/boot';
import {
  createMerchantAccount,
  registerPaymentSubject,
  type Payment,
} from '../../src/modules/payments/index';
import { merchantByTmnCode } from '../../src/modules/payments/merchants';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
import { createTestTenant, testEnv, uniqueSuffix } from '../support/app';

/** A payment subject for tests: what is owed lives in memory, and credits are counted. */
export const owed = new Map<string, { tenantId: string; amount: number }>();
export const credited: Payment[] = [];
registerPaymentSubject({
  kind: 'test',
  describe: async (_tx, id) => {
    const o = owed.get(id);
    return o
      ? {
          tenantId: o.tenantId,
          merchantTenantId: o.tenantId,
          amount: o.amount,
          orderInfo: 'Le phi thu nghiem',
        }
      : null;
  },
  onPaid: async (_tx, p) => void credited.push(p),
});

export interface PaymentsWorld {
  running: Running;
  gw: PaymentGatewayHandle;
  tenantId: string;
  tmnCode: string;
  secret: string;
  logs: string[];
  close(): Promise<void>;
}

/** The server, booted with a captured logger, a unit with its own terminal, and the simulator. */
export async function startPaymentsWorld(): Promise<PaymentsWorld> {
  // Like boot's simulator, it knows every terminal from our merchant accounts (once booted).
  let lookup: (tmnCode: string) => Promise<SimMerchant | null> = () => Promise.resolve(null);
  const gw = await startPaymentGateway({
    port: 0,
    merchants: (tmnCode) => lookup(tmnCode),
    ipnAttempts: 3,
    ipnBackoffMs: 50,
  });
  const logs: string[] = [];
  const sink = new Writable({ write: (c: Buffer, _e, done) => (logs.push(c.toString('utf8')), done()) });
  const env = testEnv({
    env: { VNPAY_URL: gw.paymentUrl, VNPAY_API_URL: gw.apiUrl, VNPAY_TIMEOUT_MS: '2000' },
  });
  const logger = pino(
    { level: 'trace', redact: ['*.password', '*.secret', '*.token', '*.secret_sealed', '*.hashSecret'] },
    sink,
  );
  const running = await boot({ env, logger, devServices: false, migrate: false, seedDemo: false });
  const vault = signingKeysFrom(env);
  lookup = async (tmnCode) => {
    const m = await running.transactor.withSystem((tx) => merchantByTmnCode(tx, vault, tmnCode));
    return m ? { secret: m.secret, ipnUrl: `${running.url}/api/v1/payments/vnpay/ipn` } : null;
  };
  const tenant = await createTestTenant(running);
  const tmnCode = `T${uniqueSuffix().toUpperCase()}`;
  const secret = `SECRET${uniqueSuffix()}${uniqueSuffix()}${uniqueSuffix()}X`;
  await running.transactor.withSystem((tx) =>
    createMerchantAccount(tx, signingKeysFrom(env), { tenantId: tenant.id, tmnCode, secret }),
  );
  gw.addMerchant(tmnCode, { secret, ipnUrl: `${running.url}/api/v1/payments/vnpay/ipn` });
  return {
    running,
    gw,
    tenantId: tenant.id,
    tmnCode,
    secret,
    logs,
    close: async () => {
      await gw.close();
      await running.close();
    },
  };
}

/** A subject owing `amount` đồng to the world's unit. */
export function newSubject(w: PaymentsWorld, amount: number): string {
  const id = randomUUID();
  owed.set(id, { tenantId: w.tenantId, amount });
  return id;
}

/** A signed IPN query as the gateway would send it. */
export function ipnQuery(
  w: PaymentsWorld,
  p: { txnRef: string; amount: number; code?: string; status?: string },
  secret = w.secret,
) {
  const params: Record<string, string> = {
    vnp_Amount: String(p.amount * 100),
    vnp_BankCode: 'NCB',
    vnp_OrderInfo: 'Le phi thu nghiem',
    vnp_PayDate: vnpDate(new Date()),
    vnp_ResponseCode: p.code ?? '00',
    vnp_TmnCode: w.tmnCode,
    vnp_TransactionNo: '14012345',
    vnp_TransactionStatus: p.status ?? '00',
    vnp_TxnRef: p.txnRef,
  };
  const { query, hash } = signParams(params, secret);
  return `${query}&vnp_SecureHash=${hash}`;
}

/**
 * A person on the simulator's payment page: opens the redirect URL, presses approve, cancel or
 * expire, and follows the gateway's redirect back to our return page. Returns the return page's
 * answer (and the signed return query, for tampering).
 */
export async function decideOnGateway(
  redirectUrl: string,
  action: 'approve' | 'cancel' | 'expire',
): Promise<{ returnQuery: string; status: number; body: Record<string, unknown> }> {
  const page = await fetch(redirectUrl);
  const html = await page.text();
  const id = /name="id" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !id) throw new Error(`payment page ${page.status}: ${html.slice(0, 200)}`);
  const decided = await fetch(new URL('/paymentv2/decide', redirectUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ id, action }).toString(),
    redirect: 'manual',
  });
  const location = decided.headers.get('location');
  if (decided.status !== 302 || !location) throw new Error(`decide answered ${decided.status}`);
  const back = await fetch(location);
  return {
    returnQuery: new URL(location).search.slice(1),
    status: back.status,
    body: (await back.json()) as Record<string, unknown>,
  };
}
