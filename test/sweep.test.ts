import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteBatch } from '../src/db/delete-batch.js';
import { events, phoneVerifications, rateLimits, sessions, smsConversion } from '../src/db/schema/index.js';
import { sweepAlone, sweepExpired } from '../src/sweep.js';
import { DELIVERY_STATES, type DeliveryState, eventsWithDelivery, setDeliveryState } from './event-rows.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

describe('sweeping expired rows', () => {
  it('deletes old keys, closed counters and long-ended sessions, and keeps live ones', async () => {
    t = await startApp();
    await t.signUp();
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    const old = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const db = t.database.db;
    await db.update(phoneVerifications).set({ createdAt: sql`now() - interval '3 days'` }).where(sql`id = 1`);
    await db.insert(rateLimits).values({ bucket: 'old', count: 1, windowStart: sql`now() - interval '3 days'`, expiresAt: sql`now() - interval '2 days'` });
    await db.insert(rateLimits).values({ bucket: 'live', count: 1, windowStart: sql`now()`, expiresAt: sql`now() + interval '1 hour'` });
    const oldSid = JSON.parse(Buffer.from(old.refresh.split('.')[1]!, 'base64url').toString()).sid;
    await db.update(sessions).set({ expiresAt: sql`now() - interval '31 days'` }).where(sql`id = ${oldSid}`);
    await db.insert(smsConversion).values([
      { countryCode: '999', slot: sql`now() - interval '3 days'`, sent: 1 },
      { countryCode: '999', slot: sql`date_trunc('minute', now())`, sent: 1 },
    ]);

    await sweepExpired(db, 600);

    expect((await db.select().from(phoneVerifications)).map((r) => r.id)).not.toContain(1);
    const buckets = (await db.select().from(rateLimits)).map((r) => r.bucket);
    expect(buckets).toContain('live');
    expect(buckets).not.toContain('old');
    const left = await db.select().from(sessions);
    expect(left).toHaveLength(1);
    expect(left[0]!.id).not.toBe(oldSid);
    const slots = await db.select().from(smsConversion).where(sql`country_code = '999'`);
    expect(slots).toHaveLength(1);
    expect(slots[0]!.slot.getTime()).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it('deletes a batch at a time, the oldest first, and only what matches', async () => {
    t = await startApp();
    const db = t.database.db;
    const at = (hours: number) => sql`now() - make_interval(hours => ${hours})`;
    await db.insert(rateLimits).values(
      [50, 40, 30, 1].map((h) => ({ bucket: `b${h}`, count: 1, windowStart: at(h + 1), expiresAt: at(h) })),
    );
    const where = sql`${rateLimits.expiresAt} < now() - interval '1 day'`;
    expect(await deleteBatch(db, rateLimits, where, sql`${rateLimits.expiresAt}`, 2)).toBe(2);
    expect((await db.select().from(rateLimits)).map((r) => r.bucket).sort()).toEqual(['b1', 'b30']);
    expect(await deleteBatch(db, rateLimits, where, sql`${rateLimits.expiresAt}`, 2)).toBe(1);
    expect(await deleteBatch(db, rateLimits, where, sql`${rateLimits.expiresAt}`, 2)).toBe(0);
    expect((await db.select().from(rateLimits)).map((r) => r.bucket)).toEqual(['b1']);
  });

  it('deletes events past AUDIT_RETENTION_DAYS once delivered or never to be sent, and keeps failed ones and young ones', async () => {
    t = await startApp();
    const db = t.database.db;
    const old = sql`now() - interval '31 days'`;
    const at = async (state: DeliveryState, occurredAt: ReturnType<typeof sql>) => {
      const [e] = await db.insert(events).values({ id: sql`uuid_v7()`, type: 'user.withdrawn', actor: 'cli', userId: 1, data: { user_id: 1 }, occurredAt }).returning();
      await setDeliveryState(db, e!.seq, state);
    };
    for (const state of DELIVERY_STATES) await at(state, old);
    await at('delivered', sql`now() - interval '29 days'`);
    const left = async () => (await eventsWithDelivery(db)).map((e) => `${e.deliveryState}${e.occurredAt < new Date(Date.now() - 30 * 86_400_000) ? ' old' : ''}`).sort();

    await sweepExpired(db, 600, { retentionDays: 30, sending: true });
    expect(await left()).toEqual(['delivered', 'failed old', 'pending old']);
    // With no receiver configured, nothing will ever send the pending ones.
    await sweepExpired(db, 600, { retentionDays: 30, sending: false });
    expect(await left()).toEqual(['delivered', 'failed old']);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('sweeps on one instance at a time: another finds the lock taken and skips its turn', async () => {
    t = await startApp();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const [db] = ((await t.database.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows;
    url.pathname = `/${db!.name}`;
    const holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(727160002)');
      expect(await sweepAlone(t.database, () => sweepExpired(t.database.db, 600))).toBe(false);
      await holder.query('rollback');
      expect(await sweepAlone(t.database, () => sweepExpired(t.database.db, 600))).toBe(true);
    } finally {
      await holder.end();
    }
  });
});
