import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { findSchemaRuleViolations, RLS_EXEMPT, TENANT_KEY_EXEMPT } from './schema-rules';

/**
 * Schema invariants as a test (STYLE.md habit 5): forced RLS and a policy on every table, tenant_id
 * leading every tenant-owned key, policies reading the tenant once in a sub-select, and a runtime
 * role that can neither bypass RLS nor rewrite the audit trail. Exemptions live in schema-rules.ts.
 */
let owner: Knex;

beforeAll(() => {
  owner = knexFactory({ client: 'pg', connection: inject('ownerUrl'), pool: { min: 0, max: 2 } });
});
afterAll(async () => {
  await owner.destroy();
});

class Rollback extends Error {}

/** Runs fn in a transaction that is always rolled back, so throwaway DDL never reaches other files. */
async function inRolledBackTransaction<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await owner
    .transaction(async (trx) => {
      out = await fn(trx);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return out as T;
}

describe('schema tenancy rules', () => {
  it('every exemption names a table that exists and gives a reason', async () => {
    const { rows } = await owner.raw<{ rows: { name: string }[] }>(
      "select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')",
    );
    const names = new Set(rows.map((r) => r.name));
    for (const [table, reason] of Object.entries({ ...RLS_EXEMPT, ...TENANT_KEY_EXEMPT })) {
      expect(names.has(table), `exempt table ${table} no longer exists: drop the exemption`).toBe(true);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('the migrated schema breaks none of them', async () => {
    expect(await findSchemaRuleViolations(owner)).toEqual([]);
  });

  it('the checker reports each kind of broken rule (so the test above can fail)', async () => {
    const found = await inRolledBackTransaction(async (trx) => {
      // RLS enabled but not forced; nullable tenant_id not leading the key; the setting read per row through a cast.
      await trx.raw(`create table zz_breaker (id uuid primary key, tenant_id uuid)`);
      await trx.raw(`alter table zz_breaker enable row level security`);
      await trx.raw(
        `create policy zz_breaker_tenant on zz_breaker using (tenant_id::text = current_setting('app.tenant_id', true))`,
      );
      // A well-formed parent, and a child whose foreign key skips tenant_id.
      await trx.raw(
        `create table zz_parent (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id), unique (id))`,
      );
      await trx.raw(
        `create table zz_child (tenant_id uuid not null, id uuid not null, parent_id uuid references zz_parent (id), primary key (tenant_id, id))`,
      );
      // A tenant comparison through a function that is not leakproof.
      await trx.raw(
        `create function zz_uuid_eq(a uuid, b uuid) returns boolean language sql immutable as 'select a = b'`,
      );
      await trx.raw(`create operator === (leftarg = uuid, rightarg = uuid, function = zz_uuid_eq)`);
      for (const t of ['zz_parent', 'zz_child']) {
        await trx.raw(`alter table ${t} enable row level security`);
        await trx.raw(`alter table ${t} force row level security`);
      }
      await trx.raw(
        `create policy zz_parent_tenant on zz_parent using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)`,
      );
      await trx.raw(
        `create policy zz_child_tenant on zz_child using (tenant_id === (select nullif(current_setting('app.tenant_id', true), ''))::uuid)`,
      );
      // No RLS at all, owned by the runtime role; and the runtime role allowed to rewrite the audit trail.
      await trx.raw(`create table zz_plain (id int primary key)`);
      await trx.raw(`alter table zz_plain owner to motcua_app`);
      await trx.raw(`grant update on audit_log to motcua_app`);
      return findSchemaRuleViolations(trx);
    });
    const expected = [
      /^zz_breaker: row-level security is not forced/,
      /^zz_breaker: tenant_id is nullable/,
      /^zz_breaker: the primary key does not lead with tenant_id/,
      /^zz_breaker: policy zz_breaker_tenant reads app.tenant_id outside a scalar sub-select/,
      /^zz_breaker: policy zz_breaker_tenant casts tenant_id/,
      /^zz_breaker: no policy compares tenant_id with app.tenant_id/,
      /^zz_child: foreign key \S+ to zz_parent does not include tenant_id/,
      /^zz_child: policy zz_child_tenant compares tenant_id with non-leakproof zz_uuid_eq/,
      /^zz_plain: row-level security is not enabled/,
      /^zz_plain: has no policy/,
      /^role motcua_app owns table zz_plain/,
      /^role motcua_app has UPDATE on append-only audit_log/,
    ];
    for (const re of expected)
      expect(
        found.some((f) => re.test(f)),
        `expected a finding matching ${re}, got:\n${found.join('\n')}`,
      ).toBe(true);
    expect(found.filter((f) => !f.startsWith('zz_') && !f.startsWith('role '))).toEqual([]);
    // Rolled back: the schema is sound again.
    expect(await findSchemaRuleViolations(owner)).toEqual([]);
  });
});
