import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { startSender } from '../src/events/delivery.js';
import { claimDue, subscribe } from '../src/events/outbox.js';
import { trimOldEvents } from '../src/events/partitions.js';
import { recordEvent } from '../src/events/record.js';
import { cliFor } from './cli-helpers.js';
import { eventsWithDelivery } from './event-rows.js';
import { sleep } from './helpers.js';
import { emptyDatabase, migrateBefore } from './migration-helpers.js';
import { WEBHOOK_SECRET, WebhookReceiver } from './webhook-receiver.js';

/**
 * Issue 25: the events table of an existing database becomes partitioned by time in place
 * (drizzle/0027 to 0030), its delivery state carried to the outbox, and no event is lost.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const quiet = { warn() {}, info() {}, error() {} } as unknown as FastifyBaseLogger;

/** The events as the old schema wrote them: each in a delivery state, with its attempts and last error. */
async function oldEvents(database: Database) {
  const states: [string, number, string | null][] = [
    ['pending', 0, null],
    ['delivered', 1, null],
    ['failed', 12, 'HTTP 500'],
    ['skipped', 0, null],
    ['pending', 3, 'timeout'],
  ];
  for (const [i, [state, attempts, lastError]] of states.entries()) {
    await database.db.execute(sql`insert into events (id, type, actor, ip, user_id, data, delivery_state, attempts, delivered_at, last_error)
      values (gen_random_uuid(), 'user.password_changed', 'user', '198.51.100.7', ${i + 1}, ${JSON.stringify({ user_id: i + 1 })}::jsonb,
        ${state}, ${attempts}, case when ${state} = 'delivered' then now() end, ${lastError})`);
  }
}

/** Every column an event had before the conversion, as text (so microseconds are compared too). */
const auditColumns = sql`select seq, id::text, type, occurred_at::text, actor, ip, user_id, data::text from events order by seq`;

describe('the conversion of an existing events table', () => {
  it('keeps every event as it was; pending ones stay pending and are sent once a webhook is configured, failed ones stay failed', async () => {
    const { database, drop } = await emptyDatabase();
    const receiver = new WebhookReceiver();
    try {
      await migrateBefore(database, '0025');
      await oldEvents(database);
      const before = rowsOf(await database.db.execute(auditColumns));
      await database.migrate();

      expect(rowsOf(await database.db.execute(auditColumns))).toEqual(before);
      expect(rowsOf(await database.db.execute(sql`select relkind from pg_class where relname = 'events'`))).toEqual([{ relkind: 'p' }]);
      const carried = await eventsWithDelivery(database.db);
      expect(carried.map((e) => [e.deliveryState, e.attempts, e.lastError])).toEqual([
        ['pending', 0, null],
        ['delivered', 1, null],
        ['failed', 12, 'HTTP 500'],
        ['skipped', 0, null],
        ['pending', 3, 'timeout'],
      ]);
      const failed = JSON.parse((await cliFor(database)('events', 'failed', '--json')).out);
      expect(failed).toEqual([expect.objectContaining({ id: carried[2]!.id, user_id: 3, attempts: 12, last_error: 'HTTP 500' })]);

      // Recording goes on after the last seq; a configured sender carries the pending ones over and sends them.
      await subscribe(database.db, ['user.password_changed']);
      await recordEvent(database.db, { actor: 'cli' }, 'user.password_changed', { user_id: 6 });
      const sender = startSender(
        database,
        { webhookUrl: await receiver.start(), webhookSecret: WEBHOOK_SECRET, webhookTypes: ['user.password_changed'], webhookTimeoutMs: 2000, maxAttempts: 12 },
        quiet,
      );
      await receiver.waitFor(() => receiver.received.length === 3);
      await sender.stop();
      expect(receiver.received.map((r) => r.verified().data.user_id).sort()).toEqual([1, 5, 6]);
      expect((await eventsWithDelivery(database.db)).map((e) => [e.seq, e.deliveryState, e.attempts])).toEqual([
        [1, 'delivered', 1],
        [2, 'delivered', 1],
        [3, 'failed', 12],
        [4, 'skipped', 0],
        [5, 'delivered', 4],
        [6, 'delivered', 1],
      ]);
    } finally {
      await receiver.stop();
      await drop();
    }
  }, 60_000);

  it.skipIf(!adminUrl)('loses no event that instances of the old version write while it runs, and refuses none', async () => {
    const { database, drop } = await emptyDatabase();
    const url = new URL(adminUrl!);
    try {
      await migrateBefore(database, '0025');
      await database.db.execute(sql`insert into events (id, type, actor, user_id, data, occurred_at)
        select gen_random_uuid(), 'session.created', 'user', n, '{}'::jsonb, now() - (n || ' seconds')::interval from generate_series(1, 20000) n`);
      const name = rowsOf<{ db: string }>(await database.db.execute(sql`select current_database() as db`))[0]!.db;
      url.pathname = `/${name}`;
      const writer = new pg.Client({ connectionString: url.toString() });
      await writer.connect();
      const written: string[] = [];
      const refused: unknown[] = [];
      let slowest = 0;
      let migrating = true;
      const writing = (async () => {
        while (migrating) {
          const started = Date.now();
          try {
            const { rows } = await writer.query<{ id: string }>(
              `insert into events (id, type, actor, user_id, data) values (gen_random_uuid(), 'session.created', 'user', 1, '{}') returning id`,
            );
            written.push(rows[0]!.id);
          } catch (err) {
            refused.push(err);
          }
          slowest = Math.max(slowest, Date.now() - started);
        }
      })();
      await sleep(50);
      await database.migrate();
      migrating = false;
      await writing;
      await writer.end();

      expect(refused).toEqual([]);
      expect(written.length).toBeGreaterThan(0);
      const [kept] = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::integer as n from events where id = any(${`{${written.join(',')}}`}::uuid[])`),
      );
      expect(kept!.n).toBe(written.length);
      expect(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::integer as n from events`))[0]!.n).toBe(20000 + written.length);
      // The exclusive locks are held for moments, not for a scan of the table.
      expect(slowest).toBeLessThan(5000);
    } finally {
      await drop();
    }
  }, 120_000);
});

