import type { Tx } from '../../db/transactor';
import { assertPaymentTransition, type PaymentStatus } from './transitions';

export type PaymentKind = 'dossier_fee' | 'invoice' | 'test';
export type EventSource = 'create' | 'ipn' | 'querydr' | 'refund' | 'expire';

export interface Payment {
  tenantId: string;
  id: string;
  kind: PaymentKind;
  subjectId: string;
  tmnCode: string;
  amount: number;
  refundedAmount: number;
  txnRef: string;
  orderInfo: string;
  status: PaymentStatus;
  gatewayTransactionNo: string | null;
  bankCode: string | null;
  responseCode: string | null;
  payDate: Date | null;
  payerCitizenId: string | null;
  payerIp: string;
  expiresAt: Date;
  createdAt: Date;
}

interface Row {
  tenant_id: string;
  id: string;
  kind: PaymentKind;
  subject_id: string;
  tmn_code: string;
  amount: string;
  refunded_amount: string;
  txn_ref: string;
  order_info: string;
  status: PaymentStatus;
  gateway_transaction_no: string | null;
  bank_code: string | null;
  response_code: string | null;
  pay_date: Date | null;
  payer_citizen_id: string | null;
  payer_ip: string;
  expires_at: Date;
  created_at: Date;
}

const toPayment = (r: Row): Payment => ({
  tenantId: r.tenant_id,
  id: r.id,
  kind: r.kind,
  subjectId: r.subject_id,
  tmnCode: r.tmn_code,
  amount: Number(r.amount),
  refundedAmount: Number(r.refunded_amount),
  txnRef: r.txn_ref,
  orderInfo: r.order_info,
  status: r.status,
  gatewayTransactionNo: r.gateway_transaction_no,
  bankCode: r.bank_code,
  responseCode: r.response_code,
  payDate: r.pay_date,
  payerCitizenId: r.payer_citizen_id,
  payerIp: r.payer_ip,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

export interface NewPayment {
  tenantId: string;
  kind: PaymentKind;
  subjectId: string;
  tmnCode: string;
  amount: number;
  txnRef: string;
  orderInfo: string;
  payerCitizenId: string | null;
  payerIp: string;
  expiresAt: Date;
  createdAt: Date;
  createdBy: string | null;
}

export async function insertPayment(tx: Tx, p: NewPayment): Promise<Payment> {
  const [row] = await tx('payments')
    .insert({
      tenant_id: p.tenantId,
      kind: p.kind,
      subject_id: p.subjectId,
      tmn_code: p.tmnCode,
      amount: p.amount,
      txn_ref: p.txnRef,
      order_info: p.orderInfo,
      payer_citizen_id: p.payerCitizenId,
      payer_ip: p.payerIp,
      expires_at: p.expiresAt,
      created_at: p.createdAt,
      updated_at: p.createdAt,
      created_by: p.createdBy,
    })
    .returning<Row[]>('*');
  const payment = toPayment(row!);
  await appendEvent(tx, payment, null, 'pending', 'create', p.amount, {});
  return payment;
}

/** Locks the payment row: IPNs, queries and refunds of one payment take turns. */
export async function lockPaymentByTxnRef(tx: Tx, txnRef: string): Promise<Payment | null> {
  const row = await tx<Row>('payments').where({ txn_ref: txnRef }).forUpdate().first();
  return row ? toPayment(row) : null;
}

export async function lockPayment(tx: Tx, id: string): Promise<Payment | null> {
  const row = await tx<Row>('payments').where({ id }).forUpdate().first();
  return row ? toPayment(row) : null;
}

export async function getPayment(tx: Tx, id: string): Promise<Payment | null> {
  const row = await tx<Row>('payments').where({ id }).first();
  return row ? toPayment(row) : null;
}

export async function findPaymentByTxnRef(tx: Tx, txnRef: string): Promise<Payment | null> {
  const row = await tx<Row>('payments').where({ txn_ref: txnRef }).first();
  return row ? toPayment(row) : null;
}

export async function paymentsOfSubject(tx: Tx, kind: PaymentKind, subjectId: string): Promise<Payment[]> {
  const rows = await tx<Row>('payments').where({ kind, subject_id: subjectId }).orderBy('created_at');
  return rows.map(toPayment);
}

export async function pendingOlderThan(tx: Tx, before: Date, limit: number): Promise<Payment[]> {
  const rows = await tx<Row>('payments')
    .where('status', 'pending')
    .andWhere('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit);
  return rows.map(toPayment);
}

async function appendEvent(
  tx: Tx,
  p: Payment,
  from: PaymentStatus | null,
  to: PaymentStatus,
  source: EventSource,
  amount: number | null,
  data: object,
): Promise<void> {
  await tx('payment_events').insert({
    tenant_id: p.tenantId,
    payment_id: p.id,
    from_status: from,
    to_status: to,
    source,
    amount,
    data: JSON.stringify(data),
  });
}

export interface StatusChange {
  to: PaymentStatus;
  source: EventSource;
  gatewayTransactionNo?: string;
  bankCode?: string;
  responseCode?: string;
  payDate?: Date | null;
  /** For refunds: the amount returned by this change. */
  refunded?: number;
  data?: object;
}

/** The one mutator: checks the transition table, writes the row and its event. Call with the row locked. */
export async function setStatus(tx: Tx, p: Payment, change: StatusChange): Promise<Payment> {
  assertPaymentTransition(p.status, change.to);
  const [row] = await tx('payments')
    .where({ tenant_id: p.tenantId, id: p.id, status: p.status })
    .update({
      status: change.to,
      gateway_transaction_no: change.gatewayTransactionNo ?? p.gatewayTransactionNo,
      bank_code: change.bankCode ?? p.bankCode,
      response_code: change.responseCode ?? p.responseCode,
      pay_date: change.payDate ?? p.payDate,
      refunded_amount: p.refundedAmount + (change.refunded ?? 0),
      updated_at: tx.fn.now(),
    })
    .returning<Row[]>('*');
  if (!row) throw new Error(`payment ${p.id} changed under its lock`);
  const next = toPayment(row);
  await appendEvent(tx, next, p.status, change.to, change.source, change.refunded ?? null, {
    ...change.data,
    responseCode: change.responseCode,
    transactionNo: change.gatewayTransactionNo,
  });
  return next;
}

export async function paymentEvents(tx: Tx, paymentId: string) {
  return tx('payment_events')
    .where({ payment_id: paymentId })
    .orderBy('id')
    .select('from_status as from', 'to_status as to', 'source', 'amount', 'data', 'at');
}
