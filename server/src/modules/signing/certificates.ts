import forge from 'node-forge';
import type { Tx } from '../../db/transactor';
import { authorityPrivateKeyPem, findAuthority } from './authority';
import type { SigningKeys } from './key-vault';
import { buildCertificate, generateRsaKeyPair, randomSerial } from './x509';

/**
 * A unit's signing certificate (chứng thư số của cơ quan): CN = the unit's name, O = its code.
 * Issued by the development root on the unit's first signing, or eagerly by ensureUnitCertificates.
 */
export interface UnitCertificate {
  tenantId: string;
  id: string;
  subjectCn: string;
  serial: string;
  certificatePem: string;
  notBefore: Date;
  notAfter: Date;
  status: 'active' | 'revoked';
}

export interface UnitIdentity {
  tenantId: string;
  unitName: string;
  unitCode: string;
}

const CERTIFICATE_YEARS = 3;
const columns = [
  'tenant_id',
  'id',
  'subject_cn',
  'serial',
  'certificate_pem',
  'not_before',
  'not_after',
  'status',
];
interface CertificateRow {
  tenant_id: string;
  id: string;
  subject_cn: string;
  serial: string;
  certificate_pem: string;
  not_before: Date;
  not_after: Date;
  status: 'active' | 'revoked';
}
const toCertificate = (r: CertificateRow): UnitCertificate => ({
  tenantId: r.tenant_id,
  id: r.id,
  subjectCn: r.subject_cn,
  serial: r.serial,
  certificatePem: r.certificate_pem,
  notBefore: r.not_before,
  notAfter: r.not_after,
  status: r.status,
});

export async function findActiveUnitCertificate(tx: Tx, tenantId: string): Promise<UnitCertificate | null> {
  const row = (await tx('unit_certificates')
    .select(columns)
    .where({ tenant_id: tenantId, status: 'active' })
    .first()) as CertificateRow | undefined;
  return row ? toCertificate(row) : null;
}

/** The certificate's private key, opened; the tenant's own transaction only. */
export async function unitPrivateKeyPem(tx: Tx, keys: SigningKeys, cert: UnitCertificate): Promise<string> {
  const row = (await tx('unit_certificates')
    .select('private_key_pem_encrypted')
    .where({ tenant_id: cert.tenantId, id: cert.id })
    .first()) as { private_key_pem_encrypted: string } | undefined;
  if (!row) throw new Error(`unit certificate ${cert.serial} is not visible in this transaction`);
  return keys.open(row.private_key_pem_encrypted, `unit:${cert.tenantId}:${cert.serial}`);
}

/**
 * The unit's active certificate, issued now when it has none (idempotent per unit). A per-unit
 * advisory lock makes two first signings of one unit wait for one key instead of racing to two.
 * Runs in the unit's own transaction or a system one.
 */
export async function issueUnitCertificate(
  tx: Tx,
  keys: SigningKeys,
  unit: UnitIdentity,
  now: Date = new Date(),
): Promise<UnitCertificate> {
  await tx.raw(`select pg_advisory_xact_lock(hashtext('motcua.unit-certificate:' || ?))`, [unit.tenantId]);
  const existing = await findActiveUnitCertificate(tx, unit.tenantId);
  if (existing && existing.notAfter > now) return existing;
  const authority = await findAuthority(tx);
  if (!authority)
    throw new Error(
      'no signing authority: run the demo seed (ensureDevAuthority) or import unit certificates',
    );
  const caKeyPem = await authorityPrivateKeyPem(tx, keys, authority);
  const pair = await generateRsaKeyPair();
  const serial = randomSerial();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + CERTIFICATE_YEARS);
  const cert = buildCertificate({
    subject: { commonName: unit.unitName, organization: unit.unitCode },
    publicKeyPem: pair.publicKeyPem,
    serial,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter,
    isAuthority: false,
    issuer: { certificate: forge.pki.certificateFromPem(authority.certificatePem) },
    signingKeyPem: caKeyPem,
  });
  // An expired certificate steps aside for its successor; it stays for the signatures it made.
  if (existing) await revokeUnitCertificate(tx, unit.tenantId, existing.id, now);
  const [row] = (await tx('unit_certificates')
    .insert({
      tenant_id: unit.tenantId,
      subject_cn: unit.unitName,
      serial,
      certificate_pem: forge.pki.certificateToPem(cert),
      private_key_pem_encrypted: keys.seal(pair.privateKeyPem, `unit:${unit.tenantId}:${serial}`),
      not_before: cert.validity.notBefore,
      not_after: cert.validity.notAfter,
    })
    .returning(columns)) as CertificateRow[];
  return toCertificate(row!);
}

/** Eager issuance for many units (a system transaction), e.g. an operator preparing a demo. */
export async function ensureUnitCertificates(
  tx: Tx,
  keys: SigningKeys,
  units: readonly UnitIdentity[],
  now: Date = new Date(),
): Promise<UnitCertificate[]> {
  const out: UnitCertificate[] = [];
  for (const u of units) out.push(await issueUnitCertificate(tx, keys, u, now));
  return out;
}

export async function revokeUnitCertificate(tx: Tx, tenantId: string, id: string, now: Date = new Date()) {
  await tx('unit_certificates')
    .where({ tenant_id: tenantId, id, status: 'active' })
    .update({ status: 'revoked', revoked_at: now });
}
