import type { Transactor, Tx } from '../db/transactor';
import { cliActor, auditActorOf } from '../auth/actor';
import { ensureHolidays } from '../modules/calendar/vietnam-holidays';
import { ensureCoreDictionary } from '../modules/dictionary/core-fields';
import { ensureFieldsOfActivity } from '../modules/procedures/fields-of-activity';
import { ensureStaffUser, grantMembership, grantPlatformRole } from '../modules/access/staff';
import { createTenant } from '../modules/tenancy/service';
import { ensureDevAuthority } from '../modules/signing/authority';
import { ensureDemoMerchants } from '../modules/payments/merchant-accounts';
import { signingKeysFrom, type SigningKeys } from '../modules/signing/key-vault';
import { demoStaff, demoUnits } from './demo-province';
import { ensureDemoSearchTerms, seedDemoCatalog } from './seed-catalog';
import { seedDemoForms } from './seed-forms';

export interface DemoSeedReport {
  unitsCreated: number;
  staff: number;
  proceduresCreated: number;
  formsPublished: number;
  merchantsCreated: number;
}

// Two processes starting at once (or parallel test files) would both find a unit missing and both
// insert it; the second would fail on the unique code. One seeder at a time.
const SEED_LOCK = `select pg_advisory_xact_lock(hashtext('motcua.seed-demo'))`;

/**
 * Creates the demo province. Idempotent: units and people that exist are left as they are, so it
 * can run at every development start.
 */
export async function seedDemo(
  transactor: Transactor,
  signingKeys: SigningKeys = signingKeysFrom({}),
): Promise<DemoSeedReport> {
  const actor = auditActorOf(cliActor);
  await transactor.withSystem(async (tx) => {
    await tx.raw(SEED_LOCK);
    // The shared dictionary first: the demo forms are built from it.
    await ensureCoreDictionary(tx);
    // Procedures name their field of activity, so the national list comes before any catalog.
    await ensureFieldsOfActivity(tx);
    // The development root CA (one RSA key, about a second, once). Unit certificates are issued on
    // each unit's first signing instead: ~35 keys here would cost half a minute on a small machine.
    await ensureDevAuthority(tx, signingKeys);
    // Due dates count working days against the operator's holiday calendar.
    await ensureHolidays(tx, [2025, 2026, 2027]);
    // The catalog's search terms, committed before the catalog: the long transaction below then
    // never waits on (nor holds) a term that a unit publishing the same name is adding meanwhile.
    await ensureDemoSearchTerms(tx);
  });
  return transactor.withSystem(async (tx) => {
    await tx.raw(SEED_LOCK);
    const ids = await existingUnitIds(tx);
    let unitsCreated = 0;
    for (const u of demoUnits) {
      if (ids.has(u.code)) continue;
      const parentId = u.parent ? ids.get(u.parent) : undefined;
      const t = await createTenant(tx, { code: u.code, name: u.name, kind: u.kind, parentId }, actor);
      ids.set(u.code, t.id);
      unitsCreated++;
    }
    for (const p of demoStaff) {
      const userId = await ensureStaffUser(tx, { sub: p.sub, name: p.name, email: p.email });
      for (const role of p.platformRoles ?? []) await grantPlatformRole(tx, userId, role);
      for (const m of p.memberships ?? []) {
        const tenantId = ids.get(m.unit);
        if (!tenantId) throw new Error(`demo person ${p.sub} names unknown unit ${m.unit}`);
        for (const role of m.roles) await grantMembership(tx, { tenantId, userId, role }, actor);
      }
    }
    const proceduresCreated = await seedDemoCatalog(tx, ids, actor);
    const formsPublished = await seedDemoForms(tx, ids, actor);
    // After the catalog: units whose published procedures have fees get a development terminal.
    const merchantsCreated = await ensureDemoMerchants(tx, signingKeys, [...ids.values()]);
    return { unitsCreated, staff: demoStaff.length, proceduresCreated, formsPublished, merchantsCreated };
  });
}

/** The demo units that exist already, by code: one query instead of one per unit. */
async function existingUnitIds(tx: Tx): Promise<Map<string, string>> {
  const rows = (await tx('tenants')
    .select('id', 'code')
    .whereIn(
      'code',
      demoUnits.map((u) => u.code),
    )) as { id: string; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}
