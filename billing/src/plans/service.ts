import type { Knex } from 'knex';
import { BillingError, invalid } from '../errors';
import { findPlan, findPlanByCode, insertPlan, insertPlanVersion, updatePlanRow } from './queries';
import type { CreatePlanInput, Plan, PlanTermsInput, UpdatePlanInput } from './schema';

type Tx = Knex.Transaction;

const planNotFound = () =>
  new BillingError('not_found', { vi: 'Không tìm thấy gói dịch vụ', en: 'Plan not found' });

/** Publishes a plan with its first version. Platform transaction (operator). */
export async function createPlan(tx: Tx, input: CreatePlanInput, actorId: string, now: Date): Promise<Plan> {
  if (await findPlanByCode(tx, input.code))
    throw new BillingError(
      'conflict',
      { vi: `Mã gói ${input.code} đã được dùng`, en: `Plan code ${input.code} is already in use` },
      [{ path: 'code', message: 'Mã gói đã được dùng', message_en: 'Code already in use' }],
    );
  const id = await insertPlan(tx, { code: input.code, name: input.name, description: input.description });
  await addVersion(tx, id, 1, input.name, input.terms, actorId, now);
  return (await findPlan(tx, id))!;
}

/**
 * A price change: a new version, never an edit of one in use. Its effective date may not precede
 * the newest version's, so the history of a plan reads in one direction.
 */
export async function createPlanVersion(
  tx: Tx,
  planId: string,
  terms: PlanTermsInput,
  actorId: string,
  now: Date,
): Promise<Plan> {
  // Row lock: two changes to one plan at once get consecutive version numbers.
  const plan = await findPlan(tx, planId, { forUpdate: true });
  if (!plan) throw planNotFound();
  if (plan.status === 'retired')
    throw new BillingError('conflict', { vi: 'Gói đã ngừng áp dụng', en: 'The plan is retired' });
  const latest = plan.latestVersion;
  if (latest && terms.effectiveFrom < latest.effectiveFrom)
    throw invalid(
      'effectiveFrom',
      `Ngày hiệu lực không được trước phiên bản ${latest.version} (${latest.effectiveFrom})`,
      `effectiveFrom may not precede version ${latest.version} (${latest.effectiveFrom})`,
    );
  await addVersion(tx, planId, (latest?.version ?? 0) + 1, terms.name ?? plan.name, terms, actorId, now);
  return (await findPlan(tx, planId))!;
}

async function addVersion(
  tx: Tx,
  planId: string,
  version: number,
  name: string,
  t: PlanTermsInput,
  actorId: string,
  now: Date,
) {
  await insertPlanVersion(
    tx,
    {
      planId,
      version,
      name,
      annualFee: t.annualFee,
      includedDossiers: t.includedDossiers,
      overage: t.overage,
      vatRateBp: t.vatRateBp,
      vatNote: t.vatNote,
      paymentTermsDays: t.paymentTermsDays ?? null,
      effectiveFrom: t.effectiveFrom,
      effectiveTo: t.effectiveTo ?? null,
      createdBy: actorId,
    },
    now,
  );
}

/** Renames or retires a plan; its terms change only through a new version. */
export async function updatePlan(tx: Tx, id: string, input: UpdatePlanInput, now: Date): Promise<Plan> {
  if (!(await findPlan(tx, id))) throw planNotFound();
  await updatePlanRow(tx, id, input, now);
  return (await findPlan(tx, id))!;
}

export async function getPlan(tx: Tx, id: string): Promise<Plan> {
  const plan = await findPlan(tx, id);
  if (!plan) throw planNotFound();
  return plan;
}
