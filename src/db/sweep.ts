import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { phoneVerifications, rateLimits, sessions } from './schema.js';

/**
 * Deletes rows nothing can use any more: closed throttle windows, keys and tokens past
 * their lifetimes, and sessions that ended long ago. Every instance may run it; the
 * deletes are idempotent. A day of margin keeps recent history for support questions.
 */
export async function sweepExpired(db: Db, longestTokenTtlSeconds: number): Promise<void> {
  // Rows a request has locked are left for the next sweep: waiting on them could deadlock
  // with a statement that locks several counters.
  await db.delete(rateLimits).where(
    sql`${rateLimits.bucket} in (select ${rateLimits.bucket} from ${rateLimits} where ${rateLimits.expiresAt} < now() - interval '1 day' for update skip locked)`,
  );
  await db
    .delete(phoneVerifications)
    .where(sql`${phoneVerifications.createdAt} < now() - interval '1 day' - ${longestTokenTtlSeconds} * interval '1 second'`);
  await db
    .delete(sessions)
    .where(sql`coalesce(${sessions.revokedAt}, ${sessions.expiresAt}) < now() - interval '30 days'`);
}
