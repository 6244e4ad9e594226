import { randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { secretHash } from '../crypto/keyed-hash.js';

/*
 * TOTP as RFC 6238 and every authenticator app (Google Authenticator, 1Password, Authy)
 * read it: HMAC-SHA-1, 6 digits, 30-second steps, through otpauth; and recovery codes.
 */
const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** One step of clock drift either way. */
const WINDOW = 1;
const SECRET_BYTES = 20;

/** A new secret: 160 random bits (RFC 4226's recommendation), as base32. Copied out of Node's shared pool first. */
export const newTotpSecret = (): string => new Secret({ buffer: new Uint8Array(randomBytes(SECRET_BYTES)).buffer }).base32;

/** The key URI an app reads from the QR code: `otpauth://totp/<issuer>:<account>?secret=…&issuer=<issuer>&…`. */
export function otpauthUrl(issuer: string, account: string, secret: string): string {
  return new TOTP({ ...TOTP_SETTINGS, issuer, label: account, secret: Secret.fromBase32(secret) }).toString();
}

/** A code that looks like a TOTP code (6 digits, spaces allowed as apps show them); anything else is a recovery code. */
export const asTotpCode = (code: string): string | undefined => {
  const digits = code.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
};

/**
 * The time step whose code `code` is, within one step of now, or undefined. The step, not
 * a yes, so that the caller can take it as used (a code is accepted once).
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | undefined {
  const s = Secret.fromBase32(secret);
  const delta = TOTP.validate({ ...TOTP_SETTINGS, secret: s, token: code, timestamp: now, window: WINDOW });
  return delta === null ? undefined : TOTP.counter({ period: TOTP_SETTINGS.period, timestamp: now }) + delta;
}

/** Letters and digits that cannot be read as one another (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 12;
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 12 characters (about 59 bits each), written `xxxx-xxxx-xxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** A recovery code as it is hashed: case, spaces and hyphens as the user typed them do not matter. */
export function normalizeRecoveryCode(code: string): string | undefined {
  const plain = code.toLowerCase().replace(/[\s-]+/g, '');
  return plain.length === RECOVERY_LENGTH && [...plain].every((c) => RECOVERY_ALPHABET.includes(c)) ? plain : undefined;
}

/** Stored as an HMAC under SECRET_KEY, bound to the user, like every single-use secret here. */
export const recoveryCodeHash = (secretKey: string, userId: number, code: string) =>
  secretHash(secretKey, 'mfa-recovery-code', `${userId}:${code}`);
