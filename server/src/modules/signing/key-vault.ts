import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { signingKeySecret, type Env } from '../../config/index';

/**
 * Seals private keys at rest with AES-256-GCM under a key derived (HKDF-SHA256) from
 * SIGNING_KEY_SECRET. Each sealed key is bound to what it belongs to (the associated data, e.g. the
 * certificate serial), so ciphertext copied onto another row does not open.
 */
export class SigningKeys {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the signing key secret needs at least 32 characters');
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'motcua', 'motcua/signing-keys/v1', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Throws when the secret, the binding or the ciphertext differ from what was sealed. */
  open(sealed: string, boundTo: string): string {
    const [version, iv, tag, ct] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed signing key');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Never print the key, whatever logs the object. */
  toJSON(): string {
    return '[SigningKeys]';
  }
}

export function signingKeysFrom(env: Pick<Env, 'SIGNING_KEY_SECRET'>): SigningKeys {
  return new SigningKeys(signingKeySecret(env));
}
