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

/**
 * Signs a result document for the unit of `tenantId`, in that unit's transaction. The unit's
 * certificate is issued on its first signing (about a second, once). The signature carries the
 * signing time and the document's SHA-256 as authenticated attributes, and the unit certificate
 * and the root in its certificate set, so anyone holding the root can check it offline.
 */
export async function signResultDocument(tx: Tx, input: SignInput): Promise<SignedDocument> {
  const now = input.now ?? new Date();
  const unit = (await tx('tenants').select('name', 'code').where({ id: input.tenantId }).first()) as
    { name: string; code: string } | undefined;
  if (!unit) throw new Error('signResultDocument needs the transaction of the signing unit');
  const cert = await issueUnitCertificate(
    tx,
    input.keys,
    { tenantId: input.tenantId, unitName: unit.name, unitCode: unit.code },
    now,
  );
  const authority = await findAuthority(tx);
  const keyPem = await unitPrivateKeyPem(tx, input.keys, cert);
  const signatureDer = createDetachedSignature({
    bytes: input.bytes,
    certificatePem: cert.certificatePem,
    privateKeyPem: keyPem,
    chainPems: authority ? [authority.certificatePem] : [],
    signedAt: now,
  });
  return { signatureDer, certificateSerial: cert.serial, signedAt: now };
}

export interface DetachedSignatureSpec {
  bytes: Uint8Array;
  certificatePem: string;
  privateKeyPem: string;
  chainPems: readonly string[];
  signedAt: Date;
}

/** The pure part: bytes and a key in, DER out. */
export function createDetachedSignature(spec: DetachedSignatureSpec): Uint8Array {
  const certificate = forge.pki.certificateFromPem(spec.certificatePem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(Buffer.from(spec.bytes).toString('binary'));
  p7.addCertificate(certificate);
  for (const pem of spec.chainPems) p7.addCertificate(pem);
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(spec.privateKeyPem),
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
