import forge from 'node-forge';
import type { Tx } from '../../db/transactor';
import type { SigningKeys } from './key-vault';
import { buildCertificate, generateRsaKeyPair, randomSerial } from './x509';

/**
 * The development root CA (one row of signing_authorities). It stands in for the national CA so a
 * fresh clone can sign and verify results; production imports unit certificates instead.
 */
export interface Authority {
  id: string;
  subjectCn: string;
  serial: string;
  certificatePem: string;
}

export const DEV_AUTHORITY_NAME = 'MotCua Development Root CA';
const AUTHORITY_YEARS = 20;

const columns = ['id', 'subject_cn', 'serial', 'certificate_pem'];
interface AuthorityRow {
  id: string;
  subject_cn: string;
  serial: string;
  certificate_pem: string;
}
const toAuthority = (r: AuthorityRow): Authority => ({
  id: r.id,
  subjectCn: r.subject_cn,
  serial: r.serial,
  certificatePem: r.certificate_pem,
});

/** The root every context may read (tenant, platform, public): its certificate, not its key. */
export async function findAuthority(tx: Tx): Promise<Authority | null> {
  const row = (await tx('signing_authorities').select(columns).first()) as AuthorityRow | undefined;
  return row ? toAuthority(row) : null;
}

/** The root's private key, opened. Tenant and system contexts only (column privilege). */
export async function authorityPrivateKeyPem(
  tx: Tx,
  keys: SigningKeys,
  authority: Authority,
): Promise<string> {
  const row = (await tx('signing_authorities')
    .select('private_key_pem_encrypted')
    .where({ id: authority.id })
    .first()) as { private_key_pem_encrypted: string | null } | undefined;
  if (!row?.private_key_pem_encrypted)
    throw new Error('the signing authority has no private key here: unit certificates must be imported');
  return keys.open(row.private_key_pem_encrypted, `authority:${authority.serial}`);
}

/**
 * Creates the development root once (a system transaction: the seed, a test setup). Serialized by
 * an advisory lock, so two starting processes do not both generate one.
 */
export async function ensureDevAuthority(
  tx: Tx,
  keys: SigningKeys,
  now: Date = new Date(),
): Promise<Authority> {
  await tx.raw(`select pg_advisory_xact_lock(hashtext('motcua.signing-authority'))`);
  const existing = await findAuthority(tx);
  if (existing) return existing;
  const pair = await generateRsaKeyPair();
  const serial = randomSerial();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + AUTHORITY_YEARS);
  const cert = buildCertificate({
    subject: { commonName: DEV_AUTHORITY_NAME, organization: 'MotCua (development)' },
    publicKeyPem: pair.publicKeyPem,
    serial,
    // A little slack for clocks that run behind.
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter,
    isAuthority: true,
    signingKeyPem: pair.privateKeyPem,
  });
  const [row] = (await tx('signing_authorities')
    .insert({
      subject_cn: DEV_AUTHORITY_NAME,
      serial,
      certificate_pem: forge.pki.certificateToPem(cert),
      private_key_pem_encrypted: keys.seal(pair.privateKeyPem, `authority:${serial}`),
      not_before: cert.validity.notBefore,
      not_after: cert.validity.notAfter,
    })
    .returning(columns)) as AuthorityRow[];
  return toAuthority(row!);
}
