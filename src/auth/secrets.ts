import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

/** A 6-digit SMS key without a leading zero, so a client sending it as a JSON number stays right. */
export const newSmsKey = (): string => String(randomInt(100_000, 1_000_000));

/** 128 random bits as 32 hex characters: the phone verification token. */
export const newVerifyToken = (): string => randomBytes(16).toString('hex');

export const newJti = (): string => randomUUID().replaceAll('-', '');

/**
 * Keyed hash used for everything single-use we store (SMS keys, verification tokens,
 * refresh jtis): a database dump alone reveals none of them, and lookups stay indexed.
 */
export function secretHash(secretKey: string, purpose: string, value: string): string {
  return createHmac('sha256', secretKey).update(purpose).update('\0').update(value).digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
