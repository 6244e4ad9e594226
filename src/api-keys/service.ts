import { randomBytes } from 'node:crypto';
import { secretHash } from '../crypto/keyed-hash.js';
import type { Db } from '../db/client.js';
import { apiKeyExists, type ApiKeyListing, insertApiKey, revokeApiKey as revokeRow } from './repository.js';

/** What an API key may be used for; each route that takes one names the scope it needs. */
export const API_KEY_SCOPES = ['introspect', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A recognisable prefix (secret scanners and people spot a leaked key), then 256 random bits. */
const PREFIX = 'acs_';
const SHAPE = /^acs_[A-Za-z0-9_-]{43}$/;

export const looksLikeApiKey = (value: string) => SHAPE.test(value);

/**
 * HMAC-SHA256 under SECRET_KEY, looked up by equality in an index: a key of 256 random bits
 * needs no slow hash, and a dump of the table alone cannot even test a guess.
 */
export const apiKeyHash = (secretKey: string, key: string) => secretHash(secretKey, 'api-key', key);

export class ApiKeyRefused extends Error {}

/** `--scopes introspect,admin` as a list of known scopes. */
export function parseScopes(raw: string): ApiKeyScope[] {
  const scopes = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new ApiKeyRefused(`unknown scope ${unknown.join(', ')} (known: ${API_KEY_SCOPES.join(', ')})`);
  if (!scopes.length) throw new ApiKeyRefused(`give at least one scope (${API_KEY_SCOPES.join(', ')})`);
  return scopes as ApiKeyScope[];
}

/** A new key: the row (without the key), and the key itself, which is shown once and never stored. */
export async function createApiKey(
  deps: { db: Db; secretKey: string },
  input: { name: string; scopes: ApiKeyScope[] },
): Promise<{ row: ApiKeyListing; key: string }> {
  const name = input.name.trim();
  if (!name || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) throw new ApiKeyRefused('--name must be 1 to 200 printable characters');
  const key = PREFIX + randomBytes(32).toString('base64url');
  const row = await insertApiKey(deps.db, { name, scopes: input.scopes, keyHash: apiKeyHash(deps.secretKey, key) });
  return { row, key };
}

export async function revokeApiKey(db: Db, id: number): Promise<void> {
  if (await revokeRow(db, id)) return;
  throw new ApiKeyRefused((await apiKeyExists(db, id)) ? `api key ${id} is already revoked` : `no api key ${id}`);
}
