import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { Transactor } from '../../src/db/transactor';
import {
  formatDossierCode,
  nextDossierCode,
  parseDossierCode,
} from '../../src/modules/dossier-codes/dossier-code';
import { createTestUnit, startTestServer, type TestUnit } from '../support/app';

/** Gap-free dossier codes per unit and local day, under concurrent receptions. */
let running: Running;
let a: TestUnit;
let b: TestUnit;
// The server's pool holds 10 connections; 50 receptions at once need 50, as the runtime role.
let wide: Knex;
let transactor: Transactor;

beforeAll(async () => {
  running = await startTestServer();
  a = await createTestUnit(running, ['desk_officer']);
  b = await createTestUnit(running, ['desk_officer']);
  wide = knexFactory({ client: 'pg', connection: running.db.appUrl, pool: { min: 0, max: 50 } });
  transactor = new Transactor({ app: wide });
});
afterAll(async () => {
  await wide?.destroy();
  await running?.close();
});

const asUnit = <T>(unit: TestUnit, fn: Parameters<Transactor['withTenant']>[1]) =>
  transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, fn) as Promise<T>;
const seqOf = (code: string) => parseDossierCode(code)!.seq;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * One reception: takes a number, holds the counter a little (the rest of the reception's work),
 * then commits — or fails after taking its number, rolling it back.
 */
function reception(unit: TestUnit, at: Date, fail: boolean): Promise<string> {
  return asUnit<string>(unit, async (tx) => {
    const code = await nextDossierCode(tx, { tenantId: unit.tenant.id, unitCode: unit.tenant.code, at });
    await tx.raw('select pg_sleep(0.002)');
    if (fail) throw new Error(`reception ${code} failed`);
    return code;
  });
}

describe('formatDossierCode / parseDossierCode', () => {
  it('follows <unit code>-<yymmdd>-<4 digits>, widening past 9999', () => {
    expect(formatDossierCode('000.00.03.H34', '2026-11-23', 1)).toBe('000.00.03.H34-261123-0001');
    expect(formatDossierCode('000.00.03.H34', '2026-11-23', 9999)).toBe('000.00.03.H34-261123-9999');
    expect(formatDossierCode('000.00.03.H34', '2026-11-23', 10_000)).toBe('000.00.03.H34-261123-10000');
    expect(parseDossierCode('000.00.03.H34-261123-0042')).toEqual({
      unitCode: '000.00.03.H34',
      localDate: '2026-11-23',
      seq: 42,
    });
    expect(parseDossierCode('000.00.03.H34-261323-0042')).toBeNull();
    expect(parseDossierCode('nonsense')).toBeNull();
    expect(() => formatDossierCode('bad code', '2026-11-23', 1)).toThrow(RangeError);
  });
});

describe('nextDossierCode', () => {
  it('numbers by the Vietnamese day: 17:30 UTC on 22/11 is 00:30 on 23/11', async () => {
    const code = await asUnit<string>(a, (tx) =>
      nextDossierCode(tx, {
        tenantId: a.tenant.id,
        unitCode: a.tenant.code,
        at: new Date('2025-11-22T17:30:00Z'),
      }),
    );
    expect(code).toBe(`${a.tenant.code}-251123-0001`);
  });

  it('50 concurrent receptions of one unit and day get exactly 0001..0050', async () => {
    const at = new Date('2026-11-23T03:00:00Z');
    const codes = await Promise.all(range(50).map(() => reception(a, at, false)));
    expect(new Set(codes).size).toBe(50);
    expect(codes.map(seqOf).sort((x, y) => x - y)).toEqual(range(50));
    for (const c of codes) expect(c.startsWith(`${a.tenant.code}-261123-`)).toBe(true);
  });

  it('rolled-back receptions leave no gap among the committed ones', async () => {
    const at = new Date('2026-11-24T03:00:00Z');
    const results = await Promise.allSettled(range(50).map((i) => reception(a, at, i % 5 === 0)));
    const committed = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    expect(committed.map(seqOf).sort((x, y) => x - y)).toEqual(range(40));
    // The next reception continues right after the last committed number.
    expect(seqOf(await reception(a, at, false))).toBe(41);
  });

  it('goes to five digits after 9999', async () => {
    const at = new Date('2026-11-25T03:00:00Z');
    await running.transactor.withSystem((tx) =>
      tx('dossier_code_counters').insert({ tenant_id: a.tenant.id, day: '2026-11-25', last_seq: 9999 }),
    );
    expect(await reception(a, at, false)).toBe(`${a.tenant.code}-261125-10000`);
  });
});

describe('isolation', () => {
  it("another unit neither sees nor shares a unit's counters", async () => {
    const at = new Date('2026-11-23T03:00:00Z');
    expect(await reception(b, at, false)).toBe(`${b.tenant.code}-261123-0001`);
    const seen = await asUnit<{ tenant_id: string }[]>(b, (tx) =>
      tx('dossier_code_counters').select('tenant_id'),
    );
    expect(seen.map((r) => r.tenant_id)).toEqual([b.tenant.id]);
    // B's transaction cannot take A's numbers.
    await expect(
      asUnit(b, (tx) => nextDossierCode(tx, { tenantId: a.tenant.id, unitCode: a.tenant.code, at })),
    ).rejects.toThrow(/row-level security/);
    const aCount = await running.transactor.withSystem(
      (tx) =>
        tx('dossier_code_counters').where({ tenant_id: a.tenant.id, day: '2026-11-23' }).first() as Promise<{
          last_seq: number;
        }>,
    );
    expect(aCount.last_seq).toBe(50);
  });

  it('the system context may number for a unit (receptions for another unit)', async () => {
    const code = await running.transactor.withSystem((tx) =>
      nextDossierCode(tx, {
        tenantId: b.tenant.id,
        unitCode: b.tenant.code,
        at: new Date('2026-11-23T03:00:00Z'),
      }),
    );
    expect(code).toBe(`${b.tenant.code}-261123-0002`);
  });
});
