import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { rateLimits } from '../db/schema.js';

export interface Hit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window closes. */
  retryAfter: number;
}

const window = sql`${sql.placeholder('windowSeconds')}::integer * interval '1 second'`;
const expired = sql`${rateLimits.expiresAt} <= now()`;

// Every login attempt counts a hit and every success resets: built once, parsed once per connection.
const hitStatement = preparedOn((db) =>
  db
    .insert(rateLimits)
    .values({ bucket: sql.placeholder('bucket'), count: 1, windowStart: sql`now()`, expiresAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: rateLimits.bucket,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
        expiresAt: sql`case when ${expired} then now() + ${window} else ${rateLimits.expiresAt} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`ceil(extract(epoch from (${rateLimits.expiresAt} - now())))::int`,
    })
    .prepare('rate_limit_hit'),
);
const resetStatement = preparedOn((db) =>
  db.delete(rateLimits).where(eq(rateLimits.bucket, sql.placeholder('bucket'))).prepare('rate_limit_reset'),
);

/**
 * Counts one hit on `bucket` in one statement: a closed window restarts at 1, an open
 * one goes up by one. Concurrent hits on any instance each get their own count.
 */
export async function hit(db: Db, bucket: string, windowSeconds: number): Promise<Hit> {
  const [row] = await hitStatement(db).execute({ bucket, windowSeconds });
  return { count: row!.count, retryAfter: Math.max(1, Number(row!.retryAfter)) };
}

export async function reset(db: Db, bucket: string): Promise<void> {
  await resetStatement(db).execute({ bucket });
}
