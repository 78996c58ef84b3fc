import type { Transactor } from '../db/transactor';
import { cliActor, auditActorOf } from '../auth/actor';
import { ensureHolidays } from '../modules/calendar/vietnam-holidays';
import { ensureCoreDictionary } from '../modules/dictionary/core-fields';
import { ensureFieldsOfActivity } from '../modules/procedures/fields-of-activity';
import { ensureStaffUser, grantMembership, grantPlatformRole } from '../modules/access/staff';
import { findTenantByCode } from '../modules/tenancy/queries';
import { createTenant } from '../modules/tenancy/service';
import { ensureDevAuthority } from '../modules/signing/authority';
import { signingKeysFrom, type SigningKeys } from '../modules/signing/key-vault';
import { demoStaff, demoUnits } from './demo-province';

/**
 * Creates the demo province. Idempotent: units and people that exist are left as they are, so it
 * can run at every development start.
 */
export async function seedDemo(
  transactor: Transactor,
  signingKeys: SigningKeys = signingKeysFrom({}),
): Promise<{ unitsCreated: number; staff: number }> {
  const actor = auditActorOf(cliActor);
  return transactor.withSystem(async (tx) => {
    // Two processes starting at once (or parallel test files) would both find a unit missing and
    // both insert it; the second would fail on the unique code. One seeder at a time.
    await tx.raw(`select pg_advisory_xact_lock(hashtext('motcua.seed-demo'))`);
    // The shared dictionary first: the demo forms are built from it.
    await ensureCoreDictionary(tx);
    // Procedures name their field of activity, so the national list comes before any catalog.
    await ensureFieldsOfActivity(tx);
    // The development root CA (one RSA key, about a second, once). Unit certificates are issued on
    // each unit's first signing instead: ~35 keys here would cost half a minute on a small machine.
    await ensureDevAuthority(tx, signingKeys);
    // Due dates count working days against the operator's holiday calendar.
    await ensureHolidays(tx, [2025, 2026, 2027]);
    const ids = new Map<string, string>();
    let unitsCreated = 0;
    for (const u of demoUnits) {
      const existing = await findTenantByCode(tx, u.code);
      if (existing) {
        ids.set(u.code, existing.id);
        continue;
      }
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
    return { unitsCreated, staff: demoStaff.length };
  });
}
