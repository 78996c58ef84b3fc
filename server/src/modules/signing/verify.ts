import { createHash, verify as rsaVerify } from 'node:crypto';
import forge from 'node-forge';
import { subjectValue } from './x509';

/**
 * Verifies a detached CMS SignedData made by createDetachedSignature. node-forge reads PKCS#7 but
 * cannot verify it, so each step is explicit: the ASN.1 shape, the message digest against the
 * content, the RSA signature over the authenticated attributes, and the certificate path to the
 * trusted root (judged at the signing time: a result stays valid after its certificate expires).
 */
export interface Verification {
  valid: boolean;
  /** O of the signing certificate: the unit's code. Set whenever the signer could be read. */
  signerUnitCode: string | null;
  signerName: string | null;
  signedAt: Date | null;
  certificateSerial: string | null;
  reason?: VerificationFailure;
}

export type VerificationFailure =
  | 'malformed'
  | 'unsupported_algorithm'
  | 'signer_certificate_missing'
  | 'digest_mismatch'
  | 'bad_signature'
  | 'untrusted_certificate';

export function verifyDetachedSignature(
  bytes: Uint8Array,
  signatureDer: Uint8Array,
  trustedRootPem: string,
): Verification {
  return verifyDetachedSignatureOfDigest(
    createHash('sha256').update(bytes).digest(),
    signatureDer,
    trustedRootPem,
  );
}

/** The same, for a caller that holds only the document's SHA-256 (the public verify route). */
export function verifyDetachedSignatureOfDigest(
  sha256: Uint8Array,
  signatureDer: Uint8Array,
  trustedRootPem: string,
): Verification {
  const out: Verification = {
    valid: false,
    signerUnitCode: null,
    signerName: null,
    signedAt: null,
    certificateSerial: null,
  };
  const fail = (reason: VerificationFailure): Verification => ({ ...out, valid: false, reason });

  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(signatureDer);
  } catch {
    return fail('malformed');
  }
  const { signer, certificates } = parsed;
  if (signer.digestAlgorithm !== forge.pki.oids.sha256) return fail('unsupported_algorithm');
  if (
    signer.signatureAlgorithm !== forge.pki.oids.rsaEncryption &&
    signer.signatureAlgorithm !== forge.pki.oids.sha256WithRSAEncryption
  )
    return fail('unsupported_algorithm');

  const cert = certificates.find(
    (c) => normalizeSerial(c.serialNumber) === signer.serial && c.issuer.hash === signer.issuerHash,
  );
  if (!cert) return fail('signer_certificate_missing');
  out.signerUnitCode = subjectValue(cert, 'O');
  out.signerName = subjectValue(cert, 'CN');
  out.certificateSerial = signer.serial;
  out.signedAt = signer.signingTime;

  if (signer.contentType !== forge.pki.oids.data || signer.messageDigest === null) return fail('malformed');
  if (!Buffer.from(signer.messageDigest, 'binary').equals(Buffer.from(sha256)))
    return fail('digest_mismatch');

  const publicKeyPem = forge.pki.publicKeyToPem(cert.publicKey);
  const signatureOk = rsaVerify(
    'sha256',
    Buffer.from(signer.signedAttributesDer, 'binary'),
    publicKeyPem,
    Buffer.from(signer.signature, 'binary'),
  );
  if (!signatureOk) return fail('bad_signature');

  if (!chainsToRoot(cert, certificates, trustedRootPem, signer.signingTime ?? new Date()))
    return fail('untrusted_certificate');
  return { ...out, valid: true };
}

function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^(00)+(?=[0-9a-f]{2})/, '');
}

/** The signer's path through the embedded certificates up to the trusted root, checked by forge. */
function chainsToRoot(
  signerCert: forge.pki.Certificate,
  embedded: forge.pki.Certificate[],
  trustedRootPem: string,
  at: Date,
): boolean {
  try {
    const root = forge.pki.certificateFromPem(trustedRootPem);
    const usage = signerCert.getExtension('keyUsage') as { digitalSignature?: boolean } | null;
    const constraints = signerCert.getExtension('basicConstraints') as { cA?: boolean } | null;
    if (!usage?.digitalSignature || constraints?.cA) return false;
    const chain = [signerCert];
    // Intermediates the signer carried; self-signed ones are ignored, only `root` is trusted.
    for (let cur = signerCert; chain.length < 5;) {
      const next = embedded.find((c) => c !== cur && !c.isIssuer(c) && c.isIssuer(cur));
      if (!next || chain.includes(next)) break;
      chain.push(next);
      cur = next;
    }
    const store = forge.pki.createCaStore([root]);
    return forge.pki.verifyCertificateChain(store, chain, { validityCheckDate: at });
  } catch {
    return false;
  }
}

interface ParsedSigner {
  issuerHash: string;
  serial: string;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  contentType: string | null;
  messageDigest: string | null;
  signingTime: Date | null;
  /** The authenticated attributes re-tagged as the SET OF they were signed as (RFC 5652 5.4). */
  signedAttributesDer: string;
  signature: string;
}

interface ParsedSignedData {
  certificates: forge.pki.Certificate[];
  signer: ParsedSigner;
}

