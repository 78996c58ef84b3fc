/**
 * VNPay's response codes (vnp_ResponseCode) and transaction statuses (vnp_TransactionStatus), and
 * what each means for our payment. Paid means both are '00'; anything else is not money received.
 */
export type GatewayOutcome = 'paid' | 'failed' | 'cancelled' | 'expired' | 'pending';

/** vnp_ResponseCode of the return redirect and the IPN. */
export const RESPONSE_CODES: Record<string, { vi: string; en: string }> = {
  '00': { vi: 'Giao dịch thành công', en: 'Transaction successful' },
  '07': { vi: 'Trừ tiền thành công, giao dịch bị nghi ngờ', en: 'Debited, transaction suspected of fraud' },
  '09': {
    vi: 'Thẻ/Tài khoản chưa đăng ký InternetBanking',
    en: 'Card/account not registered for internet banking',
  },
  '10': {
    vi: 'Xác thực thông tin thẻ/tài khoản sai quá 3 lần',
    en: 'Card/account verification failed more than 3 times',
  },
  '11': { vi: 'Đã hết hạn chờ thanh toán', en: 'Payment window expired' },
  '12': { vi: 'Thẻ/Tài khoản bị khóa', en: 'Card/account locked' },
  '13': { vi: 'Nhập sai mật khẩu xác thực giao dịch (OTP)', en: 'Wrong one-time password' },
  '24': { vi: 'Khách hàng hủy giao dịch', en: 'Customer cancelled the transaction' },
  '51': { vi: 'Tài khoản không đủ số dư', en: 'Insufficient balance' },
  '65': { vi: 'Tài khoản vượt hạn mức giao dịch trong ngày', en: 'Daily limit exceeded' },
  '75': { vi: 'Ngân hàng thanh toán đang bảo trì', en: 'Bank under maintenance' },
  '79': { vi: 'Nhập sai mật khẩu thanh toán quá số lần quy định', en: 'Too many wrong payment passwords' },
  '99': { vi: 'Lỗi khác', en: 'Other error' },
};

/** vnp_TransactionStatus, as querydr and the IPN report it. */
export const TRANSACTION_STATUSES: Record<string, { vi: string; en: string }> = {
  '00': { vi: 'Giao dịch thanh toán thành công', en: 'Payment successful' },
  '01': { vi: 'Giao dịch chưa hoàn tất', en: 'Transaction not completed' },
  '02': { vi: 'Giao dịch bị lỗi', en: 'Transaction failed' },
  '04': { vi: 'Giao dịch đảo (trừ tiền ở ngân hàng nhưng chưa thành công ở VNPAY)', en: 'Reversed' },
  '05': { vi: 'VNPAY đang xử lý giao dịch hoàn tiền', en: 'Refund being processed' },
  '06': { vi: 'VNPAY đã gửi yêu cầu hoàn tiền sang ngân hàng', en: 'Refund sent to the bank' },
  '07': { vi: 'Giao dịch bị nghi ngờ gian lận', en: 'Suspected fraud' },
  '09': { vi: 'Giao dịch hoàn trả bị từ chối', en: 'Refund refused' },
};

/** What a signed result (IPN, return or querydr) establishes about the payment. */
export function outcomeOf(responseCode: string, transactionStatus: string): GatewayOutcome {
  if (responseCode === '00' && transactionStatus === '00') return 'paid';
  if (responseCode === '24') return 'cancelled';
  if (responseCode === '11') return 'expired';
  // Not completed yet (01) is still open at the gateway; a fraud hold (07) is not money received.
  if (transactionStatus === '01') return 'pending';
  return 'failed';
}

/** The IPN answers of the protocol, in the order the merchant checks them. */
export const IPN_ANSWERS = {
  ok: { RspCode: '00', Message: 'Confirm Success' },
  unknownOrder: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  badSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];
