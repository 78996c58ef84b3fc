import type { Tx } from '../../db/transactor';
import type { SigningKeys } from '../signing/key-vault';
import { binding, createMerchantAccount } from './merchants';

/** What an operator sees of a terminal: never the secret, sealed or not. */
export interface MerchantAccountView {
  id: string;
  tenantId: string | null;
  tmnCode: string;
  status: 'active' | 'disabled';
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = ['id', 'tenant_id', 'tmn_code', 'status', 'created_at', 'updated_at'] as const;
interface Row {
  id: string;
  tenant_id: string | null;
  tmn_code: string;
  status: 'active' | 'disabled';
  created_at: Date;
  updated_at: Date;
}
const viewOf = (r: Row): MerchantAccountView => ({
  id: r.id,
  tenantId: r.tenant_id,
  tmnCode: r.tmn_code,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listMerchantAccounts(tx: Tx): Promise<MerchantAccountView[]> {
  const rows = await tx('merchant_accounts')
    .orderBy([{ column: 'status' }, { column: 'tmn_code' }])
    .select<Row[]>(...COLUMNS);
  return rows.map(viewOf);
}

export class TerminalTakenError extends Error {}

/**
 * Sets the terminal a unit (null: the platform) is paid into. The same code re-seals its secret;
 * a new code disables the previous active terminal (kept: past payments name it) and becomes active.
 * A code that belongs to another unit is refused — payments are found by terminal code.
 */
export async function setUnitTerminal(
  tx: Tx,
  vault: SigningKeys,
  input: { tenantId: string | null; tmnCode: string; secret: string },
): Promise<MerchantAccountView> {
  const existing = await tx('merchant_accounts')
    .where({ tmn_code: input.tmnCode })
    .forUpdate()
    .first<Row | undefined>(...COLUMNS);
  if (existing && existing.tenant_id !== input.tenantId)
    throw new TerminalTakenError(`terminal ${input.tmnCode} belongs to another unit`);
  const mine = tx('merchant_accounts').where({ status: 'active' }).whereNot({ tmn_code: input.tmnCode });
  await (input.tenantId ? mine.where({ tenant_id: input.tenantId }) : mine.whereNull('tenant_id')).update({
    status: 'disabled',
    updated_at: tx.fn.now(),
  });
  const id = existing ? existing.id : (await createMerchantAccount(tx, vault, input)).id;
  if (existing)
    await tx('merchant_accounts')
      .where({ id })
      .update({
        secret_sealed: vault.seal(input.secret, binding(input.tmnCode)),
        status: 'active',
        updated_at: tx.fn.now(),
      });
  return viewOf(
    await tx('merchant_accounts')
      .where({ id })
      .first<Row>(...COLUMNS),
  );
}

/** The platform's development terminal, into which units pay their invoices. */
export const DEMO_PLATFORM_TMN_CODE = 'MOTCUADEMO';
/** Development only: terminal codes and secrets derived from the unit code, so every start agrees. */
export const demoTmnCodeOf = (unitCode: string) => `D${unitCode.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 20);
const demoSecretOf = (tmnCode: string) => `dev-secret-${tmnCode}-not-for-production`;

/**
 * Gives each of `unitIds` that publishes a procedure with fees a development terminal, and the
 * platform one, where none is active yet. Idempotent; returns how many terminals it created.
 */
export async function ensureDemoMerchants(tx: Tx, vault: SigningKeys, unitIds: string[]): Promise<number> {
  const units = (await tx('tenants as t')
    .whereIn('t.id', unitIds)
    .whereExists((q) =>
      q
        .select(tx.raw('1'))
        .from('procedures as p')
        .whereRaw('p.tenant_id = t.id')
        .where('p.status', 'published')
        .where('p.fee_total', '>', 0),
    )
    .whereNotExists((q) =>
      q
        .select(tx.raw('1'))
        .from('merchant_accounts as m')
        .whereRaw('m.tenant_id = t.id')
        .where('m.status', 'active'),
    )
    .orderBy('t.code')
    .select('t.id', 't.code')) as { id: string; code: string }[];
  let created = 0;
  for (const u of units) {
    const tmnCode = demoTmnCodeOf(u.code);
    await setUnitTerminal(tx, vault, { tenantId: u.id, tmnCode, secret: demoSecretOf(tmnCode) });
    created++;
  }
  const platform = await tx('merchant_accounts')
    .whereNull('tenant_id')
    .where({ status: 'active' })
    .first('id');
  if (!platform) {
    await setUnitTerminal(tx, vault, {
      tenantId: null,
      tmnCode: DEMO_PLATFORM_TMN_CODE,
      secret: demoSecretOf(DEMO_PLATFORM_TMN_CODE),
    });
    created++;
  }
  return created;
}
