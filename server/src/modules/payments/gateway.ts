import type { Env } from '../../config/index';
import { signingKeysFrom, type SigningKeys } from '../signing/key-vault';

/** Where the gateway is and how we talk to it; built once at boot and handed to handlers and jobs. */
export interface PaymentsGateway {
  paymentUrl: string;
  apiUrl: string;
  /** Our return page, the vnp_ReturnUrl. */
  returnUrl: string;
  vault: SigningKeys;
  expiryMinutes: number;
  timeoutMs: number;
  /** The address the server calls the gateway from (vnp_IpAddr of querydr and refund). */
  serverIp: string;
  now: () => Date;
}

export function paymentsGatewayFrom(
  env: Pick<
    Env,
    | 'SIGNING_KEY_SECRET'
    | 'VNPAY_URL'
    | 'VNPAY_API_URL'
    | 'VNPAY_RETURN_URL'
    | 'PAYMENT_EXPIRY_MINUTES'
    | 'VNPAY_TIMEOUT_MS'
  >,
  serverUrl: string,
  overrides: Partial<Pick<PaymentsGateway, 'paymentUrl' | 'apiUrl' | 'now'>> = {},
): PaymentsGateway {
  return {
    paymentUrl: overrides.paymentUrl ?? env.VNPAY_URL ?? '',
    apiUrl: overrides.apiUrl ?? env.VNPAY_API_URL ?? '',
    returnUrl: env.VNPAY_RETURN_URL ?? `${serverUrl}/api/v1/payments/vnpay/return`,
    vault: signingKeysFrom(env),
    expiryMinutes: env.PAYMENT_EXPIRY_MINUTES,
    timeoutMs: env.VNPAY_TIMEOUT_MS,
    serverIp: '127.0.0.1',
    now: overrides.now ?? (() => new Date()),
  };
}
