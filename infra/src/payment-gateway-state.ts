/** What the simulated gateway remembers of each payment: the stand-in for VNPay's ledger. */
export type SimStatus = 'open' | 'paid' | 'cancelled' | 'expired' | 'refunded' | 'partially_refunded';

export interface SimTransaction {
  id: string;
  tmnCode: string;
  txnRef: string;
  /** × 100, as carried on the wire. */
  amount100: number;
  orderInfo: string;
  returnUrl: string;
  createDate: string;
  expireDate: string;
  status: SimStatus;
  transactionNo: string;
  bankCode: string;
  payDate: string;
  refunded100: number;
}

export interface SimMerchant {
  secret: string;
  /** Where the gateway calls the merchant server-to-server. */
  ipnUrl: string;
}

/** A fixed list, or a look-up (the development server reads its units' merchant accounts). */
export type MerchantSource = Record<string, SimMerchant> | ((tmnCode: string) => Promise<SimMerchant | null>);

export interface IpnDelivery {
  txnRef: string;
  attempt: number;
  rspCode: string | null;
  error?: string;
}
