import type { Knex } from 'knex';
import { BillingError, invalid } from '../errors';
import {
  addDays,
  contractYearDays,
  contractYearEnd,
  inclusiveDays,
  localDate,
  type IsoDate,
} from '../pricing/dates';
import { findPlanVersion, planVersionInForce } from '../plans/queries';
import type { PlanVersion } from '../plans/schema';
import { findContract, overlappingContract } from './queries';
import type { Contract, CreateContractInput, RenewContractInput, UpdateContractInput } from './schema';
import { assertContractTransition } from './transitions';

type Tx = Knex.Transaction;

const contractNotFound = () =>
  new BillingError('not_found', { vi: 'Không tìm thấy hợp đồng', en: 'Contract not found' });

async function resolvePlanVersion(
  tx: Tx,
  c: { planId?: string; planVersionId?: string },
  startDate: IsoDate,
): Promise<PlanVersion> {
  if (c.planVersionId) {
    const v = await findPlanVersion(tx, c.planVersionId);
    if (!v) throw invalid('planVersionId', 'Không có phiên bản gói này', 'No such plan version');
    return v;
  }
  const v = await planVersionInForce(tx, c.planId!, startDate);
  if (!v)
    throw invalid(
      'planId',
      `Gói không có phiên bản hiệu lực ngày ${startDate}`,
      `The plan has no version in force on ${startDate}`,
    );
  return v;
}

/** Contracts of one unit are created and changed one at a time, so two cannot overlap. */
async function lockTenantContracts(tx: Tx, tenantId: string): Promise<void> {
  await tx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`contracts:${tenantId}`]);
}

async function assertPeriod(tx: Tx, tenantId: string, start: IsoDate, end: IsoDate, exceptId: string | null) {
  if (end < start)
    throw invalid(
      'endDate',
      'Ngày kết thúc phải từ ngày bắt đầu trở đi',
      'endDate must not precede startDate',
    );
  if (inclusiveDays(start, end) > contractYearDays(start))
    throw invalid(
      'endDate',
      `Một hợp đồng dài tối đa một năm: kết thúc muộn nhất ngày ${contractYearEnd(start)}`,
      `A contract covers at most one year: it ends on ${contractYearEnd(start)} at the latest`,
    );
  const other = await overlappingContract(tx, tenantId, start, end, exceptId);
  if (other)
    throw new BillingError(
      'conflict',
      {
        vi: 'Đơn vị đã có hợp đồng trùng thời gian',
        en: 'The unit already has a contract overlapping these dates',
      },
      [
        {
          path: 'startDate',
          message: `Trùng với hợp đồng ${other.id}`,
          message_en: `Overlaps contract ${other.id}`,
        },
      ],
    );
}

interface NewContract {
  tenantId: string;
  planVersion: PlanVersion;
  startDate: IsoDate;
  endDate: IsoDate;
  quotaOverride: number | null;
  priceOverride: number | null;
  instalments: number;
  paymentTermsDays: number | null;
  renewedFrom: string | null;
}

