import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** A 6-digit SMS key without a leading zero, so a client sending it as a JSON number stays right. */
export const newSmsKey = (): string => String(randomInt(100_000, 1_000_000));

/** 128 random bits as 32 hex characters: the phone verification token. */
export const newVerifyToken = (): string => randomBytes(16).toString('hex');

export const newJti = (): string => randomUUID().replaceAll('-', '');
