import { queryTransaction } from '../../../../billing/src/gateway/index';
import type { Transactor } from '../../db/transactor';
import type { PaymentsGateway } from './gateway';
import { merchantByTmnCode } from './merchants';
import type { PaymentStatus } from './transitions';

export interface Mismatch {
  paymentId: string;
  txnRef: string;
  ledger: { status: PaymentStatus; amount: number };
  gateway: { responseCode: string; transactionStatus: string; amount: number } | { error: string };
}

/** What the gateway says each state means, for comparison with our ledger. */
const EXPECTED: Partial<Record<PaymentStatus, string[]>> = {
  paid: ['00'],
  refunded: ['05', '06'],
  partially_refunded: ['05', '06'],
  failed: ['02', '04', '07'],
  cancelled: ['02'],
  expired: ['02', '01', ''],
  pending: ['01', ''],
};

/**
 * The daily report: each payment created in [from, to) compared with the gateway's querydr answer.
 * Lists only disagreements (status, amount, or the gateway not answering); empty when books match.
 */
export async function paymentMismatchReport(
  transactor: Transactor,
  gw: PaymentsGateway,
  range: { from: Date; to: Date },
): Promise<Mismatch[]> {
  const rows = await transactor.withSystem((tx) =>
    tx('payments')
      .where('created_at', '>=', range.from)
      .andWhere('created_at', '<', range.to)
      .orderBy('created_at')
      .select<
        {
          id: string;
          txn_ref: string;
          tmn_code: string;
          status: PaymentStatus;
          amount: string;
          created_at: Date;
        }[]
      >('id', 'txn_ref', 'tmn_code', 'status', 'amount', 'created_at'),
  );
  const out: Mismatch[] = [];
  for (const r of rows) {
    const ledger = { status: r.status, amount: Number(r.amount) };
    const merchant = await transactor.withSystem((tx) => merchantByTmnCode(tx, gw.vault, r.tmn_code));
    try {
      if (!merchant) throw new Error(`terminal ${r.tmn_code} unknown`);
      const q = await queryTransaction(
        merchant,
        {
          txnRef: r.txn_ref,
          transactionDate: r.created_at,
          orderInfo: `Doi soat ${r.txn_ref}`,
          ipAddr: gw.serverIp,
        },
        { apiUrl: gw.apiUrl, timeoutMs: gw.timeoutMs, now: gw.now },
      );
      const status = q.responseCode === '91' ? '' : q.transactionStatus;
      const amountOk = q.responseCode === '91' || q.amount === ledger.amount;
      if (!(EXPECTED[ledger.status] ?? []).includes(status) || !amountOk)
        out.push({
          paymentId: r.id,
          txnRef: r.txn_ref,
          ledger,
          gateway: { responseCode: q.responseCode, transactionStatus: q.transactionStatus, amount: q.amount },
        });
    } catch (err) {
      out.push({
        paymentId: r.id,
        txnRef: r.txn_ref,
        ledger,
        gateway: { error: err instanceof Error ? err.message : 'error' },
      });
    }
  }
  return out;
}
