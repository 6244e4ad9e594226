import { type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { rateLimits } from '../db/schema/index.js';

/**
 * One hit on a throttle counter, as the row source `hit` of a caller's statement:
 * `hit.hits` (this one included) and `hit.retry_after` (seconds until the window closes).
 * The count itself is rate_limit_hit (src/throttle/sql/rate_limit_hit.sql), which
 * request_sms_keys uses too: every throttle counts with that one upsert.
 */
export const rateLimitHit = (bucket: Placeholder, windowSeconds: Placeholder) =>
  sql`rate_limit_hit(${bucket}, ${windowSeconds}::integer) as hit`;

/** Forgets the bucket's count, as the CTE `cleared` of a caller's statement. */
export const clearingBucket = (db: Db, bucket: Placeholder) =>
  db
    .$with('cleared', { bucket: sql<string>`bucket` })
    .as(sql`delete from ${rateLimits} where ${rateLimits.bucket} = ${bucket} returning ${rateLimits.bucket}`);

/** Deletes up to `limit` counters whose window closed over a day ago (rate_limits_expires_idx); answers how many. */
export async function deleteClosedCounters(db: Db, limit: number): Promise<number> {
  return deleteBatch(db, rateLimits, sql`${rateLimits.expiresAt} < now() - interval '1 day'`, sql`${rateLimits.expiresAt}`, limit);
}
