import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { retryDelaySeconds, signedDelivery } from '../src/events/delivery.js';
import { countByState } from '../src/events/outbox.js';
import { cliFor } from './cli-helpers.js';
import { eventsWithDelivery } from './event-rows.js';
import { PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';
import { WEBHOOK_SECRET, WebhookReceiver } from './webhook-receiver.js';

useFileDatabase();

/** Account events POSTed to the product, signed as Standard Webhooks says, off the request path. */
let t: TestApp;
let receiver: WebhookReceiver;
afterEach(async () => {
  await t?.close();
  await receiver?.stop();
});

async function withReceiver(env: Record<string, string> = {}) {
  receiver = new WebhookReceiver();
  const url = await receiver.start();
  t = await startApp({ EVENTS_WEBHOOK_URL: url, EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET, ...env });
}

const stateOf = async (type: string) => (await eventsWithDelivery(t.database.db)).find((e) => e.type === type)!;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(50);
  }
}

describe('webhook delivery', () => {
  it('POSTs each event as {id, type, timestamp, data}, verified by the standardwebhooks library, and marks it delivered', async () => {
    await withReceiver();
    const { id } = await t.signUp();
    const got = await receiver.waitFor((r) => JSON.parse(r.body).type === 'user.created');
    const payload = got.verified();
    const row = await stateOf('user.created');
    expect(payload).toEqual({
      id: row.id,
      type: 'user.created',
      timestamp: row.occurredAt.toISOString(),
      data: { user: { id, email: 'kim@example.com', name: '김동우', nickname: 'dongwoo', phone_number: '+821012345678' } },
    });
    expect(got.headers['webhook-id']).toBe(row.id);
    expect(got.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(10);
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const delivered = await until(() => stateOf('user.created'), (r) => r.deliveryState === 'delivered');
    expect(delivered).toMatchObject({ deliveryState: 'delivered', attempts: 1, lastError: null });
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
  });

  it('enqueues nothing without EVENTS_WEBHOOK_URL: no event is pending, none waits for a sender that does not exist', async () => {
    t = await startApp();
    await t.signUp();
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    const recorded = await eventsWithDelivery(t.database.db);
    expect(recorded.map((e) => e.type)).toEqual(['user.created', 'session.created']);
    expect(recorded.map((e) => e.deliveryState)).toEqual(['skipped', 'skipped']);
    expect(await countByState(t.database.db)).toEqual({ pending: 0, failed: 0 });
  });

  it('signs so that another secret, or a changed body, fails verification', () => {
    const d = signedDelivery({ id: 'a1b2', type: 'user.withdrawn', occurredAt: new Date(), data: { user_id: 7 } }, WEBHOOK_SECRET);
    expect(new Webhook(WEBHOOK_SECRET).verify(d.body, d.headers)).toMatchObject({ type: 'user.withdrawn', data: { user_id: 7 } });
    const other = `whsec_${Buffer.alloc(32, 8).toString('base64')}`;
    expect(() => new Webhook(other).verify(d.body, d.headers)).toThrow();
    expect(() => new Webhook(WEBHOOK_SECRET).verify(d.body.replace('7', '8'), d.headers)).toThrow();
  });

  it('sends no login.failed by default (kept in the audit log only), and sends what EVENTS_WEBHOOK_TYPES names', async () => {
    await withReceiver();
    await t.signUp();
    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Password-1' })).status).toBe(401);
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    await receiver.waitFor((r) => JSON.parse(r.body).type === 'session.created');
    expect(receiver.ofType('login.failed')).toEqual([]);
    expect((await until(() => stateOf('login.failed'), (r) => r.deliveryState !== 'pending')).deliveryState).toBe('skipped');
    await t.close();
    await receiver.stop();

    await withReceiver({ EVENTS_WEBHOOK_TYPES: 'login.failed' });
    expect((await t.post('/login', { email: 'nobody@example.com', password: PASSWORD })).status).toBe(401);
    expect((await receiver.waitFor(() => true)).verified()).toMatchObject({ type: 'login.failed', data: { user_id: null, reason: 'unknown_account' } });
  });

  it('keeps trying while the receiver is down and delivers once it is back (after about 5 s)', async () => {
    await withReceiver();
    const port = Number(new URL(receiver.url).port);
    await receiver.stop();
    await t.signUp();
    const failedOnce = await until(() => stateOf('user.created'), (r) => r.lastError !== null);
    expect(failedOnce).toMatchObject({ deliveryState: 'pending', attempts: 1, lastError: 'connection failed' });
    expect(failedOnce.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(2_000);

    await receiver.start(port);
    const got = await receiver.waitFor(() => true, 15_000);
    expect(got.verified().type).toBe('user.created');
    expect(await until(() => stateOf('user.created'), (r) => r.deliveryState === 'delivered')).toMatchObject({ attempts: 2, lastError: null });
  }, 30_000);

  it('never slows a request: a receiver that does not answer times out off the request path', async () => {
    await withReceiver({ EVENTS_WEBHOOK_TIMEOUT_MS: '1500' });
    receiver.answer = () => 'hang';
    const started = Date.now();
    await t.signUp();
    await receiver.waitFor(() => true);
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await until(() => stateOf('user.created'), (r) => r.lastError !== null)).toMatchObject({ lastError: 'timeout', deliveryState: 'pending' });
  });

  it('keeps an event as failed after EVENTS_MAX_ATTEMPTS; the CLI lists it and sends it again', async () => {
    await withReceiver({ EVENTS_MAX_ATTEMPTS: '1' });
    receiver.answer = () => 500;
    await t.signUp();
    const failed = await until(() => stateOf('user.created'), (r) => r.deliveryState === 'failed');
    expect(failed).toMatchObject({ deliveryState: 'failed', attempts: 1, lastError: 'HTTP 500' });

    const cli = cliFor(t.database);
    const listed = await cli('events', 'failed', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual([
      { id: failed.id, type: 'user.created', user_id: 1, occurred_at: failed.occurredAt.toISOString(), attempts: 1, last_error: 'HTTP 500' },
    ]);
    expect((await cli('events', 'failed')).out).toMatch(new RegExp(`^${failed.id}\\s+user\\.created\\s+1\\s+.*HTTP 500$`, 'm'));

    receiver.answer = () => 200;
    const retried = await cli('events', 'retry', failed.id);
    expect(retried).toMatchObject({ code: 0 });
    await until(() => stateOf('user.created'), (r) => r.deliveryState === 'delivered');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.verified().id).toBe(failed.id);
    expect(JSON.parse((await cli('events', 'failed', '--json')).out)).toEqual([]);

    expect(await cli('events', 'retry', failed.id)).toMatchObject({ code: 1, err: `no failed event ${failed.id}` });
    expect((await cli('events', 'retry', 'not-an-id')).code).toBe(2);
  });

  it('waits about 5 s, 30 s, 2 min, 10 min, 30 min, then hourly between attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 11].map(retryDelaySeconds)).toEqual([5, 30, 120, 600, 1800, 3600, 3600]);
  });

  it('refuses a webhook URL without a secret, and a secret that is not whsec_ and 24+ random bytes', async () => {
    receiver = new WebhookReceiver();
    await expect(startApp({ EVENTS_WEBHOOK_URL: 'http://127.0.0.1:9/x' })).rejects.toThrow(/EVENTS_WEBHOOK_SECRET/);
    for (const bad of ['secret', `whsec_${Buffer.alloc(16).toString('base64')}`, 'whsec_not base64!']) {
      await expect(startApp({ EVENTS_WEBHOOK_URL: 'http://127.0.0.1:9/x', EVENTS_WEBHOOK_SECRET: bad })).rejects.toThrow(/EVENTS_WEBHOOK_SECRET/);
    }
    await expect(startApp({ EVENTS_WEBHOOK_TYPES: 'user.created,user.exploded' })).rejects.toThrow(/EVENTS_WEBHOOK_TYPES/);
  });
});
