import { eq, like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneVerifications, rateLimits } from '../src/db/schema/index.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Guessing SMS keys as an attacker would (issue 13, findings 1 and 3): many guesses at once,
 * and guesses spread over several keys of one phone. On PostgreSQL (TEST_DATABASE_URL) the
 * guesses run on 20 connections at once.
 */
let t: TestApp;
afterEach(async () => t?.close());

const e164 = (phone: string) => `+82${phone.replace(/\D/g, '').slice(1)}`;
const keysOf = async (phone: string) =>
  t.database.db.select().from(phoneVerifications).where(eq(phoneVerifications.phoneNumber, e164(phone)));
const failureCounters = async () =>
  (await t.database.db.select().from(rateLimits).where(like(rateLimits.bucket, 'sms-key-failures:%'))).map((r) => r.count);

/** `n` six-digit keys, none of them `right`. */
const wrongKeys = (n: number, right: string) =>
  Array.from({ length: n + 1 }, (_, i) => String(100000 + i * 7919)).filter((k) => k !== right).slice(0, n);

async function sendKey(phone: string): Promise<string> {
  expect((await t.post('/phone-verify', { phone_number: phone })).status).toBe(201);
  return t.sms.lastKey(e164(phone));
}

describe('guesses racing on one key', () => {
  it('compares at most OTP_MAX_ATTEMPTS of 40 wrong keys and the right one sent at once, and the right one wins only within the limit', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '5', OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '100000' });
    // The right key last, first or in the middle, over several trials, each on a phone of its own.
    const counted: number[] = [];
    for (const [trial, position] of [40, 0, 40, 20, 40, 10].entries()) {
      const phone = `010-4000-${1000 + trial}`;
      const right = await sendKey(phone);
      const keys = wrongKeys(40, right);
      keys.splice(position, 0, right);
      const results = await Promise.all(keys.map((key) => t.post('/phone-verify/confirm', { phone_number: phone, key })));

      const [row] = await keysOf(phone);
      // Every wrong key compared was counted on the row, in the same step as its comparison.
      expect(row!.attempts).toBeLessThanOrEqual(5);
      const rightStatus = results[position]!.status;
      if (rightStatus === 200) expect(row!.attempts, `trial ${trial}`).toBeLessThan(5);
      else expect([rightStatus, row!.attempts], `trial ${trial}`).toEqual([401, 5]);
      // Sent after the 40 wrong keys, the right one reaches the database after more than
      // OTP_MAX_ATTEMPTS of them (the pool has 20 connections), so it must never win.
      if (position === 40) expect(rightStatus, `trial ${trial}`).toBe(401);
      results.forEach((r, i) => i !== position && expect(r.status).toBe(401));
      // The phone's failure budget saw exactly the wrong keys that were compared.
      expect((await failureCounters()).sort((a, b) => a - b)).toEqual([...counted, row!.attempts].filter((n) => n > 0).sort((a, b) => a - b));
      counted.push(row!.attempts);
    }
  });

  it('compares exactly OTP_MAX_FAILURES_PER_PHONE_PER_DAY wrong keys among 40 sent at once, and refuses the rest with 429', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '5', OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '3' });
    const right = await sendKey('010-4100-0001');
    const results = await Promise.all(
      wrongKeys(40, right).map((key) => t.post('/phone-verify/confirm', { phone_number: '010-4100-0001', key })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(37);
    for (const r of results.filter((r) => r.status === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(86_000);
    expect((await keysOf('010-4100-0001'))[0]!.attempts).toBe(3);
    expect(await failureCounters()).toEqual([3]);
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-4100-0001', key: right })).status).toBe(429);
  });
});

