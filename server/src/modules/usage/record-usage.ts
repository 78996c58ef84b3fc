import {
  ingestUsageBatch,
  recordUsage,
  type RecordOutcome,
  type UsageEvent,
} from '../../../../metering/src/index';
import type { Contract } from '../../../../billing/src/index';
import type { Tx } from '../../db/transactor';
import { enqueueQuotaAlerts } from './notify-quota-alerts';

/**
 * The use-cases that write usage: metering records and detects thresholds, this file notifies.
 * The dossier issue's reception calls receptionUsage in its transaction, after assertMayReceive.
 */
export async function receptionUsage(
  tx: Tx,
  event: Omit<UsageEvent, 'source'>,
  now: Date,
  contracts?: Contract[],
) {
  const out = await recordUsage(tx, { ...event, source: 'reception' }, now, contracts);
  await enqueueQuotaAlerts(tx, out.alerts);
  return { recorded: out.recorded, periodClosed: out.periodClosed };
}

/** A batch through the ingestion API (units whose own software receives dossiers). */
export async function ingestionUsage(
  tx: Tx,
  tenantId: string,
  body: unknown,
  now: Date,
): Promise<RecordOutcome> {
  const out = await ingestUsageBatch(tx, tenantId, body, now);
  await enqueueQuotaAlerts(tx, out.alerts);
  return out;
}
