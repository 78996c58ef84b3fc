import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { signingKeySecret, type Env } from '../../config/index';

/**
 * Seals private keys at rest with AES-256-GCM under a key derived (HKDF-SHA256) from
 * SIGNING_KEY_SECRET. Each sealed key is bound to what it belongs to (the associated data, e.g. the
 * certificate serial), so ciphertext copied onto another row does not open.
 */
/** Opened private keys kept per SigningKeys: a unit signs with one key for years. */
const OPENED_KEYS_KEPT = 1_000;

export class SigningKeys {
  readonly #key: Buffer;
  /** sha256(binding, sealed text) → the opened key; least recently used first. */
  readonly #opened = new Map<string, KeyObject>();

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

  /**
   * A sealed PEM private key, opened and parsed into a KeyObject once: opening (AES-GCM) and
   * parsing the PEM cost ~0.5 ms a signature. Kept by the hash of the sealed text and its
   * binding, so a rotated key (a new sealed text) is a new entry; which sealed key may sign
   * (an active, unrevoked certificate) stays the caller's query, the cache only skips the work.
   */
  openPrivateKey(sealed: string, boundTo: string): KeyObject {
    const id = createHash('sha256').update(boundTo).update('\0').update(sealed).digest('base64');
    let key = this.#opened.get(id);
    if (key) this.#opened.delete(id);
    else {
      key = createPrivateKey(this.open(sealed, boundTo));
      if (this.#opened.size >= OPENED_KEYS_KEPT) this.#opened.delete(this.#opened.keys().next().value!);
    }
    this.#opened.set(id, key);
    return key;
  }

  /** Never print the key, whatever logs the object. */
  toJSON(): string {
    return '[SigningKeys]';
  }
}

export function signingKeysFrom(env: Pick<Env, 'SIGNING_KEY_SECRET'>): SigningKeys {
  return new SigningKeys(signingKeySecret(env));
}