describe('the daily failure budget of a phone (OTP_MAX_FAILURES_PER_PHONE_PER_DAY)', () => {
  it('counts wrong keys over all of a phone’s keys, is not reset by a new key, and holds even for the right key of a key already guessed at, until the day has passed', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '5', OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '7' });
    const phone = '010-4200-0001';
    const first = await sendKey(phone);
    for (const key of wrongKeys(5, first)) expect((await t.post('/phone-verify/confirm', { phone_number: phone, key })).status).toBe(401);
    // The dead key takes no more guesses, so they are not counted either.
    expect((await t.post('/phone-verify/confirm', { phone_number: phone, key: '999999' })).status).toBe(401);

    const second = await sendKey(phone);
    for (const key of wrongKeys(2, second)) expect((await t.post('/phone-verify/confirm', { phone_number: phone, key })).status).toBe(401);
    const refused = await t.post('/phone-verify/confirm', { phone_number: phone, key: second }, { 'accept-language': 'en' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_000);
    expect(refused.body.detail).toMatch(/^Too many wrong verification keys for this phone number\. Try again in \d+ seconds\.$/);
    expect(refused.body.code).toBe('sms_key_failures');

    // A third key does not reset the count: a wrong guess at it is its only one. Another
    // phone is not affected.
    const third = await sendKey(phone);
    expect((await t.post('/phone-verify/confirm', { phone_number: phone, key: wrongKeys(1, third)[0] })).status).toBe(401);
    expect((await t.post('/phone-verify/confirm', { phone_number: phone, key: third })).status).toBe(429);
    expect(await t.verifyPhone('010-4200-0002')).toMatch(/^[0-9a-f]{32}$/);

    // Once the day has passed, the right key works again.
    await t.database.db.update(rateLimits).set({ expiresAt: new Date(Date.now() - 1000) }).where(like(rateLimits.bucket, 'sms-key-failures:%'));
    const fourth = await sendKey(phone);
    expect((await t.post('/phone-verify/confirm', { phone_number: phone, key: fourth })).status).toBe(200);
  });

  it('does not let a stranger who spent it shut the owner out: past it a key gets one try, from the client that asked for it', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '5', OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '7', OTP_RESEND_COOLDOWN_SECONDS: '0' });
    const from = (ip: string, url: string, payload: object) => t.request({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress: ip });
    const phone = '010-4300-0001';
    const keyFrom = async (ip: string) => {
      expect((await from(ip, '/phone-verify', { phone_number: phone })).status).toBe(201);
      return t.sms.lastKey(e164(phone));
    };
    // The attacker asks for keys to the owner's phone and guesses until the budget is spent.
    const attackers = ['203.0.113.7', '203.0.113.8'];
    let spent = false;
    for (let i = 0; !spent && i < 4; i++) {
      const key = await keyFrom(attackers[i % 2]!);
      for (const guess of wrongKeys(5, key)) {
        const answer = await from(attackers[i % 2]!, '/phone-verify/confirm', { phone_number: phone, key: guess });
        if (answer.status === 429) spent = true;
        if (spent) break;
      }
    }
    expect(spent).toBe(true);

    // The owner asks for a key and types it: in, the budget spent or not.
    const owner = '198.51.100.20';
    const ownersKey = await keyFrom(owner);
    // The attacker's guesses reach no key but its own: the owner's is untouched by them.
    expect((await from(attackers[0]!, '/phone-verify/confirm', { phone_number: phone, key: wrongKeys(1, ownersKey)[0] })).status).toBe(429);
    const confirmed = await from(owner, '/phone-verify/confirm', { phone_number: phone, key: ownersKey });
    expect(confirmed.status).toBe(200);

    // Each key the attacker sends buys it one guess, and that guess is the key's last.
    const attackersKey = await keyFrom(attackers[0]!);
    const guesses: number[] = [];
    for (const guess of [...wrongKeys(1, attackersKey), attackersKey]) {
      guesses.push((await from(attackers[0]!, '/phone-verify/confirm', { phone_number: phone, key: guess })).status);
    }
    expect(guesses).toEqual([401, 429]);
  });

  it('refuses key login for that phone with 429 and Retry-After, even with the right key, and leaves password login open', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '5', OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '3' });
    await t.signUp();
    const right = await sendKey('010-1234-5678');
    for (const key of wrongKeys(3, right)) {
      expect((await t.post('/login', { email: 'kim@example.com', key })).status).toBe(401);
    }
    const byEmail = await t.post('/login', { email: 'kim@example.com', key: right });
    expect(byEmail.status).toBe(429);
    expect(Number(byEmail.headers['retry-after'])).toBeGreaterThan(86_000);
    expect((await t.post('/login', { phone_number: '010-1234-5678', key: right })).status).toBe(429);
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: right })).status).toBe(429);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
  });

  it('answers key logins naming a number without an account as it answers a known one: a key sent there is guessed against that number’s budget', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '5', OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '3' });
    await t.signUp();
    const statuses = async (phone: string) => {
      const right = await sendKey(phone);
      const answers: number[] = [];
      for (const key of wrongKeys(3, right)) answers.push((await t.post('/login', { phone_number: phone, key })).status);
      answers.push((await t.post('/login', { phone_number: phone, key: right })).status);
      return answers;
    };
    const known = await statuses('010-1234-5678');
    expect(known).toEqual([401, 401, 401, 429]);
    expect(await statuses('010-5555-0001')).toEqual(known);
    expect(await statuses('010-5555-0002')).toEqual(known);
  });
});
