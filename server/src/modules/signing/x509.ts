import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

/**
 * Certificate building blocks on node-forge. Key generation uses Node's native RSA (off the event
 * loop: about a second for 2048 bits on a small machine, where forge's JavaScript is slower).
 */

const generateKeyPairAsync = promisify(generateKeyPair);

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function generateRsaKeyPair(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** 16 random bytes, lower-case hex, with the high bit clear so the DER INTEGER stays positive. */
export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b.toString('hex');
}

export interface SubjectNames {
  commonName: string;
  organization: string;
}

/**
 * UTF8String values: unit names are Vietnamese and PrintableString cannot hold them. (forge encodes
 * the value itself when it writes, and names this option valueTagClass though it is a Type.)
 */
function names(s: SubjectNames): forge.pki.CertificateField[] {
  const utf8 = (name: string, value: string): forge.pki.CertificateField => ({
    name,
    value,
    valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
  });
  return [
    utf8('commonName', s.commonName),
    utf8('organizationName', s.organization),
    { name: 'countryName', value: 'VN' },
  ];
}

/** A subject attribute of a certificate parsed from DER (where forge leaves UTF8String as bytes). */
export function subjectValue(cert: forge.pki.Certificate, shortName: 'CN' | 'O'): string | null {
  const field = cert.subject.getField(shortName) as { value?: unknown; valueTagClass?: unknown } | null;
  if (!field || typeof field.value !== 'string') return null;
  return field.valueTagClass === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(field.value) : field.value;
}

/** Parsed UTF8String values are bytes, and forge would encode them again on writing. */
function asWritten(attributes: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((a) =>
    a.valueTagClass === (forge.asn1.Type.UTF8 as unknown as forge.asn1.Class) && typeof a.value === 'string'
      ? { ...a, value: forge.util.decodeUtf8(a.value) }
      : a,
  );
}

export interface CertificateSpec {
  subject: SubjectNames;
  publicKeyPem: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  isAuthority: boolean;
  /** Absent for the self-signed root. */
  issuer?: { certificate: forge.pki.Certificate };
  signingKeyPem: string;
}

export function buildCertificate(spec: CertificateSpec): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicKeyPem);
  cert.serialNumber = spec.serial;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(names(spec.subject));
  cert.setIssuer(spec.issuer ? asWritten(spec.issuer.certificate.subject.attributes) : names(spec.subject));
  const extensions: object[] = [
    { name: 'basicConstraints', cA: spec.isAuthority, critical: true },
    spec.isAuthority
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (spec.issuer) {
    const issuerKeyId = spec.issuer.certificate.generateSubjectKeyIdentifier().getBytes();
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyId });
  }
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(spec.signingKeyPem), forge.md.sha256.create());
  return cert;
}
