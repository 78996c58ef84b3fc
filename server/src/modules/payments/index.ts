/** Online payments through the VNPay-protocol gateway: what other modules and handlers may use. */
export { createPayment, type CreatePaymentInput } from './create';
export { handleIpn, settle } from './ipn';
export { reconcilePayment, reconcilePending } from './reconcile';
export { refundPayment } from './refund';
export { paymentMismatchReport, type Mismatch } from './mismatch-report';
export { createMerchantAccount, merchantFor } from './merchants';
export { paymentsGatewayFrom, type PaymentsGateway } from './gateway';
export { registerPaymentSubject, plainOrderInfo, type PaymentSubject, type SubjectDue } from './subjects';
export {
  getPayment,
  findPaymentByTxnRef,
  paymentsOfSubject,
  paymentEvents,
  type Payment,
  type PaymentKind,
} from './queries';
export { PAYMENT_TRANSITIONS, type PaymentStatus } from './transitions';
