import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey } from 'jose';
import type { Config } from '../config.js';
import { envelope } from '../crypto/envelope.js';
import type { Db } from '../db/client.js';
import type { SigningKeyRow } from '../db/schema/index.js';
import { insertKey, listKeys, type PublicKeyRow, revokeKey as revokeKeyRow, keyExists, withKeySetLock } from './repository.js';
import { isPublished, type KeyOnTimeline, type KeyState, stateAt, timeline } from './timeline.js';

export type AsymmetricAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

export interface SigningKeyDeps {
  db: Db;
  secretKey: string;
  algorithm: AsymmetricAlgorithm;
  jwksMaxAgeSeconds: number;
  /** The longest lifetime of a token (the refresh token's): how long a retired key keeps verifying. */
  longestTokenTtlSeconds: number;
}

export function signingKeyDeps(db: Db, config: Config & { secretKey: string }): SigningKeyDeps {
  const algorithm = config.jwt.algorithm;
  if (algorithm === 'HS256') throw new Error('JWT_ALGORITHM=HS256 signs with SECRET_KEY and keeps no signing keys');
  return {
    db,
    secretKey: config.secretKey,
    algorithm,
    jwksMaxAgeSeconds: config.jwt.jwksMaxAge,
    longestTokenTtlSeconds: Math.max(config.ttl.access, config.ttl.refresh),
  };
}

/**
 * A rotated-in key signs this long after JWKS_MAX_AGE_SECONDS: a verifier's cached key set
 * counts its age from when it arrived, not from when it was made, and the instances'
 * clocks differ a little.
 */
export const ROTATION_MARGIN_SECONDS = 5;

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const;

/** The sealing of private parts; the kid is the associated data, so a part moved to another row does not open. */
const privateParts = (secretKey: string) => envelope(secretKey, 'signing-key');

