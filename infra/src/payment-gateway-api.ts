import { pipeChecksum, sameHash, vnpDate } from '../../billing/src/gateway/protocol';
import type { SimMerchant, SimTransaction } from './payment-gateway-state';

/**
 * POST /merchant_webapi/api/transaction: querydr and refund, JSON in and out, each checked and
 * signed with the '|'-joined checksums VNPay documents.
 */
type Json = Record<string, unknown>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

const QUERY_IN = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
];
const REFUND_IN = [
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
];
const OUT = [
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
];

/** vnp_TransactionStatus of what the gateway holds. */
const STATUS: Record<SimTransaction['status'], string> = {
  open: '01',
  paid: '00',
  cancelled: '02',
  expired: '02',
  refunded: '06',
  partially_refunded: '06',
};

export interface ApiContext {
  merchant(tmnCode: string): Promise<SimMerchant | null>;
  find(tmnCode: string, txnRef: string): SimTransaction | undefined;
  now(): Date;
}

function reply(secret: string, command: string, fields: Json, count: number): Json {
  const body: Json = {
    vnp_ResponseId: crypto.randomUUID().replaceAll('-', ''),
    vnp_Command: command,
    ...fields,
  };
  return {
    ...body,
    vnp_SecureHash: pipeChecksum(
      secret,
      OUT.slice(0, count).map((f) => s(body[f])),
    ),
  };
}

export async function handleApi(ctx: ApiContext, req: Json): Promise<Json> {
  const command = s(req.vnp_Command);
  const merchant = await ctx.merchant(s(req.vnp_TmnCode));
  if (!merchant) return { vnp_ResponseCode: '02', vnp_Message: 'Merchant is not valid' };
  const fields = command === 'refund' ? REFUND_IN : command === 'querydr' ? QUERY_IN : null;
  if (!fields) return { vnp_ResponseCode: '03', vnp_Message: 'Unknown command' };
  const count = command === 'refund' ? 13 : 15;
  const base = {
    vnp_TmnCode: s(req.vnp_TmnCode),
    vnp_TxnRef: s(req.vnp_TxnRef),
    vnp_OrderInfo: s(req.vnp_OrderInfo),
  };
  const answer = (code: string, message: string, extra: Json = {}) =>
    reply(
      merchant.secret,
      command,
      { ...base, vnp_ResponseCode: code, vnp_Message: message, ...extra },
      count,
    );
  if (
    !sameHash(
      pipeChecksum(
        merchant.secret,
        fields.map((f) => s(req[f])),
      ),
      s(req.vnp_SecureHash),
    )
  )
    return answer('97', 'Invalid checksum');
  const t = ctx.find(s(req.vnp_TmnCode), s(req.vnp_TxnRef));
  if (!t) return answer('91', 'Transaction not found');
  const described = (type: string) => ({
    vnp_Amount: String(t.amount100),
    vnp_BankCode: t.bankCode,
    vnp_PayDate: t.payDate,
    vnp_TransactionNo: t.transactionNo,
    vnp_TransactionType: type,
    vnp_TransactionStatus: STATUS[t.status],
    vnp_OrderInfo: t.orderInfo,
    ...(command === 'querydr' ? { vnp_PromotionCode: '', vnp_PromotionAmount: '' } : {}),
  });
  if (command === 'querydr') return answer('00', 'QueryDR Success', described('01'));

  const amount = Number(s(req.vnp_Amount));
  const type = s(req.vnp_TransactionType);
  if (t.status !== 'paid' && t.status !== 'partially_refunded')
    return answer('95', 'Transaction is not refundable');
  const left = t.amount100 - t.refunded100;
  if (
    !Number.isSafeInteger(amount) ||
    amount <= 0 ||
    amount > left ||
    (type === '02' && amount !== left) ||
    !['02', '03'].includes(type)
  )
    return answer('03', 'Invalid amount or transaction type');
  t.refunded100 += amount;
  t.status = t.refunded100 === t.amount100 ? 'refunded' : 'partially_refunded';
  return answer('00', 'Refund success', {
    ...described(type),
    vnp_Amount: String(amount),
    vnp_PayDate: vnpDate(ctx.now()),
  });
}
