import { outcomeOf, type GatewayOutcome } from './codes';
import { hmacSha512, parseVnpDate, sameHash, signedQuery } from './protocol';

/** A gateway result whose signature checked out. */
export interface VerifiedResult {
  tmnCode: string;
  txnRef: string;
  /** Whole đồng. */
  amount: number;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: Date | null;
  outcome: GatewayOutcome;
}

export type Verification =
  { ok: true; result: VerifiedResult } | { ok: false; reason: 'signature' | 'shape' };

type Query = Record<string, unknown>;

/** Only vnp_ string parameters are signed; anything else in the query is not ours to trust. */
function vnpParams(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (k.startsWith('vnp_') && typeof v === 'string') out[k] = v;
  return out;
}

function verify(query: Query, secret: string): Verification {
  const p = vnpParams(query);
  const received = p.vnp_SecureHash;
  if (!received || !/^[0-9a-fA-F]{128}$/.test(received)) return { ok: false, reason: 'signature' };
  if (!sameHash(hmacSha512(secret, signedQuery(p)), received)) return { ok: false, reason: 'signature' };
  const amount = Number(p.vnp_Amount);
  if (!p.vnp_TxnRef || !p.vnp_TmnCode || !/^\d+$/.test(p.vnp_Amount ?? '') || amount % 100 !== 0)
    return { ok: false, reason: 'shape' };
  const responseCode = p.vnp_ResponseCode ?? '';
  const transactionStatus = p.vnp_TransactionStatus ?? '';
  return {
    ok: true,
    result: {
      tmnCode: p.vnp_TmnCode,
      txnRef: p.vnp_TxnRef,
      amount: amount / 100,
      responseCode,
      transactionStatus,
      transactionNo: p.vnp_TransactionNo ?? '',
      bankCode: p.vnp_BankCode ?? '',
      payDate: p.vnp_PayDate ? parseVnpDate(p.vnp_PayDate) : null,
      outcome: outcomeOf(responseCode, transactionStatus),
    },
  };
}

/** The browser's return redirect: informative only, it never settles a payment. */
export function verifyReturn(query: Query, secret: string): Verification {
  return verify(query, secret);
}

/** The gateway's server-to-server IPN call: the authoritative result. */
export function verifyIpn(query: Query, secret: string): Verification {
  return verify(query, secret);
}

/** The terminal code a result names, read before the secret is known (to pick the merchant). */
export function tmnCodeOf(query: Query): string | null {
  const v = query.vnp_TmnCode;
  return typeof v === 'string' && /^[A-Za-z0-9]{1,20}$/.test(v) ? v : null;
}
