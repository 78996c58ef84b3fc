import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signing rules of VNPay payment protocol 2.1.0, shared by the payment URL, the return
 * redirect and the IPN call: parameters sorted by name, each name and value URL-encoded the way
 * VNPay's reference code does (encodeURIComponent, then %20 → '+'), joined with '&', signed with
 * HMAC-SHA512 under the merchant's secret, hex.
 */
export const VNP_VERSION = '2.1.0';

export type VnpParams = Record<string, string>;

export function encodeVnp(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** The signed string: every non-empty vnp_ parameter except the hash fields, sorted. */
export function signedQuery(params: VnpParams): string {
  return Object.keys(params)
    .filter((k) => k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== '')
    .sort()
    .map((k) => `${encodeVnp(k)}=${encodeVnp(params[k] ?? '')}`)
    .join('&');
}

export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', secret).update(Buffer.from(data, 'utf8')).digest('hex');
}

/** Constant-time comparison of two hex digests; any shape mismatch is simply false. */
export function sameHash(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The '|'-joined checksum of the querydr/refund JSON APIs, fields in the order VNPay lists them. */
export function pipeChecksum(secret: string, fields: readonly (string | number | undefined)[]): string {
  return hmacSha512(secret, fields.map((f) => (f === undefined ? '' : String(f))).join('|'));
}

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh, the protocol's only date format. */
export function vnpDate(at: Date): string {
  const p = Object.fromEntries(VN_TIME.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}

/** The instant of a yyyyMMddHHmmss date (Vietnam has no daylight saving: always UTC+7). */
export function parseVnpDate(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number);
  const t = Date.UTC(y!, mo! - 1, d!, h! - 7, mi!, se!);
  return Number.isNaN(t) ? null : new Date(t);
}
