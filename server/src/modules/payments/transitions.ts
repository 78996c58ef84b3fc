/**
 * A payment's states as data. Final states take no gateway result any more (an IPN for one answers
 * '02'); refunds move on from paid. setStatus in queries.ts is the one mutator and checks this table.
 */
export const PAYMENT_STATUSES = [
  'pending',
  'paid',
  'failed',
  'cancelled',
  'expired',
  'refunded',
  'partially_refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['paid', 'failed', 'cancelled', 'expired'],
  paid: ['refunded', 'partially_refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  failed: [],
  cancelled: [],
  expired: [],
  refunded: [],
};

/** States a gateway result can no longer change. */
export function isSettled(status: PaymentStatus): boolean {
  return status !== 'pending';
}

export class IllegalPaymentTransition extends Error {
  constructor(
    public readonly from: PaymentStatus,
    public readonly to: PaymentStatus,
  ) {
    super(`a payment cannot go from ${from} to ${to}`);
  }
}

export function assertPaymentTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!PAYMENT_TRANSITIONS[from].includes(to)) throw new IllegalPaymentTransition(from, to);
}
