import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Sealing for secrets the service must read back (signing keys' private parts, TOTP
 * secrets): AES-256-GCM under a key derived from SECRET_KEY by HKDF-SHA256, one key per
 * purpose, so a database dump alone opens nothing. `context` (the row it belongs to) is
 * authenticated data: a sealed value copied into another row does not open there.
 *
 * Format: `v1.<iv>.<ciphertext>.<tag>`, each part base64url; a 96-bit random IV per seal.
 */
export interface Envelope {
  seal(plaintext: string, context: string): string;
  /** The plaintext, or an EnvelopeError that says nothing of the value. */
  open(sealed: string, context: string): string;
}

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function envelope(secretKey: string, purpose: string): Envelope {
  const key = Buffer.from(hkdfSync('sha256', secretKey, 'account-service envelope', purpose, 32));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, iv, body, tag, ...rest] = sealed.split('.');
      const ivBytes = Buffer.from(iv ?? '', 'base64url');
      const tagBytes = Buffer.from(tag ?? '', 'base64url');
      if (version !== VERSION || body === undefined || rest.length || ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new EnvelopeError(`not a sealed ${purpose}`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new EnvelopeError(`a sealed ${purpose} does not open: SECRET_KEY differs from the one that sealed it, or the value was altered`);
      }
    },
  };
}