/** A new key pair: its kid is the RFC 7638 thumbprint of its public JWK. */
async function generateKey(deps: SigningKeyDeps) {
  const { publicKey, privateKey } = await generateKeyPair(deps.algorithm, {
    extractable: true,
    ...(deps.algorithm === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const exported = await exportJWK(publicKey);
  const publicJwk: SigningKeyRow['publicJwk'] = { kty: exported.kty! };
  for (const m of PUBLIC_MEMBERS) if (typeof exported[m] === 'string') publicJwk[m] = exported[m];
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwkSealed = privateParts(deps.secretKey).seal(JSON.stringify(await exportJWK(privateKey)), kid);
  return { kid, algorithm: deps.algorithm, publicJwk, privateJwkSealed };
}

/**
 * The private key of a stored key, opened and imported as a non-extractable CryptoKey. A
 * failure names the kid and nothing of the value: a JSON parse error would quote it.
 */
export async function openPrivateKey(secretKey: string, row: { kid: string; algorithm: string; privateJwkSealed: string }): Promise<CryptoKey> {
  const plain = privateParts(secretKey).open(row.privateJwkSealed, row.kid);
  try {
    return (await importJWK(JSON.parse(plain) as Record<string, string>, row.algorithm, { extractable: false })) as CryptoKey;
  } catch {
    throw new Error(`signing key ${row.kid}: its private part is not a usable ${row.algorithm} JWK`);
  }
}

export async function importPublicKey(row: Pick<SigningKeyRow, 'kid' | 'algorithm' | 'publicJwk'>): Promise<CryptoKey> {
  try {
    return (await importJWK({ ...row.publicJwk }, row.algorithm)) as CryptoKey;
  } catch {
    throw new Error(`signing key ${row.kid}: its public part is not a usable ${row.algorithm} JWK`);
  }
}

export interface SigningKeyView {
  kid: string;
  algorithm: string;
  state: KeyState;
  published_at: string;
  signs_from: string;
  retires_at: string | null;
  verifies_until: string | null;
  revoked_at: string | null;
}

const view = (k: KeyOnTimeline<PublicKeyRow>, now: Date): SigningKeyView => ({
  kid: k.key.kid,
  algorithm: k.key.algorithm,
  state: stateAt(k, now),
  published_at: k.key.createdAt.toISOString(),
  signs_from: k.key.signsFrom.toISOString(),
  retires_at: k.retiresAt?.toISOString() ?? null,
  verifies_until: k.verifiesUntil?.toISOString() ?? null,
  revoked_at: k.key.revokedAt?.toISOString() ?? null,
});

async function keysNow(deps: Pick<SigningKeyDeps, 'db' | 'longestTokenTtlSeconds'>) {
  const now = new Date();
  const line = timeline(await listKeys(deps.db), deps.longestTokenTtlSeconds);
  return { now, line, signing: line.find((k) => stateAt(k, now) === 'signing') };
}

/** Every key, oldest first, with its state and dates. */
export async function describeSigningKeys(deps: Pick<SigningKeyDeps, 'db' | 'longestTokenTtlSeconds'>): Promise<SigningKeyView[]> {
  const { now, line } = await keysNow(deps);
  return line.map((k) => view(k, now));
}

async function addKey(deps: SigningKeyDeps, signsInSeconds: number): Promise<SigningKeyView> {
  const row = await insertKey(deps.db, { ...(await generateKey(deps)), signsInSeconds });
  return view({ key: row, retiresAt: null, verifiesUntil: null }, new Date());
}

/**
 * At start: makes sure a key of JWT_ALGORITHM signs or will. The first start creates one
 * that signs at once (no verifier can have tokens yet); a changed JWT_ALGORITHM rotates to
 * a key of the new algorithm, as `keys rotate` does. Instances starting together take turns.
 */
export async function ensureSigningKey(deps: SigningKeyDeps): Promise<SigningKeyView | undefined> {
  return withKeySetLock(deps.db, async (db) => {
    const { now, line, signing } = await keysNow({ ...deps, db });
    if (!signing) return addKey({ ...deps, db }, 0);
    const last = line.filter((k) => ['signing', 'waiting'].includes(stateAt(k, now))).at(-1)!;
    if (last.key.algorithm === deps.algorithm) return undefined;
    return addKey({ ...deps, db }, deps.jwksMaxAgeSeconds + ROTATION_MARGIN_SECONDS);
  });
}

/**
 * `keys rotate`: a new key, published at once, that signs once every verifier caching the
 * key set has it; the key signing now retires then.
 */
export async function rotateSigningKeys(deps: SigningKeyDeps): Promise<{ key: SigningKeyView; retiring: SigningKeyView | undefined }> {
  return withKeySetLock(deps.db, async (db) => {
    const { signing } = await keysNow({ ...deps, db });
    const key = await addKey({ ...deps, db }, signing ? deps.jwksMaxAgeSeconds + ROTATION_MARGIN_SECONDS : 0);
    const after = await keysNow({ ...deps, db });
    const retiring = signing && after.line.find((k) => k.key.kid === signing.key.kid);
    return { key, retiring: retiring && view(retiring, after.now) };
  });
}

export class UnknownSigningKey extends Error {}

/**
 * `keys revoke`: the key is unpublished and its tokens refused from the next request on.
 * If nothing signs then, a new key signs at once: new logins must work, and verifiers fetch
 * the key set again for a kid they do not know.
 */
export async function revokeSigningKey(deps: SigningKeyDeps, kid: string): Promise<{ replacement: SigningKeyView | undefined }> {
  return withKeySetLock(deps.db, async (db) => {
    if (!(await revokeKeyRow(db, kid))) {
      throw new UnknownSigningKey((await keyExists(db, kid)) ? `key ${kid} is already revoked` : `no key ${kid}`);
    }
    const { signing } = await keysNow({ ...deps, db });
    return { replacement: signing ? undefined : await addKey({ ...deps, db }, 0) };
  });
}

/** The public JWKs of every published key, for `/.well-known/jwks.json`. */
export async function publishedJwks(deps: Pick<SigningKeyDeps, 'db' | 'longestTokenTtlSeconds'>) {
  const { now, line } = await keysNow(deps);
  return line
    .filter((k) => isPublished(stateAt(k, now)))
    .map((k) => ({ ...k.key.publicJwk, kid: k.key.kid, alg: k.key.algorithm, use: 'sig' as const }));
}
