/** The slips the one-stop desk prints (TT 01/2018/TT-VPCP forms) and the fee receipt: data in, PDF bytes out. */
export { renderReceiptSlip, RECEIPT_TITLE } from './receipt-slip';
export { renderRefusalSlip, REFUSAL_TITLE } from './refusal-slip';
export { renderSupplementRequest, SUPPLEMENT_TITLE } from './supplement-request';
export { renderApologySlip, APOLOGY_TITLE } from './apology-slip';
export { renderPaymentReceipt, PAYMENT_TITLE } from './payment-receipt';
export { amountInWords, formatDate, formatMoney, formatTimeLong } from './format';
export type * from './schema';
export { renderResultDocument, type ResultDocumentInput } from './result-document';
