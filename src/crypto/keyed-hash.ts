import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hash used for everything single-use we store (SMS keys, verification tokens,
 * refresh jtis) and for throttle bucket names: a database dump alone reveals none of
 * them, and lookups stay indexed.
 */
export function secretHash(secretKey: string, purpose: string, value: string): string {
  return createHmac('sha256', secretKey).update(purpose).update('\0').update(value).digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
