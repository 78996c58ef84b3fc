import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { demoTmnCodeOf, ensureDemoMerchants } from '../../src/modules/payments/merchant-accounts';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
import { createPublishedProcedure } from '../dossiers/fixture';
import { createTestTenant, startTestServer } from '../support/app';

/** Demo terminals: one per unit with fee-bearing published procedures, created once. */
let running: Running;
beforeAll(async () => {
  running = await startTestServer();
}, 60_000);
afterAll(() => running.close());

const terminalsOf = (tenantId: string) =>
  running.transactor.withSystem((tx) =>
    tx('merchant_accounts')
      .where({ tenant_id: tenantId })
      .select<{ tmn_code: string; status: string }[]>('tmn_code', 'status'),
  );

describe('ensureDemoMerchants', () => {
  it('gives fee-bearing units a terminal, idempotently, and free units none', async () => {
    const paid = await createTestTenant(running);
    const free = await createTestTenant(running);
    const feeProcedure = await createPublishedProcedure(running, paid.id);
    await running.transactor.withTenant({ tenantId: paid.id, actorId: null }, (tx) =>
      tx('procedures')
        .where({ id: feeProcedure })
        .update({ fees: JSON.stringify([{ name: 'Lệ phí', amount: 50_000 }]), fee_total: 50_000 }),
    );
    await createPublishedProcedure(running, free.id);
    const vault = signingKeysFrom(running.env);
    const ensure = () =>
      running.transactor.withSystem((tx) => ensureDemoMerchants(tx, vault, [paid.id, free.id]));
    await ensure();
    expect(await terminalsOf(paid.id)).toEqual([{ tmn_code: demoTmnCodeOf(paid.code), status: 'active' }]);
    expect(await terminalsOf(free.id)).toEqual([]);
    // A platform terminal exists now (the demo one or another file's).
    const platform = await running.transactor.withSystem((tx) =>
      tx('merchant_accounts').whereNull('tenant_id').where({ status: 'active' }),
    );
    expect(platform).toHaveLength(1);
    // Again: nothing new for these units.
    await ensure();
    expect(await terminalsOf(paid.id)).toHaveLength(1);
  });
});
