import axios, { type AxiosInstance } from 'axios';
import { randomBytes } from 'node:crypto';
import { outcomeOf, type GatewayOutcome } from './codes';
import { parseVnpDate, pipeChecksum, sameHash, VNP_VERSION, vnpDate } from './protocol';

/**
 * The server-to-server APIs (POST JSON to /merchant_webapi/api/transaction): querydr asks what
 * became of a payment, refund returns money. Each request and response carries a checksum over
 * '|'-joined fields in the order VNPay's documentation lists them.
 */
export interface MerchantCredentials {
  tmnCode: string;
  secret: string;
}

export interface ApiOptions {
  apiUrl: string;
  /** A slow gateway must not hold a request: past this the call fails and the payment stays pending. */
  timeoutMs?: number;
  http?: AxiosInstance;
  now?: () => Date;
}

/** The gateway did not answer, or answered something we cannot trust: nothing was established. */
export class GatewayUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface QueryInput {
  txnRef: string;
  /** The payment's vnp_CreateDate (the "transaction date" of the query). */
  transactionDate: Date;
  orderInfo: string;
  ipAddr: string;
}

export interface QueryResult {
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: Date | null;
  /** Whole đồng. */
  amount: number;
  /** Meaningful only when responseCode is '00' (found). */
  outcome: GatewayOutcome;
}

export interface RefundInput {
  txnRef: string;
  /** Whole đồng to return. */
  amount: number;
  full: boolean;
  transactionNo: string;
  transactionDate: Date;
  createdBy: string;
  orderInfo: string;
  ipAddr: string;
}

export interface RefundResult {
  responseCode: string;
  transactionNo: string;
  transactionStatus: string;
}

type Json = Record<string, string | number | undefined>;

const requestId = () => randomBytes(16).toString('hex');
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

async function post(opts: ApiOptions, body: Json): Promise<Json> {
  const http = opts.http ?? axios;
  try {
    const res = await http.post<Json>(opts.apiUrl, body, {
      timeout: opts.timeoutMs ?? 10_000,
      headers: { 'content-type': 'application/json' },
    });
    if (typeof res.data !== 'object' || res.data === null) throw new Error('the gateway answered no JSON');
    return res.data;
  } catch (err) {
    // The axios error holds the request body; keep only its message so no config reaches a log.
    throw new GatewayUnavailableError(
      `gateway API call failed: ${err instanceof Error ? err.message : 'error'}`,
    );
  }
}

function checkResponse(m: MerchantCredentials, data: Json, fields: readonly string[]): void {
  const expected = pipeChecksum(
    m.secret,
    fields.map((f) => str(data[f])),
  );
  if (!sameHash(expected, str(data.vnp_SecureHash)))
    throw new GatewayUnavailableError('the gateway response checksum does not match');
}

export const QUERY_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;
export const REFUND_RESPONSE_FIELDS = QUERY_RESPONSE_FIELDS.slice(0, 13);
export const QUERY_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;
export const REFUND_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

function signed(m: MerchantCredentials, body: Json, fields: readonly string[]): Json {
  return {
    ...body,
    vnp_SecureHash: pipeChecksum(
      m.secret,
      fields.map((f) => str(body[f])),
    ),
  };
}

/** querydr: what the gateway knows of one payment. */
export async function queryTransaction(
  m: MerchantCredentials,
  input: QueryInput,
  opts: ApiOptions,
): Promise<QueryResult> {
  const now = opts.now?.() ?? new Date();
  const body = signed(
    m,
    {
      vnp_RequestId: requestId(),
      vnp_Version: VNP_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: m.tmnCode,
      vnp_TxnRef: input.txnRef,
      vnp_OrderInfo: input.orderInfo,
      vnp_TransactionDate: vnpDate(input.transactionDate),
      vnp_CreateDate: vnpDate(now),
      vnp_IpAddr: input.ipAddr,
    },
    QUERY_REQUEST_FIELDS,
  );
  const data = await post(opts, body);
  checkResponse(m, data, QUERY_RESPONSE_FIELDS);
  const responseCode = str(data.vnp_ResponseCode);
  const transactionStatus = str(data.vnp_TransactionStatus);
  return {
    responseCode,
    transactionStatus,
    transactionNo: str(data.vnp_TransactionNo),
    bankCode: str(data.vnp_BankCode),
    payDate: parseVnpDate(str(data.vnp_PayDate)),
    amount: Number(str(data.vnp_Amount) || '0') / 100,
    outcome: outcomeOf(responseCode, transactionStatus),
  };
}

/** refund: '02' returns the whole amount, '03' part of it. */
export async function refund(
  m: MerchantCredentials,
  input: RefundInput,
  opts: ApiOptions,
): Promise<RefundResult> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new Error('a refund is a positive whole number of đồng');
  const now = opts.now?.() ?? new Date();
  const body = signed(
    m,
    {
      vnp_RequestId: requestId(),
      vnp_Version: VNP_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: m.tmnCode,
      vnp_TransactionType: input.full ? '02' : '03',
      vnp_TxnRef: input.txnRef,
      vnp_Amount: input.amount * 100,
      vnp_OrderInfo: input.orderInfo,
      vnp_TransactionNo: input.transactionNo,
      vnp_TransactionDate: vnpDate(input.transactionDate),
      vnp_CreateBy: input.createdBy,
      vnp_CreateDate: vnpDate(now),
      vnp_IpAddr: input.ipAddr,
    },
    REFUND_REQUEST_FIELDS,
  );
  const data = await post(opts, body);
  checkResponse(m, data, REFUND_RESPONSE_FIELDS);
  return {
    responseCode: str(data.vnp_ResponseCode),
    transactionNo: str(data.vnp_TransactionNo),
    transactionStatus: str(data.vnp_TransactionStatus),
  };
}
