import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { batched } from '../db/batch.js';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { apiKeys } from '../db/schema/index.js';

const listedColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

export type ApiKeyListing = { id: number; name: string; scopes: string[]; createdAt: Date; revokedAt: Date | null };

export async function insertApiKey(db: Db, k: { name: string; scopes: string[]; keyHash: string }): Promise<ApiKeyListing> {
  const [row] = await db.insert(apiKeys).values(k).returning(listedColumns);
  return row!;
}

/** Every key, oldest first, never its hash. */
export async function listApiKeys(db: Db): Promise<ApiKeyListing[]> {
  return db.select(listedColumns).from(apiKeys).orderBy(asc(apiKeys.id));
}

/** Revokes the key if it is not revoked yet; answers whether it did. */
export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length === 1;
}

export async function apiKeyExists(db: Db, id: number): Promise<boolean> {
  return (await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id))).length === 1;
}

/** Many keys at once; the hashes (base64url, no commas) are passed as one comma list, which both drivers bind alike. */
const liveByHashes = preparedOn((db) =>
  db
    .select({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes, keyHash: apiKeys.keyHash })
    .from(apiKeys)
    .where(and(sql`${apiKeys.keyHash} = any(string_to_array(${sql.placeholder('hashes')}, ','))`, isNull(apiKeys.revokedAt)))
    .prepare('find_live_api_keys'),
);

/**
 * The unrevoked key with that hash: asked on every request, so a revocation holds at once
 * everywhere. Requests that arrive together share one query ({@link batched}).
 */
export const findLiveApiKey = (db: Db, keyHash: string) => liveKeyBatch(db, keyHash);

const liveKeyBatch = batched(async (db, hashes: string[]) => {
  const rows = await liveByHashes(db).execute({ hashes: [...new Set(hashes)].join(',') });
  const byHash = new Map(rows.map(({ keyHash, ...key }) => [keyHash, key]));
  return hashes.map((h) => byHash.get(h));
});
