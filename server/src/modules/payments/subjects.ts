import type { Tx } from '../../db/transactor';
import type { Payment, PaymentKind } from './queries';

/**
 * What a payment pays for. The owning module implements it (dossiers for fees, billing for
 * invoices); payments never reach into their tables. Every call runs in a system transaction —
 * onPaid in the very transaction that records the payment as paid, so both commit or neither.
 */
export interface PaymentSubject {
  kind: PaymentKind;
  /**
   * What is owed now, or null when nothing may be paid (no such subject, already paid, not yet
   * payable). `tenantId` is the unit the payment concerns; `merchantTenantId` the terminal's owner
   * (null: the platform's).
   */
  describe(tx: Tx, subjectId: string): Promise<SubjectDue | null>;
  onPaid(tx: Tx, payment: Payment): Promise<void>;
  /** After a refund was accepted by the gateway (optional). */
  onRefunded?(tx: Tx, payment: Payment, amount: number): Promise<void>;
}

export interface SubjectDue {
  tenantId: string;
  merchantTenantId: string | null;
  /** Whole đồng, exactly what is owed. */
  amount: number;
  /** Letters, digits and spaces only (the gateway's order info). */
  orderInfo: string;
}

const subjects = new Map<PaymentKind, PaymentSubject>();

export function registerPaymentSubject(subject: PaymentSubject): PaymentSubject {
  subjects.set(subject.kind, subject);
  return subject;
}

export function paymentSubject(kind: PaymentKind): PaymentSubject {
  const s = subjects.get(kind);
  if (!s) throw new Error(`no payment subject registered for ${kind}`);
  return s;
}

/** Order info the gateway accepts: letters, digits and single spaces, at most 255 characters. */
export function plainOrderInfo(text: string): string {
  return (
    text
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .slice(0, 255)
      .trim() || 'Thanh toan'
  );
}
