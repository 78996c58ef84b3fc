import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { parseEnv } from '../../src/config/index';
import { ensureDevAuthority, type Authority } from '../../src/modules/signing/authority';
import {
  findActiveUnitCertificate,
  issueUnitCertificate,
  revokeUnitCertificate,
} from '../../src/modules/signing/certificates';
import { SigningKeys, signingKeysFrom } from '../../src/modules/signing/key-vault';
import { createDetachedSignature, signResultDocument } from '../../src/modules/signing/sign';
import { verifyDetachedSignature } from '../../src/modules/signing/verify';
import { buildCertificate, generateRsaKeyPair, randomSerial } from '../../src/modules/signing/x509';
import { createTestTenant, startTestServer } from '../support/app';
import type { Tenant } from '../../src/modules/tenancy/schema';
import type { Tx } from '../../src/db/transactor';

/**
 * Unit certificates and detached CMS signatures: a round trip, tampering, another unit's
 * certificate, an untrusted root, sealed keys, and isolation of each unit's certificate.
 */
let running: Running;
let authority: Authority;
let unitA: Tenant;
let unitB: Tenant;
const keys = signingKeysFrom({});
const document = new TextEncoder().encode('QUYẾT ĐỊNH cấp giấy phép xây dựng số 123/GPXD — nội dung kết quả');

const asUnit = <T>(t: Tenant, fn: (tx: Tx) => Promise<T>) =>
  running.transactor.withTenant({ tenantId: t.id, actorId: null }, fn);

beforeAll(async () => {
  running = await startTestServer();
  authority = await running.transactor.withSystem((tx) => ensureDevAuthority(tx, keys));
  unitA = await createTestTenant(running, { name: 'Sở Xây dựng thử nghiệm' });
  unitB = await createTestTenant(running, { name: 'Phường Bắc Nha Trang thử nghiệm', kind: 'commune' });
});
afterAll(async () => {
  await running?.close();
});

