import { eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { events } from '../db/schema/index.js';
import type { ChangeSource, EventData, EventType, EventUser } from './types.js';

export * from './types.js';

/**
 * The only writer of the events table: every change to an account records its event through
 * recordEvent, or through recordingEvent for a statement that must not cost a round trip
 * more (login's). Call it with the transaction (or in the statement) that makes the change,
 * so the event commits exactly when the change does and never describes one rolled back.
 * Its id is a UUID v7 (uuid_v7, src/events/sql/uuid_v7.sql); the trigger events_to_outbox
 * puts it in the webhooks' outbox in the same statement when its type is sent.
 */
export async function recordEvent<T extends EventType>(
  db: Db,
  source: ChangeSource,
  type: T,
  data: EventData[T],
  userId: number | null = 'user_id' in data ? (data as { user_id: number | null }).user_id : (data as { user: EventUser }).user.id,
): Promise<void> {
  await db.insert(events).values({ id: sql`uuid_v7()`, type, actor: source.actor, ip: source.ip ?? null, userId, data });
}

type Bound = SQL | Placeholder;

/**
 * recordEvent as the CTE `recorded_event` of a caller's statement: each value is SQL (a
 * placeholder of the caller's prepared statement, say), `data` one value per field of the
 * type's data. A data-modifying CTE runs whether or not the statement reads it.
 */
export function recordingEvent<T extends EventType>(
  db: Db,
  type: T,
  e: { actor: Bound; ip: Bound; userId: Bound; data: { [K in keyof EventData[T]]-?: Bound } },
) {
  const fields = Object.entries(e.data as Record<string, Bound>).map(([key, value]) => {
    if (!/^[a-z_]+$/.test(key)) throw new Error(`not a data field name: ${key}`);
    return sql`${sql.raw(`'${key}'`)}, ${value}`;
  });
  return db
    .$with('recorded_event', { seq: sql<number>`seq` })
    .as(
      sql`insert into ${events} (id, type, actor, ip, user_id, data)
        values (uuid_v7(), ${sql.raw(`'${type}'`)}, ${e.actor}::text, ${e.ip}::text, ${e.userId}::bigint,
          jsonb_build_object(${sql.join(fields, sql`, `)}))
        returning ${events.seq}`,
    );
}

/**
 * Withdrawal: the account's earlier events keep their type and ids but lose the personal
 * data they carried (the user's fields but the id, a phone number, the client IP), in the
 * withdrawal's transaction. Events not yet delivered go out erased too.
 */
export async function eraseEventsOf(tx: Db, userId: number): Promise<void> {
  await tx
    .update(events)
    .set({
      ip: null,
      data: sql`case
        when ${events.data} ? 'user' then jsonb_set(${events.data}, '{user}',
          jsonb_build_object('id', ${events.data}->'user'->'id', 'email', null, 'name', null, 'nickname', null, 'phone_number', null))
        when ${events.data} ? 'phone_number' then jsonb_set(${events.data}, '{phone_number}', 'null'::jsonb)
        else ${events.data} end`,
    })
    .where(eq(events.userId, userId));
}