describe('the partitioned audit log', () => {
  it('drops a partition past the retention, keeping what the outbox holds, which stays readable and deliverable', async () => {
    const { database, drop } = await emptyDatabase();
    try {
      await database.migrate();
      const db = database.db;
      await subscribe(db, ['user.withdrawn']);
      // Two events in the first partition after events_legacy: one to be sent, one delivered (out of the outbox).
      const first = rowsOf<{ lo: string }>(
        await db.execute(sql`select min((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]) as lo
          from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'events'::regclass`),
      )[0]!.lo;
      for (const userId of [1, 2]) {
        await db.execute(sql`insert into events (id, type, actor, user_id, data, occurred_at)
          values (uuid_v7(), 'user.withdrawn', 'cli', ${userId}, ${JSON.stringify({ user_id: userId })}::jsonb, ${first}::timestamptz + interval '1 hour')`);
      }
      await db.execute(sql`delete from event_outbox where seq = 2`);
      const partitions = async () =>
        rowsOf<{ name: string }>(await db.execute(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'events'::regclass order by 1`)).map((r) => r.name);
      const dropping = (await partitions()).find((p) => p.startsWith('events_p'))!;
      const end = rowsOf<{ hi: string }>(
        await db.execute(sql`select (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1] as hi
          from pg_class c where c.relname = ${dropping}`),
      )[0]!.hi;

      const [row] = rowsOf<{ dropped: number }>(await db.execute(sql`select event_partitions_drop(${end}::timestamptz) as dropped`));
      expect(row!.dropped).toBe(2);
      expect(await partitions()).not.toContain('events_legacy');
      expect(await partitions()).not.toContain(dropping);
      const left = await eventsWithDelivery(db);
      expect(left.map((e) => [e.userId, e.deliveryState])).toEqual([[1, 'pending']]);
      expect(rowsOf(await db.execute(sql`select tableoid::regclass::text as part from events`))).toEqual([{ part: 'events_default' }]);
      // Detached, then dropped by a statement of its own.
      expect(rowsOf(await db.execute(sql`select event_partitions_discard() as n`))).toEqual([{ n: 4 }]);
      expect(rowsOf(await db.execute(sql`select to_regclass(${dropping})::text as t`))).toEqual([{ t: null }]);
      expect((await claimDue(db, 20, 30)).map((e) => e.data)).toEqual([{ user_id: 1 }]);

      // The default partition, which now takes events older than any partition, is trimmed row by row.
      await recordEvent(db, { actor: 'cli' }, 'user.withdrawn', { user_id: 3 });
      await db.execute(sql`update events set occurred_at = now() - interval '400 days' where user_id = 3`);
      await db.execute(sql`delete from event_outbox where event_id = (select id from events where user_id = 3)`);
      expect(await trimOldEvents(db, 365, 1000, 10)).toBe(1);
      expect((await eventsWithDelivery(db)).map((e) => e.userId)).toEqual([1]);
    } finally {
      await drop();
    }
  });
});
