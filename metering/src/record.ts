import type { Knex } from 'knex';
import { contractsCovering, contractsOfTenant, localDate, type Contract } from '../../billing/src/index';
import { MeteringError, type ItemProblem } from './errors';
import { METRICS, type Metric, type UsageEvent } from './schema';
import { detectQuotaAlerts, type QuotaAlert } from './thresholds';

type Tx = Knex.Transaction;

/** An event stamped later than this past `now` is refused: the sender's clock or data is wrong. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface RecordedItem {
  idempotencyKey: string;
  /** false: the key was seen before (now or in an earlier request) and is not counted again. */
  recorded: boolean;
  /** Recorded after its period was invoiced: it goes to the next adjustment. */
  periodClosed: boolean;
}

export interface RecordOutcome {
  items: RecordedItem[];
  /** Thresholds newly crossed by this write: notify them (server/src/modules/usage). */
  alerts: QuotaAlert[];
}

interface Placed {
  event: UsageEvent;
  contract: Contract;
  periodClosed: boolean;
}

type Located = Omit<Placed, 'periodClosed'>;

/** The contract whose covered days include the date (a unit's contracts never overlap). */
function contractOn(contracts: Contract[], date: string): Contract | undefined {
  return contracts.find((c) => c.startDate <= date && date <= c.lastDay);
}

async function closedThrough(tx: Tx, tenantId: string): Promise<Map<string, string>> {
  const rows = (await tx('usage_period_closures')
    .select('contract_id', tx.raw("to_char(max(closed_through), 'YYYY-MM-DD') as through"))
    .where({ tenant_id: tenantId })
    .groupBy('contract_id')) as { contract_id: string; through: string }[];
  return new Map(rows.map((r) => [r.contract_id, r.through]));
}

