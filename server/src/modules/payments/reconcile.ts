import { GatewayUnavailableError, queryTransaction } from '../../../../billing/src/gateway/index';
import type { Transactor } from '../../db/transactor';
import type { PaymentsGateway } from './gateway';
import { settle } from './ipn';
import { merchantByTmnCode } from './merchants';
import { lockPayment, pendingOlderThan, setStatus, type Payment } from './queries';

/** Asks the gateway (querydr) about one pending payment and records what it establishes. */
export async function reconcilePayment(
  transactor: Transactor,
  gw: PaymentsGateway,
  paymentId: string,
): Promise<Payment | null> {
  return transactor.withSystem(async (tx) => {
    const p = await lockPayment(tx, paymentId);
    if (!p || p.status !== 'pending') return p;
    const merchant = await merchantByTmnCode(tx, gw.vault, p.tmnCode);
    if (!merchant) throw new Error(`payment ${p.id}: terminal ${p.tmnCode} is gone`);
    // A timeout throws: the payment stays pending and the next run asks again.
    const q = await queryTransaction(
      merchant,
      {
        txnRef: p.txnRef,
        transactionDate: p.createdAt,
        orderInfo: `Truy van ${p.txnRef}`,
        ipAddr: gw.serverIp,
      },
      { apiUrl: gw.apiUrl, timeoutMs: gw.timeoutMs, now: gw.now },
    );
    const found = q.responseCode === '00';
    if (found && q.outcome !== 'pending') {
      if (q.amount !== p.amount)
        throw new Error(`payment ${p.id}: the gateway reports ${q.amount} đồng, we expect ${p.amount}`);
      return settle(tx, p, q, 'querydr');
    }
    // Never paid at the gateway and past its deadline: it can no longer be paid.
    if ((q.responseCode === '91' || (found && q.outcome === 'pending')) && p.expiresAt < gw.now())
      return setStatus(tx, p, { to: 'expired', source: 'expire', responseCode: q.responseCode });
    return p;
  });
}

/**
 * The reconciliation job's work: every payment still pending after `olderThanMinutes`. One
 * failure does not stop the others; if any failed, it throws at the end so the queue retries.
 */
export async function reconcilePending(
  transactor: Transactor,
  gw: PaymentsGateway,
  opts: { olderThanMinutes: number; limit?: number },
): Promise<{ checked: number; settled: number }> {
  const before = new Date(gw.now().getTime() - opts.olderThanMinutes * 60_000);
  const pending = await transactor.withSystem((tx) => pendingOlderThan(tx, before, opts.limit ?? 500));
  let settled = 0;
  const failures: unknown[] = [];
  for (const p of pending) {
    try {
      const after = await reconcilePayment(transactor, gw, p.id);
      if (after && after.status !== 'pending') settled++;
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length)
    throw new GatewayUnavailableError(
      `${failures.length} of ${pending.length} pending payments could not be reconciled`,
      { cause: failures[0] },
    );
  return { checked: pending.length, settled };
}
