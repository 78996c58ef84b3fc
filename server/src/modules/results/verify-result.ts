import type { Tx } from '../../db/transactor';
import { findAuthority } from '../signing/authority';
import { verifyDetachedSignatureOfDigest } from '../signing/verify';
import type { VerifyResultOutput } from './schema';

/**
 * Public verification of a result by its number and its file's SHA-256 (the public transaction).
 *
 * The public context sees no result unless the transaction first names the number it looks up:
 * `select set_config('app.lookup_code', code, true)` (transaction-local), which the policy
 * results_public_lookup compares with each row's code. So nobody can list results; one number shows
 * only its own rows, and this function answers only when the file's hash matches too. A number
 * that exists with another hash answers 'unknown', exactly like a number that does not.
 */
export async function verifyResult(
  tx: Tx,
  input: { code: string; sha256: string; now?: Date },
): Promise<VerifyResultOutput> {
  const now = input.now ?? new Date();
  const sha256 = input.sha256.toLowerCase();
  await tx.raw(`select set_config('app.lookup_code', ?, true)`, [input.code]);
  const rows = (await tx('results as r')
    // Closed units drop out of the public directory; their results still verify, without the name.
    .leftJoin('tenants as t', 't.id', 'r.tenant_id')
    .where('r.code', input.code)
    .andWhere('r.file_sha256', sha256)
    .select(
      'r.title',
      'r.issued_at',
      'r.valid_until',
      'r.status',
      'r.signature_der',
      't.code as unit_code',
      't.name as unit_name',
    )) as {
    title: string;
    issued_at: Date;
    valid_until: Date | null;
    status: 'valid' | 'revoked';
    signature_der: Buffer | null;
    unit_code: string | null;
    unit_name: string | null;
  }[];
  // Two units may use one number; one file's hash in both is not a real case, so more than one
  // match is treated as nothing to vouch for.
  const [row] = rows;
  if (!row || rows.length > 1) return { status: 'unknown' };
  if (row.signature_der) {
    // A row altered in the database without the unit's key does not vouch for the file.
    const authority = await findAuthority(tx);
    const check = authority
      ? verifyDetachedSignatureOfDigest(
          Buffer.from(sha256, 'hex'),
          row.signature_der,
          authority.certificatePem,
        )
      : null;
    if (!check?.valid || (row.unit_code !== null && check.signerUnitCode !== row.unit_code))
      return { status: 'unknown' };
  }
  return {
    status: row.status,
    ...(row.unit_code && row.unit_name ? { unit: { code: row.unit_code, name: row.unit_name } } : {}),
    title: row.title,
    issuedAt: row.issued_at.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    expired: row.status === 'valid' && row.valid_until !== null && row.valid_until <= now,
  };
}
