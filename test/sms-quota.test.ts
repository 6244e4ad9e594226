import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneVerifications } from '../src/db/schema/index.js';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * The resend cooldown and the per-phone caps as an attacker meets them (issue 13, findings
 * 5a and 6): they must neither tell whose phone a number is nor let one client spend a
 * phone's keys and lock its owner out.
 */
let t: TestApp;
afterEach(async () => t?.close());

const from = (ip: string, url: string, payload: object) => t.request({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress: ip });
const sendFrom = (ip: string, phone: string) => from(ip, '/phone-verify', { phone_number: phone });

/** As if `seconds` had passed for every key sent so far (the cooldown runs from a key's creation). */
async function age(seconds: number): Promise<void> {
  await t.database.db
    .update(phoneVerifications)
    .set({ createdAt: sql`${phoneVerifications.createdAt} - ${seconds} * interval '1 second'` });
}

describe('the resend cooldown runs from the last key sent, whatever became of it', () => {
  it('answers a new key request for a phone the same after five wrong-key logins naming an email, whether that email’s phone is this one or not', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '60', OTP_MAX_ATTEMPTS: '5' });
    await t.signUp({ email: 'kim@example.com', phone_number: '010-1234-5678' });
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333' });
    await age(120);

    const probe = async (phone: string) => {
      expect((await sendFrom('203.0.113.66', phone)).status).toBe(201);
      for (let i = 0; i < 5; i++) {
        expect((await from('203.0.113.66', '/login', { email: 'kim@example.com', key: String(100000 + i) })).status).toBe(401);
      }
      const again = await sendFrom('203.0.113.66', phone);
      return { status: again.status, retryAfter: Number(again.headers['retry-after']) };
    };
    // kim's phone (its pending key was just killed by the key logins) and another one.
    const mine = await probe('010-1234-5678');
    const other = await probe('010-2222-3333');
    expect(mine.status).toBe(429);
    expect(other.status).toBe(429);
    expect(mine.retryAfter).toBeGreaterThan(50);
    expect(other.retryAfter).toBeGreaterThan(50);
  });

  it('holds after five wrong confirms killed the key, and lifts once the cooldown has passed', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '60', OTP_MAX_ATTEMPTS: '5' });
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
    for (let i = 0; i < 5; i++) {
      expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: String(100000 + i) })).status).toBe(401);
    }
    const refused = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
    await age(61);
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
  });
});

describe('the hourly per-phone cap counts per requesting client', () => {
  it('lets another client ask for a phone whose hourly cap one client spent, until the daily cap', async () => {
    t = await startApp({ SMS_MAX_PER_PHONE_PER_HOUR: '2', SMS_MAX_PER_PHONE_PER_DAY: '3' });
    expect((await sendFrom('10.0.0.1', '010-1234-5678')).status).toBe(201);
    expect((await sendFrom('10.0.0.1', '010-1234-5678')).status).toBe(201);
    const hourly = await sendFrom('10.0.0.1', '010-1234-5678');
    expect(hourly.status).toBe(429);
    expect(Number(hourly.headers['retry-after'])).toBeGreaterThan(3500);
    expect(Number(hourly.headers['retry-after'])).toBeLessThanOrEqual(3600);

    expect((await sendFrom('10.0.0.2', '010-1234-5678')).status).toBe(201);
    // The daily cap is spent: the client that spent most of it waits the day; a third one
    // waits SMS_PHONE_TRICKLE_SECONDS (issue 24, finding 2: not a day).
    const daily = await sendFrom('10.0.0.1', '010-1234-5678');
    expect(daily.status).toBe(429);
    expect(Number(daily.headers['retry-after'])).toBeGreaterThan(86_000);
    const third = await sendFrom('10.0.0.3', '010-1234-5678');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(850);
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(t.sms.sent).toHaveLength(3);
  });

  it('leaves the owner a key after a client sent the phone keys and killed each with wrong confirms, as fast as it could', async () => {
    t = await startApp({
      OTP_RESEND_COOLDOWN_SECONDS: '60',
      OTP_MAX_ATTEMPTS: '5',
      SMS_MAX_PER_PHONE_PER_HOUR: '5',
      SMS_MAX_PER_PHONE_PER_DAY: '10',
      OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '1000',
    });
    const attack = async () => {
      const statuses: number[] = [];
      for (let send = 0; send < 5; send++) {
        const res = await sendFrom('203.0.113.66', '010-1234-5678');
        statuses.push(res.status);
        if (res.status !== 201) break;
        for (let i = 0; i < 5; i++) await from('203.0.113.66', '/phone-verify/confirm', { phone_number: '010-1234-5678', key: String(100000 + i) });
      }
      return statuses;
    };
    // At full speed the dead keys no longer lift the cooldown: one send, then 429.
    expect(await attack()).toEqual([201, 429]);
    // Waiting out the cooldown each time, the client gets its hourly five, then 429.
    for (let i = 0; i < 4; i++) {
      await age(61);
      expect((await sendFrom('203.0.113.66', '010-1234-5678')).status).toBe(201);
    }
    await age(61);
    expect((await sendFrom('203.0.113.66', '010-1234-5678')).status).toBe(429);
    // The owner, elsewhere, still gets a key and uses it.
    const owner = await sendFrom('198.51.100.7', '010-1234-5678');
    expect(owner.status).toBe(201);
    const confirmed = await from('198.51.100.7', '/phone-verify/confirm', { phone_number: '010-1234-5678', key: t.sms.lastKey() });
    expect(confirmed.status).toBe(200);
  });
});

