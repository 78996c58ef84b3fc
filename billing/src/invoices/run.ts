import type { Knex } from 'knex';
import { contractsQuery, toContract } from '../contracts/queries';
import type { Contract } from '../contracts/schema';
import { BillingError } from '../errors';
import { localDate } from '../pricing/dates';
import { overagePricing, type OveragePricing } from '../pricing/schema';
import { leaseDraft, instalmentStart, overageDraft, type DraftTerms } from './draft';
import { adjustmentDraft } from './adjustment-draft';
import { billedOverage, settleLateUsage, type Closure, type Settlement } from './adjustments';
import { insertDrafts, plainArray } from './queries';
import type { CreateBillingRunInput, InvoiceDraft, RunKind } from './schema';

type Tx = Knex.Transaction;

export interface BillingRun {
  id: string;
  kind: RunKind;
  periodFrom: string;
  periodTo: string;
  dryRun: boolean;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  created: number;
  skipped: number;
  errors: { contractId: string | null; tenantCode: string | null; message: string }[];
  cursorContractId: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface RunRow {
  id: string;
  kind: RunKind;
  period_from: string;
  period_to: string;
  dry_run: boolean;
  status: BillingRun['status'];
  total: number;
  done: number;
  created: number;
  skipped: number;
  errors: BillingRun['errors'];
  cursor_contract_id: string | null;
  requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const toRun = (r: RunRow): BillingRun => ({
  id: r.id,
  kind: r.kind,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  dryRun: r.dry_run,
  status: r.status,
  total: r.total,
  done: r.done,
  created: r.created,
  skipped: r.skipped,
  errors: r.errors,
  cursorContractId: r.cursor_contract_id,
  requestedBy: r.requested_by,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
});

const runColumns = (tx: Tx) => [
  '*',
  tx.raw("to_char(period_from, 'YYYY-MM-DD') as period_from"),
  tx.raw("to_char(period_to, 'YYYY-MM-DD') as period_to"),
];

export async function createBillingRun(
  tx: Tx,
  input: CreateBillingRunInput,
  actorId: string | null,
  extra: Partial<Pick<RunRow, 'status' | 'total' | 'done' | 'skipped' | 'created'>> = {},
): Promise<BillingRun> {
  const [row] = (await tx('billing_runs')
    .insert({
      kind: input.kind,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      dry_run: input.dryRun,
      requested_by: actorId,
      ...extra,
    })
    .returning(runColumns(tx) as string[])) as RunRow[];
  return toRun(row!);
}

export async function findBillingRun(
  tx: Tx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<BillingRun | null> {
  const q = tx('billing_runs').select(runColumns(tx)).where({ id }).first();
  if (opts.forUpdate) q.forUpdate();
  const row = (await q) as RunRow | undefined;
  return row ? toRun(row) : null;
}

export async function getBillingRun(
  tx: Tx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<BillingRun> {
  const run = await findBillingRun(tx, id, opts);
  if (!run)
    throw new BillingError('not_found', {
      vi: 'Không tìm thấy đợt lập hóa đơn',
      en: 'Billing run not found',
    });
  return run;
}

type RunScope = Pick<BillingRun, 'kind' | 'periodFrom' | 'periodTo'>;

/**
 * Contracts a run bills (ids and unit only). Lease: contracts covering some day of the period (each
 * instalment starting in it is billed). Overage: contract years whose last day is in the period
 * and already over on `today` — a year still running has no overage yet. Every run also takes the
 * contract years ended by its period's end that received late usage not yet settled, or whose
 * overage or adjustment invoice was voided since the last look (adjustments).
 */
function runContractKeys(tx: Tx, run: RunScope, today: string) {
  const q = tx('contracts as c')
    .select('c.tenant_id', 'c.id')
    .whereRaw('coalesce(c.ended_on, c.end_date) >= c.start_date');
  if (run.kind === 'lease')
    q.where('c.start_date', '<=', run.periodTo).whereRaw('coalesce(c.ended_on, c.end_date) >= ?', [
      run.periodFrom,
    ]);
  else
    q.whereRaw('coalesce(c.ended_on, c.end_date) between ? and ?', [run.periodFrom, run.periodTo]).whereRaw(
      'coalesce(c.ended_on, c.end_date) < ?',
      [today],
    );
  const late = tx('usage_counters as u')
    .join('contracts as l', function () {
      this.on('l.tenant_id', 'u.tenant_id').andOn('l.id', 'u.contract_id');
    })
    .select('u.tenant_id', 'u.contract_id as id')
    .where('u.metric', 'dossier.received')
    .whereRaw('u.closed_period_quantity > u.settled_closed_quantity')
    .whereRaw('coalesce(l.ended_on, l.end_date) <= ?', [run.periodTo]);
  const voided = tx('invoices as v')
    .join('contracts as l', function () {
      this.on('l.tenant_id', 'v.tenant_id').andOn('l.id', 'v.contract_id');
    })
    .join('usage_counters as u', function () {
      this.on('u.tenant_id', 'v.tenant_id')
        .andOn('u.contract_id', 'v.contract_id')
        .andOnVal('u.metric', 'dossier.received');
    })
    .select('v.tenant_id', 'v.contract_id as id')
    .where('v.status', 'void')
    .whereIn('v.kind', ['overage', 'adjustment'])
    .whereRaw('coalesce(l.ended_on, l.end_date) <= ?', [run.periodTo])
    .groupBy('v.tenant_id', 'v.contract_id', 'u.rebilled_void_invoices')
    .havingRaw('count(*) > u.rebilled_void_invoices');
  return tx.from(q.union(late).union(voided).as('c')).select('c.tenant_id', 'c.id');
}

/** Whether the run bills the contract for its period (not only for its late usage). */
function inRunPeriod(run: RunScope, c: Contract, today: string): boolean {
  if (c.lastDay < c.startDate) return false;
  if (run.kind === 'lease') return c.startDate <= run.periodTo && c.lastDay >= run.periodFrom;
  return c.lastDay >= run.periodFrom && c.lastDay <= run.periodTo && c.lastDay < today;
}

/** A contract the run bills, by its key. */
interface ContractKey {
  tenant_id: string;
  id: string;
}

/** The keys of up to `limit` of the run's contracts after `after`, in id order. */
function chunkKeys(tx: Tx, run: RunScope, today: string, after: string | null, limit: number | null) {
  const keys = runContractKeys(tx, run, today).orderBy('c.id');
  if (after) keys.where('c.id', '>', after);
  if (limit !== null) keys.limit(limit);
  return keys;
}

/**
 * One chunk's contracts with their plan version and usage: the chunk's keys are picked first (or
 * given: those a locking statement already picked) and joined after — joining every remaining
 * contract and then keeping `limit` of them made each chunk cost the whole rest of the run.
 */
function chunkContracts(tx: Tx, keys: Knex.QueryBuilder | ContractKey[]) {
  const q = contractsQuery(tx).select(
    'v.overage',
    tx.raw('coalesce(u.quantity - u.closed_period_quantity, 0)::bigint as used'),
    tx.raw('coalesce(u.quantity, 0)::bigint as year_used'),
    tx.raw('coalesce(u.closed_period_quantity, 0)::bigint as closed_used'),
    tx.raw('coalesce(u.settled_closed_quantity, 0)::bigint as settled_used'),
    tx.raw('coalesce(u.rebilled_void_invoices, 0)::int as rebilled_voids'),
    tx.raw(
      `(select count(*) from invoices v where v.tenant_id = c.tenant_id and v.contract_id = c.id
         and v.status = 'void' and v.kind in ('overage', 'adjustment'))::int as voids`,
    ),
  );
  if (Array.isArray(keys))
    q.joinRaw(
      'join unnest(?::uuid[], ?::uuid[]) as k(tenant_id, id) on k.tenant_id = c.tenant_id and k.id = c.id',
      [plainArray(keys.map((k) => k.tenant_id)), plainArray(keys.map((k) => k.id))],
    );
  else
    q.join(keys.as('k'), function () {
      this.on('k.tenant_id', 'c.tenant_id').andOn('k.id', 'c.id');
    });
  return q
    .leftJoin('usage_counters as u', function () {
      this.on('u.tenant_id', 'c.tenant_id')
        .andOn('u.contract_id', 'c.id')
        .andOnVal('u.metric', 'dossier.received');
    })
    .orderBy('c.id');
}

export async function countRunContracts(tx: Tx, run: RunScope, now: Date): Promise<number> {
  const row = (await tx
    .from(runContractKeys(tx, run, localDate(now)).as('x'))
    .count({ n: '*' })
    .first()) as { n: number | string };
  return Number(row.n);
}

type Row = Parameters<typeof toContract>[0] & {
  overage: unknown;
  used: number;
  year_used: number | string;
  closed_used: number | string;
  settled_used: number | string;
  rebilled_voids: number;
  voids: number;
};

export interface ChunkOutcome {
  contracts: number;
  drafts: InvoiceDraft[];
  errors: BillingRun['errors'];
  /** Late usage the chunk's adjustments account for (with an invoice or within quota). */
  settlements: Settlement[];
  /** Overage runs: the years they bill (or find within quota), closed with their draft. */
  closures: Closure[];
}

/** Pure per contract: the drafts a run makes for it. */
export function draftsFor(run: RunScope, c: Contract, terms: DraftTerms, used: number): InvoiceDraft[] {
  if (run.kind === 'overage') {
    const d = overageDraft(c, terms, used);
    return d ? [d] : [];
  }
  const out: InvoiceDraft[] = [];
  for (let i = 1; i <= c.instalments; i++) {
    const start = instalmentStart(c, i);
    if (start < run.periodFrom || start > run.periodTo) continue;
    const d = leaseDraft(c, terms, i);
    if (d) out.push(d);
  }
  return out;
}

/**
 * Computes the drafts of up to `limit` contracts after `after` (id order), or of the contracts
 * `keys` names (already picked, in id order); writes nothing.
 */
export async function draftChunk(
  tx: Tx,
  run: RunScope,
  after: string | null,
  limit: number | null,
  now: Date,
  keys?: ContractKey[],
): Promise<ChunkOutcome & { lastContractId: string | null }> {
  const today = localDate(now);
  const rows = (await chunkContracts(tx, keys ?? chunkKeys(tx, run, today, after, limit))) as Row[];
  const drafts: InvoiceDraft[] = [];
  const errors: BillingRun['errors'] = [];
  const settlements: Settlement[] = [];
  const closures: Closure[] = [];
  const pending = (r: Row) => Number(r.closed_used) > Number(r.settled_used) || r.voids > r.rebilled_voids;
  const late = rows.filter(pending);
  const billed = await billedOverage(
    tx,
    late.map((r) => ({ tenantId: r.tenant_id, contractId: r.id })),
  );
  // A chunk's contracts share a few plan versions: parse each version's pricing once.
  const pricingOf = new Map<string, OveragePricing>();
  for (const r of rows) {
    try {
      const c = toContract(r);
      let overage = pricingOf.get(r.plan_version_id);
      if (!overage) pricingOf.set(r.plan_version_id, (overage = overagePricing.parse(r.overage)));
      const terms = { overage, paymentTermsDays: c.effectivePaymentTermsDays };
      if (inRunPeriod(run, c, today)) {
        drafts.push(...draftsFor(run, c, terms, Number(r.used)));
        // Closed with its draft, not at approval: usage recorded from now on is late and goes to
        // an adjustment, whereas before it fell between the draft's count and the closure.
        if (run.kind === 'overage')
          closures.push({ tenantId: c.tenantId, contractId: c.id, through: c.lastDay });
      }
      // Late usage, or a voided overage or adjustment whose dossiers are billable again.
      if (pending(r)) {
        const before = billed.get(c.id) ?? { billedOver: 0, lastAdjustment: 0, billedNumbers: [] };
        const adjustment = adjustmentDraft(c, terms, { ...before, used: Number(r.year_used) });
        if (adjustment) drafts.push(adjustment);
        settlements.push({
          tenantId: c.tenantId,
          contractId: c.id,
          from: Number(r.settled_used),
          to: Number(r.closed_used),
          voidsFrom: r.rebilled_voids,
          voidsTo: r.voids,
        });
      }
    } catch (e) {
      errors.push({
        contractId: r.id,
        tenantCode: r.tenant_code,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }
  return {
    contracts: rows.length,
    drafts,
    errors,
    settlements,
    closures,
    lastContractId: rows.at(-1)?.id ?? null,
  };
}

/**
 * An overage run's chunk locks the usage counters of its contract years (creating a zero one for a
 * year without usage) before it reads them, in contract order: recording usage locks its counter
 * before it reads the closures (metering's place), so an event recorded while the chunk drafts and
 * closes its years either is counted by the draft or, waiting for the chunk to commit, sees the
 * closure and is late. Lease runs close nothing and lock nothing: an adjustment reads the year's
 * usage and its late part in one snapshot and settles only what it read.
 *
 * One statement picks the chunk's keys (once; the read joins them) and locks: ON CONFLICT DO UPDATE
 * … WHERE false locks an existing counter without writing a new version of it (a no-op update
 * wrote 2,000 row versions per chunk), and creates a missing one, in the same single pass in
 * contract order as metering's upsert — a separate insert, then SELECT … FOR UPDATE, would hold a
 * created counter while waiting for an older one, which a recorder's batch may lock the other way.
 * The read is the next statement: a snapshot taken after every lock was granted.
 */
async function lockYearCounters(
  tx: Tx,
  run: RunScope,
  after: string | null,
  limit: number,
  now: Date,
): Promise<ContractKey[]> {
  const keys = chunkKeys(tx, run, localDate(now), after, limit);
  const { rows } = (await tx.raw(
    `with k as materialized (?),
     locked as (
       insert into usage_counters as u (tenant_id, contract_id, metric, updated_at)
       select k.tenant_id, k.id, 'dossier.received', ?::timestamptz from k order by k.id
       on conflict (tenant_id, contract_id, metric) do update set updated_at = u.updated_at where false
     )
     select k.tenant_id, k.id from k order by k.id`,
    [keys, now],
  )) as { rows: ContractKey[] };
  return rows;
}

/** What one chunk did: its contracts, the last of them (the run's next cursor) and what it wrote. */
export interface BilledChunk {
  contracts: number;
  lastContractId: string | null;
  created: number;
  errors: BillingRun['errors'];
}

/**
 * Drafts and inserts one chunk of a run in the caller's transaction: the contracts after `after`.
 * Its progress is recorded separately (recordChunkProgress), in the same transaction, so a worker
 * may draft and insert the next chunk while the previous one is still committing. `onClaimed` is
 * told where this chunk ends as soon as that is known (an overage chunk: once its counters are
 * locked; a lease chunk: once it is read), before anything is written.
 */
export async function billChunk(
  tx: Tx,
  run: RunScope & { id: string },
  after: string | null,
  limit: number,
  now: Date,
  onClaimed: (lastContractId: string | null) => void = () => undefined,
): Promise<BilledChunk> {
  // An overage chunk's keys are known once its counters are locked: the next chunk may be claimed
  // (and lock its own) while this one reads and drafts.
  let keys: ContractKey[] | undefined;
  if (run.kind === 'overage') {
    keys = await lockYearCounters(tx, run, after, limit, now);
    onClaimed(keys.at(-1)?.id ?? null);
    if (keys.length === 0) return { contracts: 0, lastContractId: null, created: 0, errors: [] };
  }
  const chunk = await draftChunk(tx, run, after, limit, now, keys);
  if (!keys) onClaimed(chunk.lastContractId);
  if (chunk.contracts === 0) return { contracts: 0, lastContractId: null, created: 0, errors: [] };
  const created = await insertDrafts(tx, chunk.drafts, run.id, now, chunk.closures);
  await settleLateUsage(tx, chunk.settlements);
  return { contracts: chunk.contracts, lastContractId: chunk.lastContractId, created, errors: chunk.errors };
}

/**
 * Moves the run's cursor from `after` to the chunk's last contract and adds its counts — only if
 * the cursor is still at `after`: chunks commit in contract order, so a crash leaves a prefix of
 * the run committed and a restart resumes exactly there. Another worker that moved the cursor
 * meanwhile makes this throw (and the chunk roll back). The UPDATE takes a no-key lock, which the
 * next chunk's invoices (their foreign key to the run holds a key-share lock) do not block.
 */
export async function recordChunkProgress(
  tx: Tx,
  runId: string,
  after: string | null,
  chunk: BilledChunk,
): Promise<void> {
  const moved = await tx('billing_runs')
    .where({ id: runId })
    .whereRaw('cursor_contract_id is not distinct from ?::uuid', [after])
    .update({
      done: tx.raw('done + ?', [chunk.contracts]),
      created: tx.raw('created + ?', [chunk.created]),
      skipped: tx.raw('skipped + ?', [Math.max(0, chunk.contracts - chunk.created)]),
      cursor_contract_id: chunk.lastContractId,
      errors:
        chunk.errors.length > 0
          ? tx.raw('errors || ?::jsonb', [JSON.stringify(chunk.errors)])
          : tx.raw('errors'),
    });
  if (moved !== 1)
    throw new BillingError('conflict', {
      vi: 'Đợt lập hóa đơn đã được một tiến trình khác xử lý tiếp',
      en: 'Another worker moved this invoice run on',
    });
}

export async function markBillingRun(
  tx: Tx,
  id: string,
  change: { status: BillingRun['status']; now: Date; total?: number; error?: string },
): Promise<void> {
  const patch: Record<string, unknown> = { status: change.status };
  if (change.status === 'running') patch.started_at = tx.raw('coalesce(started_at, ?)', [change.now]);
  if (change.status === 'completed' || change.status === 'failed') patch.finished_at = change.now;
  if (change.total !== undefined) patch.total = change.total;
  if (change.error)
    patch.errors = tx.raw('errors || ?::jsonb', [
      JSON.stringify([{ contractId: null, tenantCode: null, message: change.error }]),
    ]);
  await tx('billing_runs').where({ id }).update(patch);
}