type Node = forge.asn1.Asn1;
const { Class, Type } = forge.asn1;

function children(n: Node | undefined, what: string): Node[] {
  if (!n || !Array.isArray(n.value)) throw new Error(`${what}: expected a constructed value`);
  return n.value;
}
function expect(n: Node | undefined, tagClass: forge.asn1.Class, type: number, what: string): Node {
  if (!n || n.tagClass !== tagClass || n.type !== type) throw new Error(`${what}: unexpected tag`);
  return n;
}
function bytesOf(n: Node): string {
  if (typeof n.value !== 'string') throw new Error('expected a primitive value');
  return n.value;
}
const oidOf = (n: Node | undefined, what: string) =>
  forge.asn1.derToOid(bytesOf(expect(n, Class.UNIVERSAL, Type.OID, what)));

function parseSignedData(der: Uint8Array): ParsedSignedData {
  const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), true);
  const [type, wrapped] = children(
    expect(contentInfo, Class.UNIVERSAL, Type.SEQUENCE, 'ContentInfo'),
    'ContentInfo',
  );
  if (oidOf(type, 'contentType') !== forge.pki.oids.signedData) throw new Error('not SignedData');
  const [signedData] = children(expect(wrapped, Class.CONTEXT_SPECIFIC, 0, 'content'), 'content');
  const fields = children(expect(signedData, Class.UNIVERSAL, Type.SEQUENCE, 'SignedData'), 'SignedData');
  const encap = children(
    expect(fields[2], Class.UNIVERSAL, Type.SEQUENCE, 'encapContentInfo'),
    'encapContentInfo',
  );
  if (encap.length !== 1) throw new Error('not a detached signature');
  let i = 3;
  const certificates: forge.pki.Certificate[] = [];
  if (fields[i]?.tagClass === Class.CONTEXT_SPECIFIC && fields[i]?.type === 0) {
    for (const c of children(fields[i], 'certificates')) certificates.push(forge.pki.certificateFromAsn1(c));
    i++;
  }
  if (fields[i]?.tagClass === Class.CONTEXT_SPECIFIC && fields[i]?.type === 1) i++;
  const signerInfos = children(expect(fields[i], Class.UNIVERSAL, Type.SET, 'signerInfos'), 'signerInfos');
  if (signerInfos.length !== 1) throw new Error('expected exactly one signer');
  return { certificates, signer: parseSigner(signerInfos[0]!) };
}

function parseSigner(n: Node): ParsedSigner {
  const f = children(expect(n, Class.UNIVERSAL, Type.SEQUENCE, 'SignerInfo'), 'SignerInfo');
  const [issuer, serial] = children(expect(f[1], Class.UNIVERSAL, Type.SEQUENCE, 'issuerAndSerial'), 'sid');
  const issuerHash = hashOfName(expect(issuer, Class.UNIVERSAL, Type.SEQUENCE, 'issuer'));
  const serialHex = normalizeSerial(
    forge.util.bytesToHex(bytesOf(expect(serial, Class.UNIVERSAL, Type.INTEGER, 'serial'))),
  );
  const digestAlgorithm = oidOf(children(f[2], 'digestAlgorithm')[0], 'digestAlgorithm');
  const attrs = expect(f[3], Class.CONTEXT_SPECIFIC, 0, 'signedAttrs');
  const signatureAlgorithm = oidOf(children(f[4], 'signatureAlgorithm')[0], 'signatureAlgorithm');
  const signature = bytesOf(expect(f[5], Class.UNIVERSAL, Type.OCTETSTRING, 'signature'));

  let contentType: string | null = null;
  let messageDigest: string | null = null;
  let signingTime: Date | null = null;
  for (const attr of children(attrs, 'signedAttrs')) {
    const [attrType, values] = children(attr, 'Attribute');
    const oid = oidOf(attrType, 'Attribute.type');
    const value = children(expect(values, Class.UNIVERSAL, Type.SET, 'Attribute.values'), 'values')[0];
    if (!value) throw new Error('attribute without a value');
    if (oid === forge.pki.oids.contentType) contentType = oidOf(value, 'contentType');
    else if (oid === forge.pki.oids.messageDigest)
      messageDigest = bytesOf(expect(value, Class.UNIVERSAL, Type.OCTETSTRING, 'messageDigest'));
    else if (oid === forge.pki.oids.signingTime)
      signingTime =
        value.type === Type.UTCTIME
          ? forge.asn1.utcTimeToDate(bytesOf(value))
          : forge.asn1.generalizedTimeToDate(bytesOf(value));
  }
  const asSet = forge.asn1.create(Class.UNIVERSAL, Type.SET, true, children(attrs, 'signedAttrs'));
  return {
    issuerHash,
    serial: serialHex,
    digestAlgorithm,
    signatureAlgorithm,
    contentType,
    messageDigest,
    signingTime,
    signedAttributesDer: forge.asn1.toDer(asSet).getBytes(),
    signature,
  };
}

/** forge's name hash (SHA-1 of the Name's DER, what a parsed Certificate.issuer.hash holds). */
function hashOfName(name: Node): string {
  return forge.md.sha1.create().update(forge.asn1.toDer(name).getBytes()).digest().toHex();
}
