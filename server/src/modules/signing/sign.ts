import { constants, createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
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
  privateKey: KeyObject;
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
    privateKey: keys.openPrivateKey(row.private_key_pem_encrypted, `unit:${tenantId}:${row.serial}`),
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
    privateKey: createPrivateKey(await unitPrivateKeyPem(tx, keys, cert)),
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
    privateKey: material.privateKey,
    chainPems: material.chainPems,
    signedAt: now,
  });
  return { signatureDer, certificateSerial: material.serial, signedAt: now };
}

export type DetachedSignatureSpec = {
  bytes: Uint8Array;
  certificatePem: string;
  chainPems: readonly string[];
  signedAt: Date;
} & ({ privateKey: KeyObject } | { privateKeyPem: string });

const { Class, Type } = forge.asn1;
const { oids } = forge.pki;
const node = (type: number, value: string | forge.asn1.Asn1[]) =>
  forge.asn1.create(Class.UNIVERSAL, type, Array.isArray(value), value);
const oid = (id: string) => node(Type.OID, forge.asn1.oidToDer(id).getBytes());
const algorithm = (id: string) => node(Type.SEQUENCE, [oid(id), node(Type.NULL, '')]);
const attribute = (type: string, value: forge.asn1.Asn1) =>
  node(Type.SEQUENCE, [oid(type), node(Type.SET, [value])]);
const binary = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('binary');

/** RFC 5652 Time: UTCTime for 1950–2049, GeneralizedTime otherwise (what forge writes). */
function time(at: Date): forge.asn1.Asn1 {
  const year = at.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? node(Type.UTCTIME, forge.asn1.dateToUtcTime(at))
    : node(Type.GENERALIZEDTIME, forge.asn1.dateToGeneralizedTime(at));
}

/**
 * Certificates parsed once per PEM (public data; a unit signs with the same one for years). A parsed
 * certificate with its ASN.1 holds ~16 KB of heap (measured): the 1,000 most recently used are kept
 * (~16 MB; 5,000 until a clear-all was ~78 MB), the least recently used leave first.
 */
const parsedCertificates = new Map<string, { certificate: forge.pki.Certificate; asn1: forge.asn1.Asn1 }>();
const CERTIFICATES_KEPT = 1_000;
function certificateOf(pem: string) {
  let parsed = parsedCertificates.get(pem);
  if (parsed) {
    parsedCertificates.delete(pem); // the Map's order is the eviction order: a hit moves to the end
  } else {
    const certificate = forge.pki.certificateFromPem(pem);
    parsed = { certificate, asn1: forge.pki.certificateToAsn1(certificate) };
    if (parsedCertificates.size >= CERTIFICATES_KEPT)
      parsedCertificates.delete(parsedCertificates.keys().next().value!);
  }
  parsedCertificates.set(pem, parsed);
  return parsed;
}

/**
 * The pure part: bytes and a key in, DER out. A detached CMS SignedData (RFC 5652) laid out as
 * forge's PKCS#7 writer lays it (same bytes), with the two digests and the RSA signature done by
 * node:crypto: forge hashed the whole document in JavaScript and copied it twice on the way.
 */
export function createDetachedSignature(spec: DetachedSignatureSpec): Uint8Array {
  const signer = certificateOf(spec.certificatePem);
  const key = 'privateKey' in spec ? spec.privateKey : createPrivateKey(spec.privateKeyPem);
  const attributes = [
    attribute(oids.contentType!, oid(oids.data!)),
    attribute(
      oids.messageDigest!,
      node(Type.OCTETSTRING, binary(createHash('sha256').update(spec.bytes).digest())),
    ),
    attribute(oids.signingTime!, time(spec.signedAt)),
  ];
  // The signature covers the attributes DER-encoded as a SET OF (RFC 5652 §5.4).
  const signedAttributes = Buffer.from(forge.asn1.toDer(node(Type.SET, attributes)).getBytes(), 'binary');
  const signature = sign('sha256', signedAttributes, { key, padding: constants.RSA_PKCS1_PADDING });
  const signerInfo = node(Type.SEQUENCE, [
    node(Type.INTEGER, forge.asn1.integerToDer(1).getBytes()),
    node(Type.SEQUENCE, [
      forge.pki.distinguishedNameToAsn1(signer.certificate.issuer),
      node(Type.INTEGER, forge.util.hexToBytes(signer.certificate.serialNumber)),
    ]),
    algorithm(oids.sha256!),
    forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(oids.rsaEncryption!),
    node(Type.OCTETSTRING, signature.toString('binary')),
  ]);
  const certificates = [signer.asn1, ...spec.chainPems.map((pem) => certificateOf(pem).asn1)];
  const signedData = node(Type.SEQUENCE, [
    node(Type.INTEGER, forge.asn1.integerToDer(1).getBytes()),
    node(Type.SET, [algorithm(oids.sha256!)]),
    node(Type.SEQUENCE, [oid(oids.data!)]),
    forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, certificates),
    node(Type.SET, [signerInfo]),
  ]);
  const contentInfo = node(Type.SEQUENCE, [
    oid(oids.signedData!),
    forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData]),
  ]);
  return Buffer.from(forge.asn1.toDer(contentInfo).getBytes(), 'binary');
}
