import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { Tx } from '../../db/transactor';
import { findAuthority } from './authority';
import { issueUnitCertificate, unitPrivateKeyPem } from './certificates';
import type { SigningKeys } from './key-vault';

export interface SignedDocument {
  /** Detached CMS SignedData (PKCS#7), DER. */
  signatureDer: Uint8Array;
  certificateSerial: string;
  signedAt: Date;
}

export interface SignInput {
  tenantId: string;
  bytes: Uint8Array;
  keys: SigningKeys;
  now?: Date;
}

/** What signing needs of the unit's active certificate, read in one statement. */
interface SigningMaterial {
  serial: string;
  certificatePem: string;
  privateKeyPem: string;
  chainPems: string[];
}

/**
 * The unit's active, unexpired certificate with its sealed key and the root's certificate, in one
 * statement under the unit's own policies; null when the unit has none yet (or it expired).
 */
async function activeSigningMaterial(
  tx: Tx,
  keys: SigningKeys,
  tenantId: string,
  now: Date,
): Promise<SigningMaterial | null> {
  const row = (await tx('unit_certificates')
    .select(
      'serial',
      'certificate_pem',
      'private_key_pem_encrypted',
      tx.raw('(select certificate_pem from signing_authorities limit 1) as authority_pem'),
    )
    .where({ tenant_id: tenantId, status: 'active' })
    .andWhere('not_after', '>', now)
    .first()) as
    | {
        serial: string;
        certificate_pem: string;
        private_key_pem_encrypted: string;
        authority_pem: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    serial: row.serial,
    certificatePem: row.certificate_pem,
    privateKeyPem: keys.open(row.private_key_pem_encrypted, `unit:${tenantId}:${row.serial}`),
    chainPems: row.authority_pem ? [row.authority_pem] : [],
  };
}

/** The unit's first signing (or the first after its certificate expired): issue one, under its lock. */
async function issuedSigningMaterial(tx: Tx, keys: SigningKeys, tenantId: string, now: Date) {
  const unit = (await tx('tenants').select('name', 'code').where({ id: tenantId }).first()) as
    { name: string; code: string } | undefined;
  if (!unit) throw new Error('signResultDocument needs the transaction of the signing unit');
  const cert = await issueUnitCertificate(
    tx,
    keys,
    { tenantId, unitName: unit.name, unitCode: unit.code },
    now,
  );
  const authority = await findAuthority(tx);
  return {
    serial: cert.serial,
    certificatePem: cert.certificatePem,
    privateKeyPem: await unitPrivateKeyPem(tx, keys, cert),
    chainPems: authority ? [authority.certificatePem] : [],
  };
}

/**
 * Signs a result document for the unit of `tenantId`, in that unit's transaction. The unit's
 * certificate is issued on its first signing (about a second, once). The signature carries the
 * signing time and the document's SHA-256 as authenticated attributes, and the unit certificate
 * and the root in its certificate set, so anyone holding the root can check it offline.
 */
export async function signResultDocument(tx: Tx, input: SignInput): Promise<SignedDocument> {
  const now = input.now ?? new Date();
  const material =
    (await activeSigningMaterial(tx, input.keys, input.tenantId, now)) ??
    (await issuedSigningMaterial(tx, input.keys, input.tenantId, now));
  const signatureDer = createDetachedSignature({
    bytes: input.bytes,
    certificatePem: material.certificatePem,
    privateKeyPem: material.privateKeyPem,
    chainPems: material.chainPems,
    signedAt: now,
  });
  return { signatureDer, certificateSerial: material.serial, signedAt: now };
}

export interface DetachedSignatureSpec {
  bytes: Uint8Array;
  certificatePem: string;
  privateKeyPem: string;
  chainPems: readonly string[];
  signedAt: Date;
}

/** DER DigestInfo of SHA-256 (RFC 8017 §9.2) before the 32 bytes of the hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A signer key for forge's PKCS#7 whose RSA operation is Node's (OpenSSL, native): forge computes
 * the digest of the authenticated attributes and hands it to `sign`; RSASSA-PKCS1-v1_5 is the
 * private-key operation on DigestInfo with block type 1 padding, which is what privateEncrypt with
 * RSA_PKCS1_PADDING does. forge's own JavaScript RSA cost ~22 ms of event loop per signature.
 */
function nativeSigner(key: KeyObject) {
  return {
    sign(md: forge.md.MessageDigest, scheme?: string): string {
      if (md.algorithm !== 'sha256' || (scheme ?? 'RSASSA-PKCS1-V1_5') !== 'RSASSA-PKCS1-V1_5')
        throw new Error(`unsupported signature: ${md.algorithm} ${scheme}`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = privateEncrypt(
        { key, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO, digest]),
      );
      return signature.toString('binary');
    },
  };
}

/** Certificates parsed once per PEM (public data; a unit signs with the same one for years). */
const parsedCertificates = new Map<string, forge.pki.Certificate>();
const CERTIFICATES_KEPT = 5_000;
function certificateOf(pem: string): forge.pki.Certificate {
  let cert = parsedCertificates.get(pem);
  if (!cert) {
    if (parsedCertificates.size >= CERTIFICATES_KEPT) parsedCertificates.clear();
    parsedCertificates.set(pem, (cert = forge.pki.certificateFromPem(pem)));
  }
  return cert;
}

/** The pure part: bytes and a key in, DER out. */
export function createDetachedSignature(spec: DetachedSignatureSpec): Uint8Array {
  const certificate = certificateOf(spec.certificatePem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(Buffer.from(spec.bytes).toString('binary'));
  p7.addCertificate(certificate);
  for (const pem of spec.chainPems) p7.addCertificate(certificateOf(pem));
  p7.addSigner({
    // forge's types want its own key; it only ever calls sign(md, scheme) on it.
    key: nativeSigner(createPrivateKey(spec.privateKeyPem)) as unknown as forge.pki.rsa.PrivateKey,
    certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest! },
      // forge's types say string; its encoder takes a Date (RFC 5652 Time).
      { type: forge.pki.oids.signingTime!, value: spec.signedAt as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