describe('the daily per-phone cap, which strangers can spend (issue 24, finding 2)', () => {
  const CAPS = {
    OTP_RESEND_COOLDOWN_SECONDS: '60',
    SMS_MAX_PER_PHONE_PER_HOUR: '5',
    SMS_MAX_PER_PHONE_PER_DAY: '10',
    SMS_MAX_PER_IP_PER_HOUR: '30',
  };
  const PHONE = '010-1234-5678';
  /** Nine requests from two IPs, a cooldown apart, as the attack of the issue sent them. */
  async function nineFromTwoIps(): Promise<void> {
    for (let i = 0; i < 9; i++) {
      await age(61);
      expect((await sendFrom(i < 5 ? '203.0.113.66' : '203.0.113.67', PHONE)).status).toBe(201);
    }
  }

  it('does not lock the owner, from a third IP, out for a day after nine requests from two IPs', async () => {
    t = await startApp(CAPS);
    await nineFromTwoIps();
    // The owner asks: the day's tenth key, which does not arrive (or is not used) …
    await age(61);
    expect((await sendFrom('198.51.100.7', PHONE)).status).toBe(201);
    // … so the owner asks again: the day is spent, but the wait is SMS_PHONE_TRICKLE_SECONDS, not a day.
    await age(61);
    const again = await sendFrom('198.51.100.7', PHONE);
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('throttled');
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(900 - 60);
    // The two IPs that spent the day wait for it to pass.
    for (const ip of ['203.0.113.66', '203.0.113.67']) {
      expect(Number((await sendFrom(ip, PHONE)).headers['retry-after'])).toBeGreaterThan(85_000);
    }
    await age(900);
    expect((await sendFrom('198.51.100.7', PHONE)).status).toBe(201);
    const confirmed = await from('198.51.100.7', '/phone-verify/confirm', { phone_number: PHONE, key: t.sms.lastKey() });
    expect(confirmed.status).toBe(200);
    expect(t.sms.sent).toHaveLength(11);
  });

  it('keeps SMS bombing of one phone bounded past the daily cap: one key per SMS_PHONE_TRICKLE_SECONDS, whoever asks', async () => {
    t = await startApp(CAPS);
    await nineFromTwoIps();
    await age(61);
    expect((await sendFrom('203.0.113.67', PHONE)).status).toBe(201);
    // Twenty fresh IPs at once, right after, and again once the trickle's interval has passed.
    const fresh = (round: number) => Promise.all(Array.from({ length: 20 }, (_, i) => sendFrom(`192.0.2.${round * 20 + i + 1}`, PHONE)));
    expect((await fresh(0)).map((r) => r.status).filter((s) => s === 201)).toHaveLength(0);
    await age(900);
    expect((await fresh(1)).map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    expect(t.sms.sent).toHaveLength(11);
  });

  it('closes the phone for the day with SMS_PHONE_TRICKLE_SECONDS=0', async () => {
    t = await startApp({ ...CAPS, SMS_PHONE_TRICKLE_SECONDS: '0' });
    await nineFromTwoIps();
    await age(61);
    expect((await sendFrom('203.0.113.67', PHONE)).status).toBe(201);
    await age(3600);
    expect(Number((await sendFrom('198.51.100.7', PHONE)).headers['retry-after'])).toBeGreaterThan(80_000);
  });
});
