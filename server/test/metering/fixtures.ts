import {
  addDays,
  createContract,
  createPlan,
  localDate,
  type Contract,
  type OveragePricing,
  type Plan,
} from '../../../billing/src/index';
import type { Running } from '../../src/boot';
import { uniqueSuffix } from '../support/app';

/** A plan published by the operator, through the same service as the API. */
export function createTestPlan(
  running: Running,
  terms: {
    annualFee?: number;
    includedDossiers?: number;
    overage?: OveragePricing;
    effectiveFrom?: string;
  } = {},
): Promise<Plan> {
  const code = `P${uniqueSuffix()}`;
  return running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
    createPlan(
      tx,
      {
        code,
        name: `Gói thử ${code}`,
        description: '',
        terms: {
          annualFee: terms.annualFee ?? 1_188_000_000,
          includedDossiers: terms.includedDossiers ?? 10_000,
          overage: terms.overage ?? { model: 'flat', unitPrice: 12_000 },
          vatRateBp: 0,
          vatNote: '',
          effectiveFrom: terms.effectiveFrom ?? '2020-01-01',
        },
      },
      'test',
      new Date(),
    ),
  );
}

/** A full contract year for the unit that started `daysAgo` days ago (so it covers today). */
export function createTestContract(
  running: Running,
  tenantId: string,
  planId: string,
  opts: { startDate?: string; endDate?: string; daysAgo?: number } = {},
): Promise<Contract> {
  const startDate = opts.startDate ?? addDays(localDate(new Date()), -(opts.daysAgo ?? 100));
  return running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
    createContract(
      tx,
      { tenantId, planId, startDate, endDate: opts.endDate, instalments: 1 },
      'test',
      new Date(),
    ),
  );
}

/** A usage event for the ingestion API, one hour ago unless told. */
export function apiEvent(key: string, quantity = 1, occurredAt = new Date(Date.now() - 3_600_000)) {
  return { metric: 'dossier.received', quantity, occurredAt: occurredAt.toISOString(), idempotencyKey: key };
}
