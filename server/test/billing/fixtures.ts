import { randomUUID } from 'node:crypto';
import {
  createBillingRun,
  createContract,
  createPlan,
  type Contract,
  type OveragePricing,
} from '../../../billing/src/index';
import { recordUsageEvents } from '../../../metering/src/index';
import type { Running } from '../../src/boot';
import { createTestTenant, uniqueSuffix } from '../support/app';

/**
 * A plan at 1,000 dossiers a year with graduated overage (first 100 over at 10,000 ₫, then 8,000 ₫)
 * and 10% VAT. Effective from 2000 so tests may use contract years far in the past, which no other
 * test file uses: the invoice run bills every unit whose year ends in its period.
 */
export function createBillingPlan(running: Running, overage?: OveragePricing, vatRateBp = 1000) {
  const code = `B${uniqueSuffix()}`;
  return running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
    createPlan(
      tx,
      {
        code,
        name: `Gói ${code}`,
        description: '',
        terms: {
          annualFee: 36_500_000,
          includedDossiers: 1_000,
          overage: overage ?? {
            model: 'graduated',
            tiers: [
              { upTo: 100, unitPrice: 10_000 },
              { upTo: null, unitPrice: 8_000 },
            ],
          },
          vatRateBp,
          vatNote: '',
          effectiveFrom: '2000-01-01',
        },
      },
      'test',
      new Date(),
    ),
  );
}

/** A new unit with a contract start … end (inclusive) and `used` dossiers received in it. */
export async function unitWithUsage(
  running: Running,
  planId: string,
  startDate: string,
  endDate: string,
  used: number,
  instalments = 1,
): Promise<Contract> {
  const tenant = await createTestTenant(running);
  const contract = await running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, (tx) =>
    createContract(tx, { tenantId: tenant.id, planId, startDate, endDate, instalments }, 'test', new Date()),
  );
  if (used > 0)
    await running.transactor.withTenant({ tenantId: tenant.id, actorId: null }, (tx) =>
      recordUsageEvents(
        tx,
        tenant.id,
        [
          {
            tenantId: tenant.id,
            metric: 'dossier.received',
            quantity: used,
            occurredAt: new Date(`${startDate}T03:00:00Z`),
            idempotencyKey: randomUUID(),
            source: 'ingestion',
            dossierId: null,
          },
        ],
        new Date(),
      ),
    );
  return contract;
}

export function newRun(running: Running, kind: 'lease' | 'overage', periodFrom: string, periodTo: string) {
  return running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
    createBillingRun(tx, { kind, periodFrom, periodTo, dryRun: false }, 'test'),
  );
}

export function invoicesOf(running: Running, contractIds: string[]) {
  return running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
    tx('invoices')
      .whereIn('contract_id', contractIds)
      .select('id', 'contract_id', 'kind', 'instalment', 'total', 'status'),
  ) as Promise<
    { id: string; contract_id: string; kind: string; instalment: number; total: number; status: string }[]
  >;
}
