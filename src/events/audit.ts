import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { events } from '../db/schema/index.js';
import type { EventRow } from './outbox.js';

/** The audit log, newest first, below `beforeSeq` when given; one more than `limit` when there are more. */
export async function listEvents(
  db: Db,
  f: { userId?: number | undefined; type?: string | undefined; beforeSeq?: number | undefined },
  limit: number,
): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(
      and(
        f.userId !== undefined ? eq(events.userId, f.userId) : undefined,
        f.type !== undefined ? eq(events.type, f.type) : undefined,
        f.beforeSeq !== undefined ? lt(events.seq, f.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(events.seq))
    .limit(limit + 1);
}
