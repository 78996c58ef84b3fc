import { hmacSha512, signedQuery, VNP_VERSION, vnpDate, type VnpParams } from './protocol';

export interface PaymentRequest {
  /** The payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html. */
  gatewayUrl: string;
  tmnCode: string;
  /** Whole đồng; the protocol carries it × 100. */
  amount: number;
  txnRef: string;
  orderInfo: string;
  orderType: string;
  locale: 'vn' | 'en';
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
  bankCode?: string;
}

export class PaymentRequestError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Letters (Vietnamese ones too), digits and spaces only: implementations of the protocol encode
 * ( ) ! ' ~ * differently, so such a character would make a valid URL fail verification somewhere.
 */
const PLAIN = /^[\p{L}\p{N} ]+$/u;
const TXN_REF = /^[A-Za-z0-9]{1,100}$/;

function check(req: PaymentRequest): void {
  if (!Number.isSafeInteger(req.amount) || req.amount <= 0 || req.amount * 100 > Number.MAX_SAFE_INTEGER)
    throw new PaymentRequestError('amount', 'the amount is a positive whole number of đồng');
  if (!TXN_REF.test(req.txnRef))
    throw new PaymentRequestError('txnRef', 'the reference is letters and digits only');
  if (!PLAIN.test(req.orderInfo) || req.orderInfo.length > 255 || req.orderInfo.trim() !== req.orderInfo)
    throw new PaymentRequestError(
      'orderInfo',
      'the order info is letters, digits and single inner spaces only',
    );
  if (!/^[A-Za-z0-9]{1,20}$/.test(req.tmnCode)) throw new PaymentRequestError('tmnCode', 'bad terminal code');
  if (req.expiresAt <= req.createdAt)
    throw new PaymentRequestError('expiresAt', 'expiry must follow creation');
}

/** The unsigned parameters of a payment request (validated). */
export function paymentParams(req: PaymentRequest): VnpParams {
  check(req);
  const p: VnpParams = {
    vnp_Version: VNP_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: req.tmnCode,
    vnp_Amount: String(req.amount * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: req.txnRef,
    vnp_OrderInfo: req.orderInfo,
    vnp_OrderType: req.orderType,
    vnp_Locale: req.locale,
    vnp_ReturnUrl: req.returnUrl,
    vnp_IpAddr: req.ipAddr,
    vnp_CreateDate: vnpDate(req.createdAt),
    vnp_ExpireDate: vnpDate(req.expiresAt),
  };
  if (req.bankCode) p.vnp_BankCode = req.bankCode;
  return p;
}

/** Signs any parameter set without validating it; the hash-agreement test drives this directly. */
export function signParams(params: VnpParams, secret: string): { query: string; hash: string } {
  const query = signedQuery(params);
  return { query, hash: hmacSha512(secret, query) };
}

/** The URL to redirect the payer to. */
export function buildPaymentUrl(req: PaymentRequest, secret: string): string {
  const { query, hash } = signParams(paymentParams(req), secret);
  return `${req.gatewayUrl}?${query}&vnp_SecureHash=${hash}`;
}
