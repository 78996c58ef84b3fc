import type { MerchantCredentials } from '../../../../billing/src/gateway/index';
import type { Tx } from '../../db/transactor';
import type { SigningKeys } from '../signing/key-vault';

/**
 * Gateway terminals. The secret is sealed with the same key vault as the units' signing keys (one
 * home for encryption at rest), bound to its terminal code, and opened only to sign or verify.
 */
export const binding = (tmnCode: string) => `merchant-account:${tmnCode}`;

export interface MerchantAccountInput {
  /** null: the platform's own terminal (invoices). */
  tenantId: string | null;
  tmnCode: string;
  secret: string;
}

export async function createMerchantAccount(
  tx: Tx,
  vault: SigningKeys,
  input: MerchantAccountInput,
): Promise<{ id: string; tmnCode: string }> {
  if (input.secret.length < 16) throw new Error('a gateway secret has at least 16 characters');
  const [row] = await tx('merchant_accounts')
    .insert({
      tenant_id: input.tenantId,
      tmn_code: input.tmnCode,
      secret_sealed: vault.seal(input.secret, binding(input.tmnCode)),
    })
    .returning(['id', 'tmn_code']);
  return { id: String(row.id), tmnCode: String(row.tmn_code) };
}

interface Row {
  tmn_code: string;
  secret_sealed: string;
}

const open = (vault: SigningKeys, r: Row): MerchantCredentials =>
  Object.defineProperty({ tmnCode: r.tmn_code, secret: '' }, 'secret', {
    // Not enumerable: a credentials object that reaches a log or JSON shows no secret.
    value: vault.open(r.secret_sealed, binding(r.tmn_code)),
    enumerable: false,
  });

/** The active terminal fees for this unit (or, with null, invoices to the platform) are paid into. */
export async function merchantFor(
  tx: Tx,
  vault: SigningKeys,
  tenantId: string | null,
): Promise<MerchantCredentials | null> {
  const q = tx('merchant_accounts').where({ status: 'active' });
  const row = await (tenantId ? q.where({ tenant_id: tenantId }) : q.whereNull('tenant_id')).first<
    Row | undefined
  >('tmn_code', 'secret_sealed');
  return row ? open(vault, row) : null;
}

export async function merchantByTmnCode(
  tx: Tx,
  vault: SigningKeys,
  tmnCode: string,
): Promise<MerchantCredentials | null> {
  const row = await tx<Row>('merchant_accounts')
    .where({ tmn_code: tmnCode })
    .first('tmn_code', 'secret_sealed');
  return row ? open(vault, row) : null;
}
