import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { verifyAuditChains, type ChainBreak } from '../../src/modules/audit/verify';
import {
  bearer,
  createTestPlatformKey,
  createTestUnit,
  startTestServer,
  uniqueTenantCode,
  type TestUnit,
} from '../support/app';

/**
 * The audit trail is append-only for the runtime role and hash-chained per unit, so an edit made
 * behind the application's back — even by the owner — is found by verifyAuditChains.
 */
let running: Running;
let owner: Knex;
let admin: IssuedKey;
let unit: TestUnit;

beforeAll(async () => {
  running = await startTestServer();
  owner = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 0, max: 1 } });
  admin = await createTestPlatformKey(running, 'platform_admin');
  unit = await createTestUnit(running, ['tenant_admin']);
});

afterAll(async () => {
  await owner?.destroy();
  await running?.close();
});

/** Breaks in the chains this file made; other files' units share the database and are not ours to judge. */
async function breaksOf(chains: string[]): Promise<ChainBreak[]> {
  const { breaks } = await running.transactor.withSystem((tx) => verifyAuditChains(tx));
  return breaks.filter((b) => chains.includes(b.chain));
}

const entriesOf = (tenantId: string) =>
  running.transactor.withSystem(
    (tx) =>
      tx('audit_log').where({ tenant_id: tenantId }).orderBy('seq').select('seq', 'action') as Promise<
        { seq: number; action: string }[]
      >,
  );

describe('audit chain', () => {
  it('actions through the API append entries whose chain verifies', async () => {
    const api = () => request(running.url);
    const created = await api()
      .post('/api/v1/tenants')
      .set('Authorization', bearer(admin))
      .send({ code: uniqueTenantCode(), name: 'Xã kiểm toán', kind: 'commune' })
      .expect(201);
    const tenantId = (created.body as { id: string }).id;
    await api()
      .patch(`/api/v1/tenants/${tenantId}`)
      .set('Authorization', bearer(admin))
      .send({ name: 'Xã kiểm toán (đổi tên)' })
      .expect(200);
    const key = await api()
      .post('/api/v1/api-keys')
      .set('Authorization', bearer(unit.keys.tenant_admin!))
      .send({ name: 'tích hợp', role: 'leader' })
      .expect(201);
    await api()
      .post(`/api/v1/api-keys/${(key.body as IssuedKey).id}/revoke`)
      .set('Authorization', bearer(unit.keys.tenant_admin!))
      .expect(200);

    const entries = await entriesOf(tenantId);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries[0]?.action).toBe('tenant.created');
    expect(entries.at(-1)?.action).toBe('tenant.updated');
    expect((await entriesOf(unit.tenant.id)).map((e) => e.action).slice(-2)).toEqual([
      'api_key.created',
      'api_key.revoked',
    ]);
    expect(await breaksOf([tenantId, unit.tenant.id, 'platform'])).toEqual([]);
  });

  it('the runtime role can neither update nor delete audit entries', async () => {
    const denied = /permission denied/;
    const asUnit = <T>(fn: (tx: Knex.Transaction) => Promise<T>) =>
      running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, fn);
    await expect(
      asUnit((tx) => tx('audit_log').where({ tenant_id: unit.tenant.id }).update({ action: 'forged' })),
    ).rejects.toThrow(denied);
    await expect(
      asUnit((tx) => tx('audit_log').where({ tenant_id: unit.tenant.id }).delete()),
    ).rejects.toThrow(denied);
    await expect(
      running.transactor.withSystem((tx) => tx('audit_log').update({ action: 'forged' })),
    ).rejects.toThrow(denied);
    await expect(running.transactor.withSystem((tx) => tx('platform_audit_log').delete())).rejects.toThrow(
      denied,
    );
    await expect(running.transactor.withSystem((tx) => tx.raw('truncate audit_log'))).rejects.toThrow(denied);
    expect(await breaksOf([unit.tenant.id])).toEqual([]);
  });

  it("an owner's edit or deletion is reported with the unit and the entry", async () => {
    const edited = await createTestUnit(running, ['tenant_admin', 'leader']);
    const deleted = await createTestUnit(running, ['tenant_admin', 'leader']);
    for (const u of [edited, deleted])
      expect((await entriesOf(u.tenant.id)).length).toBeGreaterThanOrEqual(4);
    expect(await breaksOf([edited.tenant.id, deleted.tenant.id])).toEqual([]);

    const editedRow = { tenant_id: edited.tenant.id, seq: 2 };
    const deletedRow = { tenant_id: deleted.tenant.id, seq: 3 };
    const originalEdited = (await owner('audit_log').where(editedRow).first()) as { data: unknown };
    const originalDeleted = (await owner('audit_log').where(deletedRow).first()) as Record<string, unknown>;
    try {
      await owner('audit_log')
        .where(editedRow)
        .update({ data: JSON.stringify({ role: 'tenant_admin', forged: true }) });
      await owner('audit_log').where(deletedRow).delete();

      const breaks = await breaksOf([edited.tenant.id, deleted.tenant.id]);
      expect(breaks).toContainEqual({
        chain: edited.tenant.id,
        seq: 2,
        problem: 'entry was changed after it was written',
      });
      expect(breaks.filter((b) => b.chain === edited.tenant.id).map((b) => b.seq)).toEqual([2]);
      expect(breaks).toContainEqual(expect.objectContaining({ chain: deleted.tenant.id, seq: 4 }));
      expect(breaks.filter((b) => b.chain === deleted.tenant.id).every((b) => b.seq === 4)).toBe(true);
    } finally {
      // Put history back, so `motcua audit verify` stays clean for the other files sharing the database.
      await owner('audit_log')
        .where(editedRow)
        .update({ data: JSON.stringify(originalEdited.data) });
      await owner('audit_log')
        .insert({ ...originalDeleted, data: JSON.stringify(originalDeleted.data) })
        .onConflict(['tenant_id', 'seq'])
        .ignore();
    }
    expect(await breaksOf([edited.tenant.id, deleted.tenant.id])).toEqual([]);
  });
});
