import type { SigningKeyRow } from '../db/schema/index.js';

/**
 * - `waiting`: published, not signing yet (verifiers are fetching it);
 * - `signing`: the key new tokens are signed with;
 * - `retired`: a newer key signs; still published and verifying until every token it
 *   signed has expired;
 * - `expired`: nothing it signed can still be valid; no longer published;
 * - `revoked`: refused at once, whatever it signed.
 */
export type KeyState = 'waiting' | 'signing' | 'retired' | 'expired' | 'revoked';

export type KeyDates = Pick<SigningKeyRow, 'kid' | 'algorithm' | 'createdAt' | 'signsFrom' | 'revokedAt'>;

export interface KeyOnTimeline<K extends KeyDates = KeyDates> {
  key: K;
  /** When the next key took or takes over; null while no newer key is scheduled. */
  retiresAt: Date | null;
  /** retiresAt plus the longest token lifetime: the last moment a token it signed can be valid. */
  verifiesUntil: Date | null;
}

const order = (a: KeyDates, b: KeyDates) =>
  a.signsFrom.getTime() - b.signsFrom.getTime() || a.createdAt.getTime() - b.createdAt.getTime() || a.kid.localeCompare(b.kid);

/**
 * Each key's retirement, read from the keys that follow it: a key retires when the next
 * one starts signing. A key revoked before its turn never signed, so it takes nothing
 * over; one revoked after its turn did, and its predecessor stays retired.
 */
export function timeline<K extends KeyDates>(keys: K[], longestTokenTtlSeconds: number): KeyOnTimeline<K>[] {
  const sorted = [...keys].sort(order);
  const tookOver = (k: KeyDates) => k.revokedAt === null || k.revokedAt >= k.signsFrom;
  return sorted.map((key, i) => {
    const next = sorted.slice(i + 1).find(tookOver);
    const retiresAt = next?.signsFrom ?? null;
    const verifiesUntil = retiresAt && new Date(retiresAt.getTime() + longestTokenTtlSeconds * 1000);
    return { key, retiresAt, verifiesUntil };
  });
}

export function stateAt(k: KeyOnTimeline, now: Date): KeyState {
  if (k.key.revokedAt) return 'revoked';
  if (now < k.key.signsFrom) return 'waiting';
  if (!k.retiresAt || now < k.retiresAt) return 'signing';
  if (k.verifiesUntil && now < k.verifiesUntil) return 'retired';
  return 'expired';
}

/** Published in the key set and accepted for verification. */
export const isPublished = (state: KeyState) => state === 'waiting' || state === 'signing' || state === 'retired';