/** Checks every event and finds its contract; any problem refuses the whole set (nothing is written). */
async function locate(
  tx: Tx,
  tenantId: string,
  events: UsageEvent[],
  now: Date,
  pathOf: (i: number) => string,
  known?: Contract[],
): Promise<Located[]> {
  const contracts = known ?? (await contractsOfTenant(tx, tenantId));
  const problems: ItemProblem[] = [];
  const placed: Located[] = [];
  events.forEach((e, i) => {
    const at = pathOf(i);
    const bad = (field: string, vi: string, en: string) =>
      problems.push({ path: `${at}.${field}`, message: vi, message_en: en });
    if (e.tenantId !== tenantId)
      bad('tenantId', 'Sự kiện của đơn vị khác', 'The event belongs to another unit');
    if (!(METRICS as readonly string[]).includes(e.metric))
      bad('metric', `Chỉ số không được hỗ trợ: ${e.metric}`, `Unknown metric: ${e.metric}`);
    if (!Number.isInteger(e.quantity) || e.quantity <= 0)
      bad('quantity', 'Số lượng phải là số nguyên dương', 'Quantity must be a positive integer');
    if (!e.idempotencyKey || e.idempotencyKey.length > 200)
      bad('idempotencyKey', 'Thiếu khóa chống trùng', 'Missing idempotency key');
    if (Number.isNaN(e.occurredAt.getTime()))
      return bad('occurredAt', 'Thời điểm không hợp lệ', 'Invalid instant');
    if (e.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      return bad('occurredAt', 'Thời điểm phát sinh ở tương lai', 'occurredAt is in the future');
    const day = localDate(e.occurredAt);
    const contract = contractOn(contracts, day);
    if (!contract)
      return bad(
        'occurredAt',
        `Không có hợp đồng nào bao gồm ngày ${day}`,
        `No contract of the unit covers ${day}`,
      );
    placed.push({ event: e, contract });
  });
  if (problems.length > 0)
    throw new MeteringError(
      'invalid_usage_batch',
      {
        vi: 'Lô sự kiện sử dụng bị từ chối toàn bộ; xem lý do từng mục',
        en: 'The usage batch was refused as a whole; see each item',
      },
      problems,
    );
  return placed;
}

/**
 * Locks the counters the events go to (creating the new ones), in key order, and only then reads
 * the closures: the overage run locks the same rows before it reads a year's usage and closes the
 * year in the transaction that drafts its invoice. So an event either waits for that transaction
 * and sees the closure (late, for the next adjustment) or is committed before the run reads the
 * counter (in the overage invoice) — never neither. Read committed: the closures' read is a new
 * statement, after the lock was granted.
 */
async function place(tx: Tx, tenantId: string, located: Located[], now: Date): Promise<Placed[]> {
  const keys = [...new Set(located.map((p) => `${p.contract.id}/${p.event.metric}`))].sort();
  await tx('usage_counters')
    .insert(
      keys.map((k) => {
        const [contractId, metric] = k.split('/');
        return { tenant_id: tenantId, contract_id: contractId, metric, updated_at: now };
      }),
    )
    .onConflict(['tenant_id', 'contract_id', 'metric'])
    // DO UPDATE … WHERE false locks an existing counter without writing a new version of it (the
    // update below writes the one version this reception needs); a missing counter is inserted.
    .merge({ updated_at: tx.raw('usage_counters.updated_at') })
    .where(tx.raw('false'));
  const closures = await closedThrough(tx, tenantId);
  return located.map((p) => {
    const through = closures.get(p.contract.id);
    return { ...p, periodClosed: through !== undefined && localDate(p.event.occurredAt) <= through };
  });
}

/**
 * Records usage events in the caller's transaction: each new idempotency key is inserted and its
 * quantity added to the contract's counter; a key seen before is acknowledged and not counted.
 * Concurrent writers of the same key: the unique index makes the second wait for the first and then
 * insert nothing, so it is counted once. Keys are written in sorted order so two overlapping batches
 * lock in the same order and cannot deadlock.
 */
export async function recordUsageEvents(
  tx: Tx,
  tenantId: string,
  events: UsageEvent[],
  now: Date,
  pathOf: (i: number) => string = (i) => `events.${i}`,
  contracts?: Contract[],
): Promise<RecordOutcome> {
  if (events.length === 0) return { items: [], alerts: [] };
  const placed = await place(tx, tenantId, await locate(tx, tenantId, events, now, pathOf, contracts), now);
  const firstByKey = new Map<string, Placed>();
  for (const p of placed)
    if (!firstByKey.has(p.event.idempotencyKey)) firstByKey.set(p.event.idempotencyKey, p);
  const toInsert = [...firstByKey.values()].sort((a, b) =>
    a.event.idempotencyKey < b.event.idempotencyKey ? -1 : 1,
  );
  const inserted = (await tx('usage_events')
    .insert(
      toInsert.map((p) => ({
        tenant_id: tenantId,
        contract_id: p.contract.id,
        metric: p.event.metric,
        quantity: p.event.quantity,
        occurred_at: p.event.occurredAt,
        idempotency_key: p.event.idempotencyKey,
        source: p.event.source,
        dossier_id: p.event.dossierId ?? null,
        period_closed: p.periodClosed,
        recorded_at: now,
      })),
    )
    .onConflict(['tenant_id', 'idempotency_key'])
    .ignore()
    .returning(['idempotency_key'])) as { idempotency_key: string }[];
  const fresh = new Set(inserted.map((r) => r.idempotency_key));
  const alerts = await bumpCounters(
    tx,
    tenantId,
    toInsert.filter((p) => fresh.has(p.event.idempotencyKey)),
    now,
  );
  const counted = new Set<string>();
  const items = placed.map((p) => {
    const key = p.event.idempotencyKey;
    const recorded = fresh.has(key) && !counted.has(key);
    counted.add(key);
    return { idempotencyKey: key, recorded, periodClosed: p.periodClosed };
  });
  return { items, alerts };
}

/** Adds the fresh events to each contract's counter, then checks the quota thresholds on the new totals. */
async function bumpCounters(tx: Tx, tenantId: string, fresh: Placed[], now: Date): Promise<QuotaAlert[]> {
  const sums = new Map<
    string,
    { contract: Contract; metric: Metric; quantity: number; closed: number; events: number }
  >();
  for (const p of fresh) {
    const key = `${p.contract.id}/${p.event.metric}`;
    const s = sums.get(key) ?? {
      contract: p.contract,
      metric: p.event.metric,
      quantity: 0,
      closed: 0,
      events: 0,
    };
    s.quantity += p.event.quantity;
    s.closed += p.periodClosed ? p.event.quantity : 0;
    s.events += 1;
    sums.set(key, s);
  }
  const alerts: QuotaAlert[] = [];
  for (const key of [...sums.keys()].sort()) {
    const s = sums.get(key)!;
    const [row] = (await tx('usage_counters')
      .insert({
        tenant_id: tenantId,
        contract_id: s.contract.id,
        metric: s.metric,
        quantity: s.quantity,
        closed_period_quantity: s.closed,
        event_count: s.events,
        updated_at: now,
      })
      .onConflict(['tenant_id', 'contract_id', 'metric'])
      .merge({
        quantity: tx.raw('usage_counters.quantity + excluded.quantity'),
        closed_period_quantity: tx.raw(
          'usage_counters.closed_period_quantity + excluded.closed_period_quantity',
        ),
        event_count: tx.raw('usage_counters.event_count + excluded.event_count'),
        updated_at: now,
      })
      .returning('quantity')) as { quantity: number }[];
    if (s.metric === 'dossier.received')
      alerts.push(
        ...(await detectQuotaAlerts(
          tx,
          { tenantId, contractId: s.contract.id, used: row!.quantity, quota: s.contract.quota },
          now,
        )),
      );
  }
  return alerts;
}

/**
 * One event, as the reception transaction writes it. A date no contract covers is refused with
 * no_active_contract (reception calls assertMayReceive first, so this is the backstop).
 */
export async function recordUsage(
  tx: Tx,
  event: UsageEvent,
  now: Date,
  /** Every contract of the unit, when the caller has just read them (reception: receptionContracts). */
  contracts?: Contract[],
): Promise<{ recorded: boolean; periodClosed: boolean; alerts: QuotaAlert[] }> {
  const day = localDate(event.occurredAt);
  const covering = contracts
    ? contracts.filter((c) => c.startDate <= day && day <= c.lastDay)
    : await contractsCovering(tx, event.tenantId, day);
  if (covering.length === 0)
    throw new MeteringError('no_active_contract', {
      vi: `Đơn vị không có hợp đồng bao gồm ngày ${day}`,
      en: `The unit has no contract covering ${day}`,
    });
  const out = await recordUsageEvents(tx, event.tenantId, [event], now, () => 'event', contracts);
  const item = out.items[0]!;
  return { recorded: item.recorded, periodClosed: item.periodClosed, alerts: out.alerts };
}