describe('signing', () => {
  it('the development authority is created once', async () => {
    const again = await running.transactor.withSystem((tx) => ensureDevAuthority(tx, keys));
    expect(again).toEqual(authority);
    const root = forge.pki.certificateFromPem(authority.certificatePem);
    expect(root.isIssuer(root)).toBe(true);
    expect((root.getExtension('basicConstraints') as { cA: boolean }).cA).toBe(true);
  });

  it('sign → verify is valid and names the unit; the certificate is issued once', async () => {
    const signedAt = new Date('2026-11-23T03:00:00.000Z');
    const signed = await asUnit(unitA, (tx) =>
      signResultDocument(tx, { tenantId: unitA.id, bytes: document, keys, now: signedAt }),
    );
    const v = verifyDetachedSignature(document, signed.signatureDer, authority.certificatePem);
    expect(v).toMatchObject({
      valid: true,
      signerUnitCode: unitA.code,
      signerName: 'Sở Xây dựng thử nghiệm',
      signedAt,
      certificateSerial: signed.certificateSerial,
    });
    // A second signing reuses the unit's certificate.
    const second = await asUnit(unitA, (tx) =>
      signResultDocument(tx, { tenantId: unitA.id, bytes: document, keys }),
    );
    expect(second.certificateSerial).toBe(signed.certificateSerial);
  });

  it('a changed byte of the document, or of the signature, does not verify', async () => {
    const { signatureDer } = await asUnit(unitA, (tx) =>
      signResultDocument(tx, { tenantId: unitA.id, bytes: document, keys }),
    );
    const tampered = Uint8Array.from(document);
    tampered[10]! ^= 0x01;
    expect(verifyDetachedSignature(tampered, signatureDer, authority.certificatePem)).toMatchObject({
      valid: false,
      reason: 'digest_mismatch',
    });
    // The last bytes of the DER are the RSA signature value.
    const badSig = Uint8Array.from(signatureDer);
    badSig[badSig.length - 5]! ^= 0x01;
    expect(verifyDetachedSignature(document, badSig, authority.certificatePem)).toMatchObject({
      valid: false,
      reason: 'bad_signature',
    });
    expect(
      verifyDetachedSignature(document, new Uint8Array([0x30, 0x03, 0x02, 0x01]), authority.certificatePem),
    ).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
  });

  it("another unit's signature passes the chain but names the other unit", async () => {
    const signed = await asUnit(unitB, (tx) =>
      signResultDocument(tx, { tenantId: unitB.id, bytes: document, keys }),
    );
    const v = verifyDetachedSignature(document, signed.signatureDer, authority.certificatePem);
    expect(v.valid).toBe(true);
    expect(v.signerUnitCode).toBe(unitB.code);
    expect(v.signerUnitCode).not.toBe(unitA.code);
    expect(v.signerName).toBe('Phường Bắc Nha Trang thử nghiệm');
  });

  it('a certificate from a root we do not trust fails the chain', async () => {
    const now = new Date();
    const rogueRoot = await generateRsaKeyPair();
    const rogueCert = buildCertificate({
      subject: { commonName: authority.subjectCn, organization: 'MotCua (development)' },
      publicKeyPem: rogueRoot.publicKeyPem,
      serial: randomSerial(),
      notBefore: new Date(now.getTime() - 3600_000),
      notAfter: new Date(now.getTime() + 86_400_000),
      isAuthority: true,
      signingKeyPem: rogueRoot.privateKeyPem,
    });
    const signer = await generateRsaKeyPair();
    const signerCert = buildCertificate({
      subject: { commonName: 'Đơn vị giả mạo', organization: unitA.code },
      publicKeyPem: signer.publicKeyPem,
      serial: randomSerial(),
      notBefore: new Date(now.getTime() - 3600_000),
      notAfter: new Date(now.getTime() + 86_400_000),
      isAuthority: false,
      issuer: { certificate: rogueCert },
      signingKeyPem: rogueRoot.privateKeyPem,
    });
    const der = createDetachedSignature({
      bytes: document,
      certificatePem: forge.pki.certificateToPem(signerCert),
      privateKeyPem: signer.privateKeyPem,
      chainPems: [forge.pki.certificateToPem(rogueCert)],
      signedAt: now,
    });
    const v = verifyDetachedSignature(document, der, authority.certificatePem);
    expect(v).toMatchObject({ valid: false, reason: 'untrusted_certificate', signerUnitCode: unitA.code });
    // …while its own (self-made) root would accept it: the check is the trust anchor, not the maths.
    expect(verifyDetachedSignature(document, der, forge.pki.certificateToPem(rogueCert)).valid).toBe(true);
  });

  it.runIf(spawnSync('openssl', ['version']).status === 0)(
    'OpenSSL verifies our signatures too',
    async () => {
      const { signatureDer } = await asUnit(unitA, (tx) =>
        signResultDocument(tx, { tenantId: unitA.id, bytes: document, keys }),
      );
      const dir = mkdtempSync(path.join(tmpdir(), 'motcua-cms-'));
      writeFileSync(path.join(dir, 'doc'), document);
      writeFileSync(path.join(dir, 'sig.der'), signatureDer);
      writeFileSync(path.join(dir, 'root.pem'), authority.certificatePem);
      const out = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          'sig.der',
          '-content',
          'doc',
          '-CAfile',
          'root.pem',
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(out.stderr).toContain('Verification successful');
    },
  );

  it('concurrent first signings of one unit share one certificate', async () => {
    const unit = await createTestTenant(running);
    const serials = await Promise.all(
      [1, 2, 3].map(() =>
        asUnit(unit, (tx) => signResultDocument(tx, { tenantId: unit.id, bytes: document, keys })).then(
          (s) => s.certificateSerial,
        ),
      ),
    );
    expect(new Set(serials).size).toBe(1);
  });

  it('private keys are stored sealed, bound to their certificate, and open only with the secret', async () => {
    const row = (await running.transactor.withSystem((tx) =>
      tx('unit_certificates').where({ tenant_id: unitA.id, status: 'active' }).first(),
    )) as { private_key_pem_encrypted: string; serial: string };
    expect(row.private_key_pem_encrypted).not.toContain('PRIVATE KEY');
    expect(row.private_key_pem_encrypted.startsWith('v1.')).toBe(true);
    const bound = `unit:${unitA.id}:${row.serial}`;
    expect(keys.open(row.private_key_pem_encrypted, bound)).toContain('BEGIN RSA PRIVATE KEY');
    expect(() => keys.open(row.private_key_pem_encrypted, `unit:${unitB.id}:${row.serial}`)).toThrow();
    expect(() =>
      new SigningKeys('another-secret-of-at-least-32-characters').open(row.private_key_pem_encrypted, bound),
    ).toThrow();
    expect(JSON.stringify({ keys })).toBe('{"keys":"[SigningKeys]"}');
  });

  it('opened keys are kept per sealed text: a revoked certificate signs no more, its successor signs', async () => {
    const unit = await createTestTenant(running);
    const first = await asUnit(unit, (tx) =>
      signResultDocument(tx, { tenantId: unit.id, bytes: document, keys }),
    );
    const row = (await running.transactor.withSystem((tx) =>
      tx('unit_certificates').where({ tenant_id: unit.id, status: 'active' }).first(),
    )) as { id: string; private_key_pem_encrypted: string; serial: string };
    const bound = `unit:${unit.id}:${row.serial}`;
    const key = keys.openPrivateKey(row.private_key_pem_encrypted, bound);
    expect(keys.openPrivateKey(row.private_key_pem_encrypted, bound)).toBe(key);
    expect(() =>
      keys.openPrivateKey(row.private_key_pem_encrypted, `unit:${unitB.id}:${row.serial}`),
    ).toThrow();

    await asUnit(unit, (tx) => revokeUnitCertificate(tx, unit.id, row.id));
    const second = await asUnit(unit, (tx) =>
      signResultDocument(tx, { tenantId: unit.id, bytes: document, keys }),
    );
    expect(second.certificateSerial).not.toBe(first.certificateSerial);
    const v = verifyDetachedSignature(document, second.signatureDer, authority.certificatePem);
    expect(v).toMatchObject({ valid: true, certificateSerial: second.certificateSerial });
    const third = await asUnit(unit, (tx) =>
      signResultDocument(tx, { tenantId: unit.id, bytes: document, keys }),
    );
    expect(third.certificateSerial).toBe(second.certificateSerial);
  });

  it('a unit sees only its own certificate; the public context sees none', async () => {
    const fromB = (await asUnit(unitB, (tx) => tx('unit_certificates').select('tenant_id'))) as {
      tenant_id: string;
    }[];
    expect(fromB.length).toBeGreaterThan(0);
    expect(fromB.every((r) => r.tenant_id === unitB.id)).toBe(true);
    expect(await asUnit(unitB, (tx) => findActiveUnitCertificate(tx, unitA.id))).toBeNull();
    const pub = await running.transactor.withPublic((tx) =>
      tx('unit_certificates').count<{ count: string }[]>('* as count'),
    );
    expect(Number(pub[0]!.count)).toBe(0);
    // Nor can a unit have a certificate issued in another unit's name.
    await expect(
      asUnit(unitB, (tx) =>
        issueUnitCertificate(tx, keys, { tenantId: unitA.id, unitName: 'x', unitCode: 'y' }),
      ),
    ).rejects.toThrow(/row-level security/);
    // The public context reads the root's certificate but never its key column.
    await expect(
      running.transactor.withPublic((tx) => tx('signing_authorities').select('private_key_pem_encrypted')),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('configuration', () => {
  it('SIGNING_KEY_SECRET is required in production and never needed in development', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      /SIGNING_KEY_SECRET/,
    );
    expect(parseEnv({ NODE_ENV: 'production', SIGNING_KEY_SECRET: 'p'.repeat(40) }).SIGNING_KEY_SECRET).toBe(
      'p'.repeat(40),
    );
    expect(() => parseEnv({ SIGNING_KEY_SECRET: 'short' })).toThrow(/SIGNING_KEY_SECRET/);
    expect(parseEnv({}).SIGNING_KEY_SECRET).toBeUndefined();
  });
});
