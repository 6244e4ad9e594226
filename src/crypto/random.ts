import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** A 6-digit SMS key without a leading zero, so a client sending it as a JSON number stays right. */
export const newSmsKey = (): string => String(randomInt(100_000, 1_000_000));

/** 128 random bits as 32 hex characters: the phone verification token. */
export const newVerifyToken = (): string => randomBytes(16).toString('hex');

export const newJti = (): string => randomUUID().replaceAll('-', '');

/**
 * A session id: a UUID of version 7 (RFC 9562), the Unix time in milliseconds then 74
 * random bits, so sessions opened one after another land side by side at the right edge of
 * the sessions' primary key, whatever its size, instead of anywhere in it (uuid_v7 in
 * src/events/sql/uuid_v7.sql does the same for events). The time it shows is when the
 * session was opened, which its created_at says anyway.
 */
export function newSessionId(): string {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