async function insertContract(tx: Tx, c: NewContract, actorId: string, now: Date): Promise<Contract> {
  await assertPeriod(tx, c.tenantId, c.startDate, c.endDate, null);
  const [row] = (await tx('contracts')
    .insert({
      tenant_id: c.tenantId,
      plan_version_id: c.planVersion.id,
      start_date: c.startDate,
      end_date: c.endDate,
      quota_override: c.quotaOverride,
      price_override: c.priceOverride,
      instalments: c.instalments,
      payment_terms_days: c.paymentTermsDays,
      renewed_from: c.renewedFrom,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')) as { id: string }[];
  return (await findContract(tx, row!.id))!;
}

/** Puts a unit on a plan for one contract year from any start date. Platform transaction. */
export async function createContract(
  tx: Tx,
  input: CreateContractInput,
  actorId: string,
  now: Date,
): Promise<Contract> {
  const tenant = (await tx('tenants').select('id', 'status').where({ id: input.tenantId }).first()) as
    { id: string; status: string } | undefined;
  if (!tenant) throw invalid('tenantId', 'Không có đơn vị này', 'No such unit');
  if (tenant.status === 'terminated')
    throw invalid('tenantId', 'Đơn vị đã chấm dứt', 'The unit is terminated');
  await lockTenantContracts(tx, input.tenantId);
  return insertContract(
    tx,
    {
      tenantId: input.tenantId,
      planVersion: await resolvePlanVersion(tx, input, input.startDate),
      startDate: input.startDate,
      endDate: input.endDate ?? contractYearEnd(input.startDate),
      quotaOverride: input.quotaOverride ?? null,
      priceOverride: input.priceOverride ?? null,
      instalments: input.instalments,
      paymentTermsDays: input.paymentTermsDays ?? null,
      renewedFrom: null,
    },
    actorId,
    now,
  );
}

/**
 * The next contract year: by default from the day after this one's last day, on the plan's version
 * in force then. Overrides are not carried over: a new year's override needs finance again.
 */
export async function renewContract(
  tx: Tx,
  id: string,
  input: RenewContractInput,
  actorId: string,
  now: Date,
): Promise<Contract> {
  const current = await findContract(tx, id);
  if (!current) throw contractNotFound();
  if (current.status === 'terminated')
    throw new BillingError('conflict', {
      vi: 'Hợp đồng đã chấm dứt, không gia hạn được',
      en: 'A terminated contract cannot be renewed',
    });
  await lockTenantContracts(tx, current.tenantId);
  const startDate = input.startDate ?? addDays(current.lastDay, 1);
  const plan = input.planVersionId || input.planId ? input : { planId: current.planId };
  return insertContract(
    tx,
    {
      tenantId: current.tenantId,
      planVersion: await resolvePlanVersion(tx, plan, startDate),
      startDate,
      endDate: input.endDate ?? contractYearEnd(startDate),
      quotaOverride: input.quotaOverride ?? null,
      priceOverride: input.priceOverride ?? null,
      instalments: input.instalments ?? current.instalments,
      paymentTermsDays:
        input.paymentTermsDays === undefined ? current.paymentTermsDays : input.paymentTermsDays,
      renewedFrom: current.id,
    },
    actorId,
    now,
  );
}

async function loadForChange(tx: Tx, id: string): Promise<Contract> {
  const c = await findContract(tx, id, { forUpdate: true });
  if (!c) throw contractNotFound();
  return c;
}

/**
 * New overrides wait for finance's approval again; instalments and payment terms change freely
 * (an invoice keeps the terms it was drafted with).
 */
export async function updateContract(
  tx: Tx,
  id: string,
  input: UpdateContractInput,
  now: Date,
): Promise<Contract> {
  const c = await loadForChange(tx, id);
  if (c.status === 'terminated')
    throw new BillingError('conflict', { vi: 'Hợp đồng đã chấm dứt', en: 'The contract is terminated' });
  const patch: Record<string, unknown> = { updated_at: now };
  if (input.quotaOverride !== undefined || input.priceOverride !== undefined) {
    patch.quota_override = input.quotaOverride === undefined ? c.quotaOverride : input.quotaOverride;
    patch.price_override = input.priceOverride === undefined ? c.priceOverride : input.priceOverride;
    patch.override_approved_by = null;
    patch.override_approved_at = null;
  }
  if (input.instalments !== undefined) patch.instalments = input.instalments;
  if (input.paymentTermsDays !== undefined) patch.payment_terms_days = input.paymentTermsDays;
  await tx('contracts').where({ tenant_id: c.tenantId, id }).update(patch);
  return (await findContract(tx, id))!;
}

/** Finance approves the proposed quota/price override; from then on it prices the contract. */
export async function approveOverride(tx: Tx, id: string, approverId: string, now: Date): Promise<Contract> {
  const c = await loadForChange(tx, id);
  if (c.quotaOverride === null && c.priceOverride === null)
    throw new BillingError('conflict', {
      vi: 'Hợp đồng không có đề xuất điều chỉnh định mức hay giá',
      en: 'The contract proposes no quota or price override',
    });
  if (c.overrideApprovedBy !== null)
    throw new BillingError('conflict', {
      vi: 'Điều chỉnh đã được duyệt',
      en: 'The override is already approved',
    });
  await tx('contracts')
    .where({ tenant_id: c.tenantId, id })
    .update({ override_approved_by: approverId, override_approved_at: now, updated_at: now });
  return (await findContract(tx, id))!;
}

async function setStatus(
  tx: Tx,
  c: Contract,
  to: Contract['status'],
  reason: string | null,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  assertContractTransition(c.status, to);
  await tx('contracts')
    .where({ tenant_id: c.tenantId, id: c.id })
    .update({ status: to, status_reason: reason, updated_at: now, ...extra });
  return (await findContract(tx, c.id))!;
}

/** The unit keeps read access but cannot receive new dossiers; the reason is shown to it. */
export async function suspendContract(tx: Tx, id: string, reason: string, now: Date): Promise<Contract> {
  return setStatus(tx, await loadForChange(tx, id), 'suspended', reason, now);
}

export async function resumeContract(tx: Tx, id: string, now: Date): Promise<Contract> {
  return setStatus(tx, await loadForChange(tx, id), 'active', null, now);
}

/**
 * Ends the contract on lastDay (default: today in Viet Nam), clamped to its dates: the lease and the
 * quota are prorated to the days it covered. Final.
 */
export async function terminateContract(
  tx: Tx,
  id: string,
  input: { reason: string; lastDay?: IsoDate },
  now: Date,
): Promise<Contract> {
  const c = await loadForChange(tx, id);
  const wanted = input.lastDay ?? localDate(now);
  const beforeStart = addDays(c.startDate, -1);
  const endedOn = wanted < beforeStart ? beforeStart : wanted > c.endDate ? c.endDate : wanted;
  return setStatus(tx, c, 'terminated', input.reason, now, { ended_on: endedOn });
}

export async function getContract(tx: Tx, id: string): Promise<Contract> {
  const c = await findContract(tx, id);
  if (!c) throw contractNotFound();
  return c;
}
