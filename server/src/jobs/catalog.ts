// Every job of the product, imported for its defineJob() side effect so that any process that
// enqueues or runs jobs knows all of them. Add new job modules here.
export { sendEmail } from './notifications/send-email';
export { quotaAlert } from './notifications/quota-alert';
export { sendSms } from './notifications/sms-send';
export { refreshMonitoringDay } from './monitoring/refresh-day';
export { importDigitizationBatch } from './digitization/import-batch';
export { invoiceRun } from './billing/invoice-run';
export { transferReturned } from './dossiers/transfer-returned';
export { refundRefusedFee } from './payments/refund-refused-fee';
export { reconcilePayments, paymentMismatchReportJob } from './payments/reconcile';
