import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type SigningKeyRow, signingKeys } from '../db/schema/index.js';

/** Arbitrary but fixed: the advisory lock that serializes changes to the key set across instances. */
const KEY_SET_LOCK = 727_160_015;

/** Every column but the sealed private part. */
const publicColumns = {
  kid: signingKeys.kid,
  algorithm: signingKeys.algorithm,
  publicJwk: signingKeys.publicJwk,
  createdAt: signingKeys.createdAt,
  signsFrom: signingKeys.signsFrom,
  revokedAt: signingKeys.revokedAt,
};

export type PublicKeyRow = Omit<SigningKeyRow, 'privateJwkSealed'>;

/** Every key, revoked ones included (a rotation's dates depend on them), without private parts. */
export async function listKeys(db: Db): Promise<PublicKeyRow[]> {
  return db.select(publicColumns).from(signingKeys);
}

/** Every key with its sealed private part, for the instance's key ring. */
export async function listKeysWithPrivate(db: Db) {
  return db.select({ ...publicColumns, privateJwkSealed: signingKeys.privateJwkSealed }).from(signingKeys);
}

export interface NewKey {
  kid: string;
  algorithm: string;
  publicJwk: SigningKeyRow['publicJwk'];
  privateJwkSealed: string;
  /** Seconds from now (database time) until it signs; 0: at once. */
  signsInSeconds: number;
}

export async function insertKey(db: Db, k: NewKey): Promise<PublicKeyRow> {
  const [row] = await db
    .insert(signingKeys)
    .values({
      kid: k.kid,
      algorithm: k.algorithm,
      publicJwk: k.publicJwk,
      privateJwkSealed: k.privateJwkSealed,
      signsFrom: sql`now() + ${k.signsInSeconds}::integer * interval '1 second'`,
    })
    .returning(publicColumns);
  return row!;
}

/** Revokes the key if it is not revoked yet; answers whether it did. */
export async function revokeKey(db: Db, kid: string): Promise<boolean> {
  const rows = await db
    .update(signingKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(signingKeys.kid, kid), isNull(signingKeys.revokedAt)))
    .returning({ kid: signingKeys.kid });
  return rows.length === 1;
}

/** Whether a key with that kid exists and is not revoked: one read by primary key. */
export async function keyUnrevoked(db: Db, kid: string): Promise<boolean> {
  const rows = await db
    .select({ kid: signingKeys.kid })
    .from(signingKeys)
    .where(and(eq(signingKeys.kid, kid), isNull(signingKeys.revokedAt)));
  return rows.length === 1;
}

export async function keyExists(db: Db, kid: string): Promise<boolean> {
  const rows = await db.select({ kid: signingKeys.kid }).from(signingKeys).where(eq(signingKeys.kid, kid));
  return rows.length === 1;
}

/**
 * Runs `change` in a transaction holding the key set's lock, so instances starting together
 * or two operators rotating at once cannot both add a key: the second sees the first's.
 */
export async function withKeySetLock<T>(db: Db, change: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_SET_LOCK})`);
    return change(tx as unknown as Db);
  });
}
