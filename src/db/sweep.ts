import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { phoneVerifications, rateLimits, sessions } from './schema.js';

/**
 * Deletes rows nothing can use any more: closed throttle windows, keys and tokens past
 * their lifetimes, and sessions that ended long ago. Every instance may run it; the
 * deletes are idempotent. A day of margin keeps recent history for support questions.
 */
export async function sweepExpired(db: Db, longestTokenTtlSeconds: number): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.expiresAt} < now() - interval '1 day'`);
  await db
    .delete(phoneVerifications)
    .where(sql`${phoneVerifications.createdAt} < now() - interval '1 day' - ${longestTokenTtlSeconds} * interval '1 second'`);
  await db
    .delete(sessions)
    .where(sql`coalesce(${sessions.revokedAt}, ${sessions.expiresAt}) < now() - interval '30 days'`);
}
